import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account management leaves a trail (issue 10): one hash chain per account in
 * `account_audit_events`, append-only like the pact chains and logged in the same Merkle log.
 * Every audit event also records the actor's name as of the event (`actor_name`), so trails and
 * certificates say who acted then; the column is empty on older events, whose hashes never
 * covered a name. Accounts made before this migration get their chain on their first change (an
 * `account.recorded` event stating the account as found).
 */
export class CreateAccountAuditTrail1764600000000 implements MigrationInterface {
  name = 'CreateAccountAuditTrail1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "actor_name" character varying(200)`);
    await queryRunner.query(
      `CREATE TABLE "account_audit_events" ("account_id" uuid NOT NULL, "seq" integer NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, "action" character varying(40) NOT NULL, "actor_user_id" uuid, "actor_role" character varying(16) NOT NULL, "actor_local_party_id" uuid, "actor_party" character varying(16), "actor_region" character varying(32), "actor_name" character varying(200), "payload" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_account_audit_events" PRIMARY KEY ("account_id", "seq"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_audit_events" ADD CONSTRAINT "fk_account_audit_events_account_id" FOREIGN KEY ("account_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_account_audit_events_append_only BEFORE UPDATE OR DELETE ON "account_audit_events" FOR EACH ROW EXECUTE FUNCTION pactroom_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_account_audit_events_no_truncate BEFORE TRUNCATE ON "account_audit_events" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "account_audit_events"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "actor_name"`);
  }
}
