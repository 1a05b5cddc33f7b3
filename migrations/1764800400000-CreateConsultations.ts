import type { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY = ['consultation_electors', 'consultation_stances'];

/**
 * Members' consultations (issue 15): one per party × region × revision of a pact, who is consulted
 * (fixed at opening) and every stance given. Electors and stances are append-only (the latest
 * stance counts, every change is kept); a consultation row changes once, when it closes or is
 * voided, and is never deleted.
 */
export class CreateConsultations1764800400000 implements MigrationInterface {
  name = 'CreateConsultations1764800400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "consultations" ("id" uuid NOT NULL, "pact_id" uuid NOT NULL, "revision" integer NOT NULL, "party_code" character varying(16) NOT NULL, "region_slug" character varying(32) NOT NULL, "scope" character varying(16) NOT NULL, "local_party_ids" uuid array NOT NULL, "secret" boolean NOT NULL, "quorum" double precision NOT NULL, "threshold" double precision NOT NULL, "electorate" integer NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_by" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "ending" character varying(16), "ended_by" uuid, "result" jsonb, CONSTRAINT "uq_consultations_slot_revision" UNIQUE ("pact_id", "revision", "party_code", "region_slug"), CONSTRAINT "pk_consultations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_consultations_open" ON "consultations"  ("closes_at") WHERE "ended_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "consultation_electors" ("consultation_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "pk_consultation_electors" PRIMARY KEY ("consultation_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "consultation_stances" ("id" BIGSERIAL NOT NULL, "consultation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "stance" character varying(16) NOT NULL, "reason" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_consultation_stances" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_consultation_stances_voter" ON "consultation_stances"  ("consultation_id", "user_id", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "consultations" ADD CONSTRAINT "fk_consultations_pact_id" FOREIGN KEY ("pact_id") REFERENCES "pacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultations" ADD CONSTRAINT "fk_consultations_opened_by" FOREIGN KEY ("opened_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultations" ADD CONSTRAINT "fk_consultations_ended_by" FOREIGN KEY ("ended_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_electors" ADD CONSTRAINT "fk_consultation_electors_consultation_id" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_electors" ADD CONSTRAINT "fk_consultation_electors_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_stances" ADD CONSTRAINT "fk_consultation_stances_consultation_id" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_stances" ADD CONSTRAINT "fk_consultation_stances_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const table of APPEND_ONLY) {
      await queryRunner.query(
        `CREATE TRIGGER trg_${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION pactroom_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER trg_${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_refuse_change()`,
      );
    }
    // A consultation is never deleted, and once ended it stays as it ended.
    await queryRunner.query(
      `CREATE FUNCTION pactroom_consultation_guard() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' OR OLD.ended_at IS NOT NULL THEN
           RAISE EXCEPTION 'consultations are kept as they ended' USING ERRCODE = 'P0001';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_consultations_guard BEFORE UPDATE OR DELETE ON "consultations" FOR EACH ROW EXECUTE FUNCTION pactroom_consultation_guard()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_consultations_no_truncate BEFORE TRUNCATE ON "consultations" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_consultations_no_truncate ON "consultations"`);
    await queryRunner.query(`DROP TRIGGER trg_consultations_guard ON "consultations"`);
    await queryRunner.query(`DROP FUNCTION pactroom_consultation_guard()`);
    for (const table of APPEND_ONLY) {
      await queryRunner.query(`DROP TRIGGER trg_${table}_no_truncate ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER trg_${table}_append_only ON "${table}"`);
    }
    await queryRunner.query(`DROP TABLE "consultation_stances"`);
    await queryRunner.query(`DROP TABLE "consultation_electors"`);
    await queryRunner.query(`DROP TABLE "consultations"`);
  }
}
