import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The list index becomes exact (issue 11: one visibility rule the database sees): each pact is
 * filed under the keys of its current state only, replaced on every change under the pact's row
 * lock, so visibility and list filters are read from the keys instead of from SQL that repeated the
 * rule. Keys are a derived index, not a record (the audit trail is the record), so they may now be
 * deleted: the append-only triggers go. Stale keys of databases filled under the old rule are
 * replaced by the app at boot with the TypeScript rule (`maintenance_runs` remembers it ran).
 */
export class ExactListKeys1764600200000 implements MigrationInterface {
  name = 'ExactListKeys1764600200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_pact_list_keys_append_only ON "pact_list_keys"');
    await queryRunner.query('DROP TRIGGER trg_pact_list_keys_no_truncate ON "pact_list_keys"');
    await queryRunner.query(
      `CREATE TABLE "maintenance_runs" ("name" character varying(64) NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_maintenance_runs" PRIMARY KEY ("name"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "maintenance_runs"');
    await queryRunner.query(
      `CREATE TRIGGER trg_pact_list_keys_append_only BEFORE UPDATE OR DELETE ON "pact_list_keys" FOR EACH ROW EXECUTE FUNCTION pactroom_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_pact_list_keys_no_truncate BEFORE TRUNCATE ON "pact_list_keys" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_refuse_change()`,
    );
  }
}
