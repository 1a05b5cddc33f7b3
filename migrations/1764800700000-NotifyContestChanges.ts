import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every API process caches the contests and their current scenarios (ContestCache): every pact
 * read and command response projects on a contest's current scenario, and would otherwise ask for
 * it each time. Any change to the contests table — an admin's polling day or scenario, a row added
 * by hand or by a later migration — is announced on channel `pactroom_contests` when it commits,
 * whichever process or code path made it, and empties the caches. Per statement: the table has a
 * handful of rows and a cache reloads them all, so the payload names nothing.
 */
export class NotifyContestChanges1764800700000 implements MigrationInterface {
  name = 'NotifyContestChanges1764800700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION pactroom_notify_contests() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('pactroom_contests', '');
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_contests_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "contests" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_notify_contests()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_contests_notify ON "contests"');
    await queryRunner.query('DROP FUNCTION pactroom_notify_contests()');
  }
}
