import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments on the terms of a revision (issue 15): anchored to a stand-aside, a commitment or the
 * terms as a whole; they stay with the revision they were written on. Append-only: a comment is
 * never changed or deleted.
 */
export class CreatePactComments1764800500000 implements MigrationInterface {
  name = 'CreatePactComments1764800500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pact_comments" ("id" uuid NOT NULL, "seq" BIGSERIAL NOT NULL, "pact_id" uuid NOT NULL, "revision" integer NOT NULL, "anchor" jsonb NOT NULL, "text" text NOT NULL, "author_id" uuid NOT NULL, "author_role" character varying(16) NOT NULL, "local_party_id" uuid, "party_code" character varying(16) NOT NULL, "region_slug" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_pact_comments" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pact_comments_revision" ON "pact_comments"  ("pact_id", "revision", "seq") `,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_comments" ADD CONSTRAINT "fk_pact_comments_pact_id" FOREIGN KEY ("pact_id") REFERENCES "pacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_comments" ADD CONSTRAINT "fk_pact_comments_author_id" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_comments" ADD CONSTRAINT "fk_pact_comments_local_party_id" FOREIGN KEY ("local_party_id") REFERENCES "local_parties"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_pact_comments_append_only BEFORE UPDATE OR DELETE ON "pact_comments" FOR EACH ROW EXECUTE FUNCTION pactroom_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_pact_comments_no_truncate BEFORE TRUNCATE ON "pact_comments" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_pact_comments_no_truncate ON "pact_comments"`);
    await queryRunner.query(`DROP TRIGGER trg_pact_comments_append_only ON "pact_comments"`);
    await queryRunner.query(
      `ALTER TABLE "pact_comments" DROP CONSTRAINT "fk_pact_comments_local_party_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_comments" DROP CONSTRAINT "fk_pact_comments_author_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_comments" DROP CONSTRAINT "fk_pact_comments_pact_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_pact_comments_revision"`);
    await queryRunner.query(`DROP TABLE "pact_comments"`);
  }
}
