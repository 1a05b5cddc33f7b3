import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every API process caches who a token's user is (their grants, whether they are disabled, whether
 * the session still stands) instead of asking the database on every request. These triggers are
 * what keeps that cache exact: any change to an account or its grants (`a:<user id>`) or a session
 * revoked or removed (`s:<user id>`) is announced on channel `pactroom_accounts` by
 * `pg_notify`, which PostgreSQL delivers to every listening process when the change commits —
 * whichever code path or process made it.
 */
export class NotifyAccountChanges1764600100000 implements MigrationInterface {
  name = 'NotifyAccountChanges1764600100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      // Arguments: the kind (a, s) and the column holding the user's id.
      `CREATE FUNCTION pactroom_notify_account() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
       BEGIN
         PERFORM pg_notify('pactroom_accounts', TG_ARGV[0] || ':' || (changed ->> TG_ARGV[1]));
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_users_notify AFTER INSERT OR UPDATE OR DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION pactroom_notify_account('a', 'id')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_grants_notify AFTER INSERT OR UPDATE OR DELETE ON "grants" FOR EACH ROW EXECUTE FUNCTION pactroom_notify_account('a', 'user_id')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_refresh_tokens_notify_revoked AFTER UPDATE ON "refresh_tokens" FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at) EXECUTE FUNCTION pactroom_notify_account('s', 'user_id')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_refresh_tokens_notify_deleted AFTER DELETE ON "refresh_tokens" FOR EACH ROW EXECUTE FUNCTION pactroom_notify_account('s', 'user_id')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_refresh_tokens_notify_deleted ON "refresh_tokens"');
    await queryRunner.query('DROP TRIGGER trg_refresh_tokens_notify_revoked ON "refresh_tokens"');
    await queryRunner.query('DROP TRIGGER trg_grants_notify ON "grants"');
    await queryRunner.query('DROP TRIGGER trg_users_notify ON "users"');
    await queryRunner.query('DROP FUNCTION pactroom_notify_account()');
  }
}
