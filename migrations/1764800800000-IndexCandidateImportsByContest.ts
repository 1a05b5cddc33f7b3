import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every pact impact projected to the next election asks for its contest's newest candidate import
 * (which MPs are not nominated again, issue 16): an index makes that one look-up, however many
 * statements of persons nominated have been imported.
 */
export class IndexCandidateImportsByContest1764800800000 implements MigrationInterface {
  name = 'IndexCandidateImportsByContest1764800800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_candidate_imports_contest" ON "candidate_imports"  ("contest_id", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_candidate_imports_contest"`);
  }
}
