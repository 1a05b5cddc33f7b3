import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conflict check looks up, in each seat of a pact, only the legs that could clash with its own:
 * the same party for another beneficiary, or the parties the other way round. These indexes answer
 * each with a probe, however many identical pacts share the seat.
 */
export class IndexStandAsidesForConflicts1764500100000 implements MigrationInterface {
  name = 'IndexStandAsidesForConflicts1764500100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_pact_stand_asides_ons_code_party_code_beneficiary_party" ON "pact_stand_asides" ("ons_code", "party_code", "beneficiary_party")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pact_stand_asides_ons_code_beneficiary_party" ON "pact_stand_asides" ("ons_code", "beneficiary_party")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_pact_stand_asides_ons_code_beneficiary_party"`);
    await queryRunner.query(
      `DROP INDEX "ix_pact_stand_asides_ons_code_party_code_beneficiary_party"`,
    );
  }
}
