import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts by invitation (issue 13): an invited account has no password until its owner accepts
 * the mailed link (`users.password_hash` may be null — such an account cannot sign in), and the
 * one-time links themselves — invitations and password resets — live in `account_tokens`, stored
 * as SHA-256 hashes, marked used or voided, never deleted.
 */
export class AccountsByInvitation1764700100000 implements MigrationInterface {
  name = 'AccountsByInvitation1764700100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account_tokens" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "purpose" character varying(16) NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "voided_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, CONSTRAINT "uq_account_tokens_token_hash" UNIQUE ("token_hash"), CONSTRAINT "ck_account_tokens_purpose" CHECK ("purpose" IN ('invitation', 'password-reset')), CONSTRAINT "pk_account_tokens" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_tokens_user_purpose" ON "account_tokens"  ("user_id", "purpose", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "account_tokens" ADD CONSTRAINT "fk_account_tokens_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_tokens" ADD CONSTRAINT "fk_account_tokens_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "account_tokens"');
    // Invited accounts that never chose a password get an unusable one (no argon2 hash matches it).
    await queryRunner.query(
      `UPDATE "users" SET "password_hash" = '!invited' WHERE "password_hash" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" SET NOT NULL`);
  }
}
