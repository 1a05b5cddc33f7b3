import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live pages: every event appended to a pact's audit chain (each command, the clock's expiry) is
 * announced on channel `pactroom_pacts` as `<pact id>:<seq>:<action>`. PostgreSQL delivers it to
 * every listening process when the transaction commits (so never for a change rolled back), and
 * each process forwards it to the browser streams that may see the pact (apps/api/src/live).
 * The partial index makes a person's unread inbox count (the header badge) a look-up of their
 * unread items only, however long their inbox grows.
 */
export class NotifyPactChanges1764700300000 implements MigrationInterface {
  name = 'NotifyPactChanges1764700300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION pactroom_notify_pact() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('pactroom_pacts', NEW.pact_id::text || ':' || NEW.seq || ':' || NEW.action);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_audit_events_notify AFTER INSERT ON "audit_events" FOR EACH ROW EXECUTE FUNCTION pactroom_notify_pact()`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbox_items_user_unread" ON "inbox_items" ("user_id") WHERE "read_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_inbox_items_user_unread"');
    await queryRunner.query('DROP TRIGGER trg_audit_events_notify ON "audit_events"');
    await queryRunner.query('DROP FUNCTION pactroom_notify_pact()');
  }
}
