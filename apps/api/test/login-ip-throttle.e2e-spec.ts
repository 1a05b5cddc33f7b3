import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createAccount, TEST_PASSWORD } from './support/factories.js';
import { clearOfLoginWindowEdge } from './support/login-window.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Its own file: passport keeps strategies in a process-wide registry, so one app per test file.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    // No in-flight cap in the way: these tests are about the counters in PostgreSQL.
    env: {
      PACTROOM_LOGIN_FAILURES_PER_ACCOUNT: '100',
      PACTROOM_LOGIN_ATTEMPTS_PER_IP: '4',
      PACTROOM_LOGINS_IN_FLIGHT: '64',
    },
  });
});
afterAll(async () => {
  await t.close();
});

it('counts failed logins across accounts per client IP', async () => {
  const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
  await clearOfLoginWindowEdge();
  for (let i = 0; i < 4; i++) {
    const guess = await t.http
      .post('/api/auth/login')
      .send({ email: `guess${i}@pactroom.test`, password: 'wrong-password' });
    expect(guess.status).toBe(401);
  }
  const res = await t.http
    .post('/api/auth/login')
    .send({ email: account.email, password: TEST_PASSWORD });
  expect(res.status).toBe(429);
  expect(res.body).toMatchObject({
    code: 'THROTTLED',
    details: { retryAfterSeconds: expect.any(Number) },
  });
});

it('lets concurrent guesses overshoot by nothing: the counter is reserved before hashing', async () => {
  const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
  await t.dataSource.query('DELETE FROM login_attempt_buckets');
  await clearOfLoginWindowEdge();
  const results = await Promise.all(
    Array.from({ length: 12 }, () =>
      t.http.post('/api/auth/login').send({ email: account.email, password: 'wrong-password' }),
    ),
  );
  const outcomes = results.map((r) => `${r.status} ${r.body.code}`);
  expect(outcomes.filter((o) => o === '401 INVALID_CREDENTIALS')).toHaveLength(4);
  expect(outcomes.filter((o) => o === '429 THROTTLED')).toHaveLength(8);
});
