import type { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY = ['candidate_imports', 'nominations', 'contest_changes'];

/**
 * Compliance after nominations: each import of candidates for a contest (a statement of persons
 * nominated) and the candidates it listed, both append-only — a later import naming a
 * constituency supersedes earlier ones for that constituency. `contest_changes` (polling days
 * set by admins) becomes append-only too.
 */
export class CreateNominations1764800200000 implements MigrationInterface {
  name = 'CreateNominations1764800200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "candidate_imports" ("id" BIGSERIAL NOT NULL, "contest_id" character varying(32) NOT NULL, "layout" character varying(32) NOT NULL, "source" character varying(200) NOT NULL, "rows_read" integer NOT NULL, "candidates" integer NOT NULL, "constituencies" integer NOT NULL, "problems" jsonb NOT NULL, "imported_by" uuid NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_candidate_imports" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "nominations" ("id" BIGSERIAL NOT NULL, "import_id" bigint NOT NULL, "contest_id" character varying(32) NOT NULL, "ons_code" character varying(9) NOT NULL, "party_code" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "ballot_paper_id" character varying(100), CONSTRAINT "pk_nominations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_nominations_contest_seat" ON "nominations"  ("contest_id", "ons_code", "import_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "candidate_imports" ADD CONSTRAINT "fk_candidate_imports_contest_id" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidate_imports" ADD CONSTRAINT "fk_candidate_imports_imported_by" FOREIGN KEY ("imported_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nominations" ADD CONSTRAINT "fk_nominations_import_id" FOREIGN KEY ("import_id") REFERENCES "candidate_imports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const table of APPEND_ONLY) {
      await queryRunner.query(
        `CREATE TRIGGER trg_${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION pactroom_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER trg_${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_refuse_change()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of APPEND_ONLY) {
      await queryRunner.query(`DROP TRIGGER trg_${table}_no_truncate ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER trg_${table}_append_only ON "${table}"`);
    }
    await queryRunner.query(`DROP TABLE "nominations"`);
    await queryRunner.query(`DROP TABLE "candidate_imports"`);
  }
}
