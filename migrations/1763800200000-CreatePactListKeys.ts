import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keys each pact is filed under in its current state, in SQL: the same rule as `listKeysOf`
 * (libs/negotiation/src/list-keys.ts) — author; once proposed, officers of every participant and
 * coordinators of every participating party in each region the pact touches (participants' own
 * regions and the current revision's stand-aside regions); members of every participating party
 * once ratified or terminated. The e2e tests check the two agree on every pact they make.
 */
export const CURRENT_LIST_KEYS_SQL = `
  SELECT 'author:' || p.author_local_party_id AS key, p.created_at AS pact_created_at, p.id AS pact_id
    FROM pacts p
  UNION
  SELECT 'officer:' || pp.local_party_id, p.created_at, p.id
    FROM pacts p JOIN pact_participants pp ON pp.pact_id = p.id
   WHERE p.proposed_at IS NOT NULL
  UNION
  SELECT 'coordinator:' || pp.party_code || ':' || r.region_slug, p.created_at, p.id
    FROM pacts p JOIN pact_participants pp ON pp.pact_id = p.id
    JOIN (SELECT pact_id, region_slug FROM pact_participants
          UNION
          SELECT sa.pact_id, sa.region_slug FROM pact_stand_asides sa
            JOIN pacts cur ON cur.id = sa.pact_id AND sa.revision_number = cur.current_revision) r
      ON r.pact_id = p.id
   WHERE p.proposed_at IS NOT NULL
  UNION
  SELECT 'member:' || pp.party_code, p.created_at, p.id
    FROM pacts p JOIN pact_participants pp ON pp.pact_id = p.id
   WHERE p.status IN ('ratified', 'terminated')`;

/**
 * The list index (apps/api/src/pacts/entities/pact-list-key.entity.ts): "the pacts I may see,
 * newest first" reads one short index range per key of the user instead of filtering every pact.
 * Filled here for the pacts that exist; the app adds keys with every change after that.
 */
export class CreatePactListKeys1763800200000 implements MigrationInterface {
  name = 'CreatePactListKeys1763800200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pact_list_keys" ("key" character varying(80) NOT NULL, "pact_created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "pact_id" uuid NOT NULL, CONSTRAINT "pk_pact_list_keys" PRIMARY KEY ("key", "pact_created_at", "pact_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_list_keys" ADD CONSTRAINT "fk_pact_list_keys_pact_id" FOREIGN KEY ("pact_id") REFERENCES "pacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "pact_list_keys" ("key", "pact_created_at", "pact_id") ${CURRENT_LIST_KEYS_SQL}`,
    );
    // Append-only like the revisions and the audit trail (the function comes with those tables).
    await queryRunner.query(
      `CREATE TRIGGER trg_pact_list_keys_append_only BEFORE UPDATE OR DELETE ON "pact_list_keys" FOR EACH ROW EXECUTE FUNCTION pactroom_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_pact_list_keys_no_truncate BEFORE TRUNCATE ON "pact_list_keys" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "pact_list_keys"`);
  }
}
