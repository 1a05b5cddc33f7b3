import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { AuthService } from '../src/auth/auth.service.js';
import { LoginAdmission } from '../src/auth/login-admission.js';
import { ApiError } from '../src/common/api-error.js';
import { createAccount, TEST_PASSWORD } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// The in-flight cap on sign-ins: past it a login is refused at once with 429 LOGIN_BUSY, before
// the throttle counters or a password hash are touched. Its own file: one app per test file.

const IN_FLIGHT = 2;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    env: {
      PACTROOM_HASH_THREADS: '1',
      PACTROOM_LOGINS_IN_FLIGHT: String(IN_FLIGHT),
      // This file is about the process-wide cap; the per-account and per-address ones have their
      // own test below.
      PACTROOM_LOGINS_IN_FLIGHT_PER_ACCOUNT: String(IN_FLIGHT),
      PACTROOM_LOGINS_IN_FLIGHT_PER_IP: String(IN_FLIGHT),
    },
  });
});
afterAll(async () => {
  await t.close();
});

async function attemptsCounted(): Promise<number> {
  const [row]: { n: number }[] = await t.dataSource.query(
    'SELECT COALESCE(sum(attempts), 0)::int AS n FROM login_attempt_buckets',
  );
  return row?.n ?? -1;
}

it('refuses a sign-in over the cap with 429 LOGIN_BUSY and Retry-After, counting nothing', async () => {
  const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
  const admission = t.app.get(LoginAdmission);
  const held = Array.from({ length: IN_FLIGHT }, () => admission.enter());
  const before = await attemptsCounted();
  try {
    for (const password of [TEST_PASSWORD, 'wrong-password']) {
      const res = await t.http.post('/api/auth/login').send({ email: account.email, password });
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toMatchObject({ code: 'LOGIN_BUSY', details: { retryAfterSeconds: 1 } });
    }
    expect(await attemptsCounted()).toBe(before);
  } finally {
    held.forEach((release) => release());
  }
  // A slot free again: the same sign-in goes through.
  const res = await t.http
    .post('/api/auth/login')
    .send({ email: account.email, password: TEST_PASSWORD });
  expect(res.status).toBe(200);
});

it('admits exactly the cap of simultaneous sign-ins and releases every slot, whatever the outcome', async () => {
  const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
  const auth = t.app.get(AuthService);
  const passwords = [TEST_PASSWORD, 'wrong-password', ...Array<string>(8).fill(TEST_PASSWORD)];
  const outcomes = await Promise.all(
    passwords.map((password) =>
      auth.verifyCredentials(account.email, password, '203.0.113.9').then(
        () => 'ok',
        (error: unknown) => (error instanceof ApiError ? error.code : String(error)),
      ),
    ),
  );
  // The cap is checked before the first await, so the first IN_FLIGHT calls are the ones admitted.
  expect(outcomes).toEqual([
    'ok',
    'INVALID_CREDENTIALS',
    ...Array<string>(passwords.length - IN_FLIGHT).fill('LOGIN_BUSY'),
  ]);
  // Every slot came back (success and failure alike): the cap admits IN_FLIGHT again.
  const admission = t.app.get(LoginAdmission);
  const again = Array.from({ length: IN_FLIGHT }, () => admission.enter());
  expect(() => admission.enter()).toThrow(ApiError);
  again.forEach((release) => release());
});

it('answers a burst of sign-ins over HTTP with 200 or 429 LOGIN_BUSY only', async () => {
  const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
  const replies = await Promise.all(
    Array.from({ length: 12 }, () =>
      t.http.post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD }),
    ),
  );
  const seen = new Set(replies.map((r) => `${r.status} ${r.body.code ?? ''}`.trim()));
  expect([...seen].filter((o) => o !== '200' && o !== '429 LOGIN_BUSY')).toEqual([]);
  expect(seen.has('200')).toBe(true);
});

it('keeps part of the cap from one account and one address, so others still sign in', async () => {
  const t2 = await createTestApp({
    env: {
      PACTROOM_HASH_THREADS: '1',
      PACTROOM_LOGINS_IN_FLIGHT: '4',
      PACTROOM_LOGINS_IN_FLIGHT_PER_ACCOUNT: '2',
      PACTROOM_LOGINS_IN_FLIGHT_PER_IP: '3',
    },
  });
  try {
    const admission = t2.app.get(LoginAdmission);
    const busy = { email: 'busy@pactroom.test', ip: '203.0.113.1' };
    // One account's loop holds two slots; a third attempt of it is refused, not queued…
    const held = [admission.enter(busy), admission.enter(busy)];
    expect(() => admission.enter(busy)).toThrow(ApiError);
    // …while another account at another address is admitted.
    const other = admission.enter({ email: 'owner@pactroom.test', ip: '198.51.100.7' });
    // One address holds at most three, whichever accounts it tries.
    expect(() =>
      admission.enter({ email: 'third@pactroom.test', ip: '203.0.113.1' }),
    ).not.toThrow();
    expect(() => admission.enter({ email: 'fourth@pactroom.test', ip: '203.0.113.1' })).toThrow(
      ApiError,
    );
    [...held, other].forEach((release) => release());
  } finally {
    await t2.close();
  }
});

it('hashes on a thread whose CPU priority is lowered (nice 10)', async () => {
  await t.http.post('/api/auth/login').send({ email: 'nobody@pactroom.test', password: 'x' });
  // Linux: a thread's nice value is field 19 of /proc/<pid>/task/<tid>/stat.
  const nice = readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
  expect(nice).toContain(10);
  expect(nice).toContain(0);
});
