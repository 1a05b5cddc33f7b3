import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnly, makeAppendOnly } from './append-only.js';

/**
 * Published swing scenarios (issue 16) and each contest's current one. Scenarios are append-only
 * (a correction is a new scenario): triggers refuse UPDATE, DELETE and TRUNCATE, so an impact
 * computed from one can always be traced to the shares it used. A contest's current scenario is a
 * column an admin sets; each change is kept in `contest_changes`.
 */
export class CreateScenarios1764800600000 implements MigrationInterface {
  name = 'CreateScenarios1764800600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scenarios" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "source" character varying(1000) NOT NULL, "as_of" date NOT NULL, "election_code" character varying(16) NOT NULL, "boundary_set" character varying(4) NOT NULL, "swing" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_scenarios" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_scenarios_boundary_set" ON "scenarios"  ("boundary_set", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "contests" ADD "current_scenario_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "scenarios" ADD CONSTRAINT "fk_scenarios_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contests" ADD CONSTRAINT "fk_contests_current_scenario_id" FOREIGN KEY ("current_scenario_id") REFERENCES "scenarios"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await makeAppendOnly(queryRunner, ['scenarios']);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contests" DROP CONSTRAINT "fk_contests_current_scenario_id"`,
    );
    await queryRunner.query(`ALTER TABLE "contests" DROP COLUMN "current_scenario_id"`);
    await dropAppendOnly(queryRunner, ['scenarios']);
    await queryRunner.query(`DROP TABLE "scenarios"`);
  }
}
