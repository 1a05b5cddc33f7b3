import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE =
  `("role" = 'admin' AND "party_code" IS NULL AND "region_slug" IS NULL AND "local_party_id" IS NULL)` +
  ` OR ("role" = 'coordinator' AND "party_code" IS NOT NULL AND "region_slug" IS NOT NULL AND "local_party_id" IS NULL)` +
  ` OR ("role" = 'officer' AND "party_code" IS NOT NULL AND "region_slug" IS NOT NULL AND "local_party_id" IS NOT NULL)` +
  ` OR ("role" = 'member' AND "party_code" IS NOT NULL)`;
const AFTER = `${BEFORE} OR ("role" = 'national' AND "party_code" IS NOT NULL AND "local_party_id" IS NULL)`;

/**
 * The `national` role: a party's national or nation's HQ, acting for its party's local parties. A
 * national grant names a party and optionally a region (the nation), never a local party.
 */
export class NationalGrants1764800300000 implements MigrationInterface {
  name = 'NationalGrants1764800300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "grants" DROP CONSTRAINT "ck_grants_scope"`);
    await queryRunner.query(
      `ALTER TABLE "grants" ADD CONSTRAINT "ck_grants_scope" CHECK (${AFTER})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "grants" DROP CONSTRAINT "ck_grants_scope"`);
    await queryRunner.query(
      `ALTER TABLE "grants" ADD CONSTRAINT "ck_grants_scope" CHECK (${BEFORE})`,
    );
  }
}
