import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows are never updated or deleted. */
const APPEND_ONLY = [
  'audit_events',
  'audit_checkpoints',
  'pact_revisions',
  'pact_stand_asides',
  'pact_signatures',
  'pact_approvals',
];

/** Pacts, their immutable revisions, signatures and approvals, idempotency keys, the audit trail. */
export class CreatePactsAndAuditTrail1763800100000 implements MigrationInterface {
  name = 'CreatePactsAndAuditTrail1763800100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_checkpoints" ("seq" integer NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, "signature" text NOT NULL, "key_id" character(64) NOT NULL, "heads" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_audit_checkpoints" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pacts" ("id" uuid NOT NULL, "title" character varying(200) NOT NULL, "election_code" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "author_local_party_id" uuid NOT NULL, "current_revision" integer NOT NULL, "respond_by" TIMESTAMP WITH TIME ZONE NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_pacts_current_revision" CHECK ("current_revision" >= 1), CONSTRAINT "ck_pacts_status" CHECK ("status" IN ('draft', 'proposed', 'signed', 'ratified', 'declined', 'withdrawn', 'expired', 'rejected', 'terminated')), CONSTRAINT "pk_pacts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_pacts_status" ON "pacts"  ("status")`);
    await queryRunner.query(
      `CREATE INDEX "ix_pacts_created_at_id" ON "pacts"  ("created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("pact_id" uuid NOT NULL, "seq" integer NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, "action" character varying(40) NOT NULL, "actor_user_id" uuid, "actor_role" character varying(16) NOT NULL, "actor_local_party_id" uuid, "actor_party" character varying(16), "actor_region" character varying(32), "payload" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_audit_events" PRIMARY KEY ("pact_id", "seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_occurred_at" ON "audit_events"  ("occurred_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "status_code" integer, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_idempotency_keys" PRIMARY KEY ("user_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pact_revisions" ("pact_id" uuid NOT NULL, "number" integer NOT NULL, "hash" character(64) NOT NULL, "canonical_terms" text NOT NULL, "author_local_party_id" uuid NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_pact_revisions" PRIMARY KEY ("pact_id", "number"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pact_approvals" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "pact_id" uuid NOT NULL, "revision_number" integer NOT NULL, "party_code" character varying(16) NOT NULL, "region_slug" character varying(32) NOT NULL, "hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_pact_approvals_slot_revision" UNIQUE ("pact_id", "revision_number", "party_code", "region_slug"), CONSTRAINT "pk_pact_approvals" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pact_participants" ("pact_id" uuid NOT NULL, "local_party_id" uuid NOT NULL, "party_code" character varying(16) NOT NULL, "region_slug" character varying(32) NOT NULL, CONSTRAINT "pk_pact_participants" PRIMARY KEY ("pact_id", "local_party_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pact_participants_party_code_region_slug" ON "pact_participants"  ("party_code", "region_slug")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pact_participants_local_party_id" ON "pact_participants"  ("local_party_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "pact_signatures" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "pact_id" uuid NOT NULL, "revision_number" integer NOT NULL, "local_party_id" uuid NOT NULL, "hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_pact_signatures_participant_revision" UNIQUE ("pact_id", "revision_number", "local_party_id"), CONSTRAINT "pk_pact_signatures" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pact_stand_asides" ("pact_id" uuid NOT NULL, "revision_number" integer NOT NULL, "party_code" character varying(16) NOT NULL, "ons_code" character varying(9) NOT NULL, "beneficiary_party" character varying(16) NOT NULL, "region_slug" character varying(32) NOT NULL, CONSTRAINT "pk_pact_stand_asides" PRIMARY KEY ("pact_id", "revision_number", "party_code", "ons_code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pact_stand_asides_region_slug" ON "pact_stand_asides"  ("region_slug")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pact_stand_asides_ons_code_party_code" ON "pact_stand_asides"  ("ons_code", "party_code")`,
    );
    await queryRunner.query(
      `ALTER TABLE "pacts" ADD CONSTRAINT "fk_pacts_election_code" FOREIGN KEY ("election_code") REFERENCES "elections"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pacts" ADD CONSTRAINT "fk_pacts_author_local_party_id" FOREIGN KEY ("author_local_party_id") REFERENCES "local_parties"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pacts" ADD CONSTRAINT "fk_pacts_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_events" ADD CONSTRAINT "fk_audit_events_pact_id" FOREIGN KEY ("pact_id") REFERENCES "pacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "fk_idempotency_keys_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_revisions" ADD CONSTRAINT "fk_pact_revisions_pact_id" FOREIGN KEY ("pact_id") REFERENCES "pacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_revisions" ADD CONSTRAINT "fk_pact_revisions_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_approvals" ADD CONSTRAINT "fk_pact_approvals_pact_id_revision_number" FOREIGN KEY ("pact_id", "revision_number") REFERENCES "pact_revisions"("pact_id","number") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_approvals" ADD CONSTRAINT "fk_pact_approvals_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_participants" ADD CONSTRAINT "fk_pact_participants_pact_id" FOREIGN KEY ("pact_id") REFERENCES "pacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_participants" ADD CONSTRAINT "fk_pact_participants_local_party_id" FOREIGN KEY ("local_party_id") REFERENCES "local_parties"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_signatures" ADD CONSTRAINT "fk_pact_signatures_pact_id_revision_number" FOREIGN KEY ("pact_id", "revision_number") REFERENCES "pact_revisions"("pact_id","number") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_signatures" ADD CONSTRAINT "fk_pact_signatures_local_party_id" FOREIGN KEY ("local_party_id") REFERENCES "local_parties"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_signatures" ADD CONSTRAINT "fk_pact_signatures_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_stand_asides" ADD CONSTRAINT "fk_pact_stand_asides_pact_id_revision_number" FOREIGN KEY ("pact_id", "revision_number") REFERENCES "pact_revisions"("pact_id","number") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Append-only tables: the database itself refuses to change or remove their rows, whoever asks
    // (DESIGN.md "Audit trail"). TRUNCATE needs its own statement-level trigger.
    await queryRunner.query(`CREATE FUNCTION pactroom_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
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
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "pact_approvals"`);
    await queryRunner.query(`DROP TABLE "pact_signatures"`);
    await queryRunner.query(`DROP TABLE "pact_stand_asides"`);
    await queryRunner.query(`DROP TABLE "pact_revisions"`);
    await queryRunner.query(`DROP TABLE "pact_participants"`);
    await queryRunner.query(`DROP TABLE "pacts"`);
    await queryRunner.query(`DROP FUNCTION pactroom_refuse_change()`);
  }
}
