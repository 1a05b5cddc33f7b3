import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { RetentionService } from '../src/maintenance/retention.service.js';
import { bearer, createAccount, login } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Issue 10, item 15: idempotency keys (~2.5 KB each), refresh tokens and login buckets are purged
// on a schedule instead of growing for ever; what is still in use stays.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000);
const count = async (sql: string, params: unknown[]) =>
  (await t.dataSource.query<{ n: number }[]>(sql, params))[0]?.n;

it('purges expired idempotency keys, refresh tokens and login buckets, and nothing in use', async () => {
  const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
  const session = await login(t, account.email);
  const hash = 'a'.repeat(64);
  await t.dataSource.query(
    `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response, created_at)
     VALUES ($1, 'yesterday-but-one', $2, 200, '{}', $3), ($1, 'an-hour-ago', $2, 200, '{}', $4)`,
    [account.id, hash, ago(48), ago(1)],
  );
  await t.dataSource.query(
    `INSERT INTO refresh_tokens (id, family_id, user_id, secret_hash, issued_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), randomUUID(), account.id, hash, ago(24 * 40), ago(24 * 10)],
  );
  await t.dataSource.query(
    `INSERT INTO login_attempt_buckets (key, window_start, attempts) VALUES ('ip:192.0.2.1', $1, 3), ('ip:192.0.2.2', $2, 1)`,
    [ago(24), new Date()],
  );

  const report = await t.app.get(RetentionService).purgeExpired();
  expect(report).toEqual({ idempotencyKeys: 1, refreshTokens: 1, loginBuckets: 1 });

  expect(
    await count('SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1', [account.id]),
  ).toBe(1);
  expect(
    await count(
      `SELECT count(*)::int AS n FROM login_attempt_buckets WHERE key = 'ip:192.0.2.2'`,
      [],
    ),
  ).toBe(1);
  // The live session is untouched: its tokens still work.
  expect(
    (await t.http.get('/api/me').set('authorization', bearer(session.accessToken))).status,
  ).toBe(200);
  const refreshed = await t.http
    .post('/api/auth/refresh')
    .send({ refreshToken: session.refreshToken });
  expect(refreshed.status).toBe(200);
  // A second purge finds nothing more.
  expect(await t.app.get(RetentionService).purgeExpired()).toEqual({
    idempotencyKeys: 0,
    refreshTokens: 0,
    loginBuckets: 0,
  });
});
