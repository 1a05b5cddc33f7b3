import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contests: the election a pact is *for* (libs/contests). The shipped contests are written here, with
 * their values frozen (a later change to libs/contests must not rewrite history): the next general
 * election on 2024 boundaries, and the past general elections 2024, 2019 and 2017 as what-ifs.
 * Every existing pact gets the contest its baseline result set is the baseline of (`ge2015` →
 * GE2017, `ge2017` → GE2019, `ge2024` → the next general election); a pact on `ge2019` results is a
 * hindsight what-if of GE2019 itself (no shipped contest starts from 2019 results on 2010
 * boundaries). Conflicts are then checked within a contest, not across result sets.
 */
export class CreateContests1764800000000 implements MigrationInterface {
  name = 'CreateContests1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contests" ("id" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "boundary_set" character varying(4) NOT NULL, "baseline_election_code" character varying(16) NOT NULL, "polling_day" date, "parliament_first_met" date, "extra_non_working_days" date array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_contests_polling_day_known" CHECK ("polling_day" IS NOT NULL OR "parliament_first_met" IS NOT NULL), CONSTRAINT "ck_contests_kind" CHECK ("kind" IN ('general')), CONSTRAINT "pk_contests" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "contest_changes" ("id" BIGSERIAL NOT NULL, "contest_id" character varying(32) NOT NULL, "action" character varying(32) NOT NULL, "payload" jsonb NOT NULL, "user_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_contest_changes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_contest_changes_contest" ON "contest_changes"  ("contest_id", "id") `,
    );
    await queryRunner.query(
      `INSERT INTO "contests" ("id", "name", "kind", "boundary_set", "baseline_election_code", "polling_day", "parliament_first_met") VALUES
         ('next-general', 'Next general election', 'general', '2024', 'ge2024', NULL, '2024-07-09'),
         ('ge2024', 'General election 2024', 'general', '2024', 'ge2024', '2024-07-04', NULL),
         ('ge2019', 'General election 2019', 'general', '2010', 'ge2017', '2019-12-12', NULL),
         ('ge2017', 'General election 2017', 'general', '2010', 'ge2015', '2017-06-08', NULL)`,
    );
    await queryRunner.query(`ALTER TABLE "pacts" ADD "contest_id" character varying(32)`);
    await queryRunner.query(
      `UPDATE "pacts" SET "contest_id" = CASE "election_code"
         WHEN 'ge2015' THEN 'ge2017' WHEN 'ge2017' THEN 'ge2019' WHEN 'ge2019' THEN 'ge2019'
         WHEN 'ge2024' THEN 'next-general' END`,
    );
    await queryRunner.query(`ALTER TABLE "pacts" ALTER COLUMN "contest_id" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "pacts" ADD CONSTRAINT "fk_pacts_contest_id" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_changes" ADD CONSTRAINT "fk_contest_changes_contest_id" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_changes" ADD CONSTRAINT "fk_contest_changes_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pacts" DROP CONSTRAINT "fk_pacts_contest_id"`);
    await queryRunner.query(`ALTER TABLE "pacts" DROP COLUMN "contest_id"`);
    await queryRunner.query(`DROP TABLE "contest_changes"`);
    await queryRunner.query(`DROP TABLE "contests"`);
  }
}
