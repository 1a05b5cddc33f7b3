import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 13): the outbox (`notification_events`, written in the transaction of the
 * change it reports), each person's browser inbox, the email owed per event and address (unique:
 * the idempotency key of a delivery), the mail sent or kept for the development mailbox, and
 * per-person preferences. A new inbox item is announced on channel `pactroom_inbox` (payload: the
 * user's id) so every API process can update that person's open pages. The job queue itself
 * (pg-boss) owns its own schema, `pgboss`, which it creates and migrates when the app starts.
 */
export class CreateNotifications1764700000000 implements MigrationInterface {
  name = 'CreateNotifications1764700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_events" ("id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "pact_id" uuid, "actor_user_id" uuid, "subject_user_id" uuid, "data" jsonb NOT NULL, "dedupe_key" character varying(160), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fanned_out_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_notification_events_dedupe_key" UNIQUE ("dedupe_key"), CONSTRAINT "pk_notification_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_events_pact" ON "notification_events"("pact_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "inbox_items" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "event_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_inbox_items_user_event" UNIQUE ("user_id", "event_id"), CONSTRAINT "pk_inbox_items" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbox_items_user_created" ON "inbox_items"("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "email_deliveries" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "user_id" uuid, "to_address" character varying(254) NOT NULL, "kind" character varying(40) NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "mail_id" uuid, CONSTRAINT "uq_email_deliveries_event_address" UNIQUE ("event_id", "to_address"), CONSTRAINT "pk_email_deliveries" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_email_deliveries_status" ON "email_deliveries"("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outgoing_mail" ("id" uuid NOT NULL, "to_address" character varying(254) NOT NULL, "subject" character varying(300) NOT NULL, "text_body" text NOT NULL, "html_body" text NOT NULL, "message_id" character varying(200) NOT NULL, "transport" character varying(8) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_outgoing_mail" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outgoing_mail_created" ON "outgoing_mail"("created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "mode" character varying(12) NOT NULL, CONSTRAINT "pk_notification_preferences" PRIMARY KEY ("user_id", "kind"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_events" ADD CONSTRAINT "fk_notification_events_pact_id" FOREIGN KEY ("pact_id") REFERENCES "pacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbox_items" ADD CONSTRAINT "fk_inbox_items_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbox_items" ADD CONSTRAINT "fk_inbox_items_event_id" FOREIGN KEY ("event_id") REFERENCES "notification_events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_deliveries" ADD CONSTRAINT "fk_email_deliveries_event_id" FOREIGN KEY ("event_id") REFERENCES "notification_events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE FUNCTION pactroom_notify_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('pactroom_inbox', NEW.user_id::text);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_inbox_items_notify AFTER INSERT OR UPDATE ON "inbox_items" FOR EACH ROW EXECUTE FUNCTION pactroom_notify_inbox()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_inbox_items_notify ON "inbox_items"');
    await queryRunner.query('DROP FUNCTION pactroom_notify_inbox()');
    await queryRunner.query('DROP TABLE "notification_preferences"');
    await queryRunner.query('DROP TABLE "outgoing_mail"');
    await queryRunner.query('DROP TABLE "email_deliveries"');
    await queryRunner.query('DROP TABLE "inbox_items"');
    await queryRunner.query('DROP TABLE "notification_events"');
  }
}
