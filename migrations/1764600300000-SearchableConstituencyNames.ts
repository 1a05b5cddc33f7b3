import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Constituency search that people can use: `hastings & rye` and `ynys mon` find `Hastings and Rye`
 * and `Ynys Môn`. The key is computed by the app (`searchKey`, libs/election-data) when it loads
 * the shipped files — names and queries go through the same function — and filled at boot for rows
 * that lack it, so no database extension is needed.
 */
export class SearchableConstituencyNames1764600300000 implements MigrationInterface {
  name = 'SearchableConstituencyNames1764600300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "constituencies" ADD "search_name" character varying(200) NOT NULL DEFAULT ''`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "constituencies" DROP COLUMN "search_name"`);
  }
}
