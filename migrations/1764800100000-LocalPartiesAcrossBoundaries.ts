import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Local parties across boundary changes (issue 14): a local party may cover seats on several
 * boundary sets (derived from its seats, so `boundary_set` becomes nullable, unused, and is
 * cleared), can be edited and retired (`retired_at`, `retired_by`, `retirement_reason`; nothing
 * deleted: a removed seat is marked `removed_at`), and its changes are recorded in the
 * append-only `local_party_events`.
 *
 * Names: trimmed, non-blank, unique per party and region among active local parties whatever
 * their case (was: unique per party, exactly). Rows from before are made to fit first — names
 * trimmed, a blank name replaced by "Unnamed local party <id prefix>", and a name that now
 * clashes (same party, region and name but for case) gets " (2)", " (3)"… after the oldest.
 *
 * Seats: an active local party may not cover a seat another active local party of the same party
 * covers. The rule spans two tables, so a trigger enforces it, taking a transaction advisory lock
 * per party so that two concurrent writers cannot both pass; duplicates already stored are left
 * as they are (the trigger checks only what is written from now on).
 */
export class LocalPartiesAcrossBoundaries1764800100000 implements MigrationInterface {
  name = 'LocalPartiesAcrossBoundaries1764800100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "local_parties" DROP CONSTRAINT "uq_local_parties_party_code_name"`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_parties" ALTER COLUMN "boundary_set" DROP NOT NULL`,
    );
    await queryRunner.query(`UPDATE "local_parties" SET "boundary_set" = NULL`);
    await queryRunner.query(
      `ALTER TABLE "local_parties" ADD "retired_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "local_parties" ADD "retired_by" uuid`);
    await queryRunner.query(
      `ALTER TABLE "local_parties" ADD "retirement_reason" character varying(500)`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_parties" ADD CONSTRAINT "fk_local_parties_retired_by" FOREIGN KEY ("retired_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_party_constituencies" ADD "removed_at" TIMESTAMP WITH TIME ZONE`,
    );

    // Existing names made to fit the new rules before they are enforced.
    await queryRunner.query(
      `UPDATE "local_parties" SET "name" = btrim("name") WHERE "name" <> btrim("name")`,
    );
    await queryRunner.query(
      `UPDATE "local_parties" SET "name" = 'Unnamed local party ' || left("id"::text, 8) WHERE "name" = ''`,
    );
    await queryRunner.query(
      `UPDATE "local_parties" lp SET "name" = left(d."name", 190) || ' (' || d.n || ')'
         FROM (SELECT "id", "name", row_number() OVER (
                 PARTITION BY "party_code", "region_slug", lower("name") ORDER BY "created_at", "id") AS n
                 FROM "local_parties" WHERE "retired_at" IS NULL) d
        WHERE d."id" = lp."id" AND d.n > 1`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_parties" ADD CONSTRAINT "ck_local_parties_name_not_blank" CHECK (btrim("name") <> '')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_local_parties_active_name" ON "local_parties" ("party_code", "region_slug", lower("name")) WHERE "retired_at" IS NULL`,
    );

    await queryRunner.query(
      `CREATE FUNCTION pactroom_local_party_seat_unique() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         own local_parties%ROWTYPE;
         clash varchar;
       BEGIN
         IF NEW.removed_at IS NOT NULL THEN
           RETURN NEW;
         END IF;
         SELECT * INTO own FROM local_parties WHERE id = NEW.local_party_id;
         IF own.retired_at IS NOT NULL THEN
           RETURN NEW;
         END IF;
         -- Serialises writers of one party's seats; each statement below then sees what they committed.
         PERFORM pg_advisory_xact_lock(hashtextextended('pactroom:local-party-seats:' || own.party_code, 0));
         SELECT o.name INTO clash
           FROM local_party_constituencies oc JOIN local_parties o ON o.id = oc.local_party_id
          WHERE oc.constituency_id = NEW.constituency_id AND oc.removed_at IS NULL
            AND o.party_code = own.party_code AND o.retired_at IS NULL AND o.id <> own.id
          LIMIT 1;
         IF clash IS NOT NULL THEN
           RAISE EXCEPTION 'constituency % is already covered by the active local party %', NEW.constituency_id, clash
             USING ERRCODE = 'unique_violation', CONSTRAINT = 'uq_local_parties_active_seat';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_local_party_constituencies_seat_unique BEFORE INSERT OR UPDATE ON "local_party_constituencies" FOR EACH ROW EXECUTE FUNCTION pactroom_local_party_seat_unique()`,
    );

    await queryRunner.query(
      `CREATE TABLE "local_party_events" ("id" BIGSERIAL NOT NULL, "local_party_id" uuid NOT NULL, "action" character varying(40) NOT NULL, "actor_user_id" uuid, "actor_role" character varying(16) NOT NULL, "actor_name" character varying(200), "payload" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_local_party_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_local_party_events_local_party_id" ON "local_party_events" ("local_party_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_party_events" ADD CONSTRAINT "fk_local_party_events_local_party_id" FOREIGN KEY ("local_party_id") REFERENCES "local_parties"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_local_party_events_append_only BEFORE UPDATE OR DELETE ON "local_party_events" FOR EACH ROW EXECUTE FUNCTION pactroom_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_local_party_events_no_truncate BEFORE TRUNCATE ON "local_party_events" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "local_party_events"`);
    await queryRunner.query(
      `DROP TRIGGER trg_local_party_constituencies_seat_unique ON "local_party_constituencies"`,
    );
    await queryRunner.query(`DROP FUNCTION pactroom_local_party_seat_unique()`);
    await queryRunner.query(`DROP INDEX "uq_local_parties_active_name"`);
    await queryRunner.query(
      `ALTER TABLE "local_parties" DROP CONSTRAINT "ck_local_parties_name_not_blank"`,
    );
    await queryRunner.query(`ALTER TABLE "local_party_constituencies" DROP COLUMN "removed_at"`);
    await queryRunner.query(
      `ALTER TABLE "local_parties" DROP CONSTRAINT "fk_local_parties_retired_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_parties" DROP COLUMN "retirement_reason", DROP COLUMN "retired_by", DROP COLUMN "retired_at"`,
    );
    // The one boundary set a local party had before: the oldest its seats are on.
    await queryRunner.query(
      `UPDATE "local_parties" lp SET "boundary_set" = COALESCE((SELECT min(c.boundary_set)
         FROM local_party_constituencies lc JOIN constituencies c ON c.id = lc.constituency_id
        WHERE lc.local_party_id = lp.id), '2010')`,
    );
    await queryRunner.query(`ALTER TABLE "local_parties" ALTER COLUMN "boundary_set" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "local_parties" ADD CONSTRAINT "uq_local_parties_party_code_name" UNIQUE ("party_code", "name")`,
    );
  }
}
