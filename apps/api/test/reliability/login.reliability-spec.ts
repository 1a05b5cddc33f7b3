// Login throttling (per account and per client IP, 429 with Retry-After) and no account
// enumeration through the answer: an unknown email, a known one with a wrong password and a
// disabled one with a wrong password answer alike, and the throttle treats them alike too.
// The timing side of enumeration is login-timing.reliability-spec.ts (it needs high limits).
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Response } from 'supertest';
import { bearer, createAccount, login, TEST_PASSWORD, uniqueEmail } from '../support/factories.js';
import { clearOfLoginWindowEdge } from '../support/login-window.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { errorBodyProblems, type ErrorBody } from './support/error-body.js';

// The reliability project's `testTimeout` in jest.config.mjs is not applied (tests stop at 5 s).
jest.setTimeout(120_000);

const PER_ACCOUNT = 3;
const PER_IP = 8;
const WINDOW_SECONDS = 900;

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({
    env: {
      PACTROOM_LOGIN_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
      PACTROOM_LOGIN_ATTEMPTS_PER_IP: String(PER_IP),
      PACTROOM_LOGIN_WINDOW_SECONDS: String(WINDOW_SECONDS),
      // No in-flight cap in the way: these tests are about the counters in PostgreSQL.
      PACTROOM_LOGINS_IN_FLIGHT: '64',
    },
  });
  admin = (await login(t, (await createAccount(t, [{ role: 'admin' }])).email)).accessToken;
});
afterAll(async () => {
  await t.close();
});
// Every test starts with fresh counters (they are shared by the whole file's client IP), and
// well inside one window.
beforeEach(async () => {
  await t.dataSource.query('DELETE FROM login_attempt_buckets');
  await clearOfLoginWindowEdge(WINDOW_SECONDS);
});

const attempt = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.http.post('/api/auth/login').set(headers).send({ email, password });
const code = (res: Response) => (res.body as ErrorBody).code;

/** A 429 as API.md has it: THROTTLED, Retry-After in seconds (within the window), same in details. */
function expectThrottled(res: Response, what: string): void {
  expect({ what, status: res.status, code: code(res) }).toEqual({
    what,
    status: 429,
    code: 'THROTTLED',
  });
  expect(errorBodyProblems(res.status, res.headers, res.text)).toEqual([]);
  const retryAfter = res.headers['retry-after'];
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  expect(Number(retryAfter)).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect((res.body as ErrorBody).details).toEqual({ retryAfterSeconds: Number(retryAfter) });
}

describe('per-account throttle', () => {
  it(`locks an account after ${PER_ACCOUNT} failures, the right password included, with Retry-After`, async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    for (let i = 0; i < PER_ACCOUNT; i++) {
      expect((await attempt(account.email, 'wrong-password')).status).toBe(401);
    }
    expectThrottled(await attempt(account.email, 'wrong-password'), 'wrong password');
    expectThrottled(await attempt(account.email, TEST_PASSWORD), 'right password while locked');
    // Another account from the same client is not affected.
    const other = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    expect((await attempt(other.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('counts the email case-insensitively: changing the case does not buy more guesses', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const variants = [
      account.email,
      account.email.toUpperCase(),
      account.email.replace(/^./, (c) => c.toUpperCase()),
    ];
    for (const email of variants) {
      expect((await attempt(email, 'wrong-password')).status).toBe(401);
    }
    expectThrottled(await attempt(account.email.toUpperCase(), 'wrong-password'), 'upper case');
  });

  it('lets exactly the allowed number of concurrent guesses through', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const results = await Promise.all(
      Array.from({ length: 7 }, () => attempt(account.email, 'wrong-password')),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([
      ...Array<number>(PER_ACCOUNT).fill(401),
      ...Array<number>(7 - PER_ACCOUNT).fill(429),
    ]);
  });

  it('does not count successful logins', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    expect((await attempt(account.email, 'wrong-password')).status).toBe(401);
    expect((await attempt(account.email, 'wrong-password')).status).toBe(401);
    expect((await attempt(account.email, TEST_PASSWORD)).status).toBe(200);
    expect((await attempt(account.email, 'wrong-password')).status).toBe(401);
    expectThrottled(await attempt(account.email, 'wrong-password'), 'fourth failure');
  });

  it('refuses at a full counter without writing: a flood of refusals leaves the rows alone', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    for (let i = 0; i < PER_ACCOUNT; i++) {
      await attempt(account.email, 'wrong-password');
    }
    // Every write makes a new row version (a new xmin), an increment and its refund included.
    const versions = (): Promise<{ key: string; attempts: number; version: string }[]> =>
      t.dataSource.query(
        `SELECT key, attempts, xmin::text AS version FROM login_attempt_buckets ORDER BY key`,
      );
    const before = await versions();
    expect(before).toHaveLength(3); // the account at this address, the account, the address
    for (let i = 0; i < 5; i++) {
      expectThrottled(await attempt(account.email, 'wrong-password'), `refusal ${i + 1}`);
    }
    expectThrottled(await attempt(account.email, TEST_PASSWORD), 'right password');
    expect(await versions()).toEqual(before);
  });

  it('opens again in the next window', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    for (let i = 0; i < PER_ACCOUNT; i++) {
      await attempt(account.email, 'wrong-password');
    }
    expectThrottled(await attempt(account.email, TEST_PASSWORD), 'locked');
    // Move the counters one window into the past: the lock is a window's, not forever.
    await t.dataSource.query(
      `UPDATE login_attempt_buckets SET window_start = window_start - make_interval(secs => $1)`,
      [WINDOW_SECONDS],
    );
    expect((await attempt(account.email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('per-IP throttle', () => {
  it(`refuses every account after ${PER_IP} failures from one client, whatever X-Forwarded-For says`, async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    for (let i = 0; i < PER_IP; i++) {
      // One guess per email: no per-account limit is reached, only the client's.
      const res = await attempt(uniqueEmail('spray'), 'wrong-password', {
        'x-forwarded-for': `203.0.113.${i + 1}`,
        'x-real-ip': `198.51.100.${i + 1}`,
      });
      expect(res.status).toBe(401);
    }
    expectThrottled(await attempt(account.email, TEST_PASSWORD), 'right password');
    expectThrottled(
      await attempt(uniqueEmail('spray'), 'wrong-password', { 'x-forwarded-for': '192.0.2.77' }),
      'spoofed X-Forwarded-For',
    );
    // Signed-in routes are not behind the login throttle.
    expect((await t.http.get('/api/me').set('authorization', bearer(admin))).status).toBe(200);
  });
});

describe('no account enumeration through the answer', () => {
  const normalised = (res: Response) => ({
    status: res.status,
    body: { ...(res.body as ErrorBody), requestId: undefined },
    headers: Object.keys(res.headers)
      .filter(
        (h) => !['date', 'x-request-id', 'content-length', 'keep-alive', 'connection'].includes(h),
      )
      .sort(),
  });

  it('answers an unknown email, a wrong password and a disabled account alike', async () => {
    const known = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const disabled = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    await t.http
      .patch(`/api/users/${disabled.id}`)
      .set('authorization', bearer(admin))
      .send({ disabled: true })
      .expect(200);
    const unknown = await attempt(uniqueEmail('nobody'), 'wrong-password');
    const wrong = await attempt(known.email, 'wrong-password');
    const wrongDisabled = await attempt(disabled.email, 'wrong-password');
    expect(normalised(unknown)).toEqual(normalised(wrong));
    expect(normalised(wrongDisabled)).toEqual(normalised(wrong));
    expect(normalised(wrong)).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
    expect(errorBodyProblems(wrong.status, wrong.headers, wrong.text)).toEqual([]);
    // Only the right password learns that an account is disabled.
    const rightDisabled = await attempt(disabled.email, TEST_PASSWORD);
    expect({ status: rightDisabled.status, code: code(rightDisabled) }).toEqual({
      status: 403,
      code: 'ACCOUNT_DISABLED',
    });
  });

  it('throttles an unknown email exactly like a known one', async () => {
    const known = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const unknownEmail = uniqueEmail('nobody');
    const sequence = async (email: string) => {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i <= PER_ACCOUNT; i++) {
        last = await attempt(email, 'wrong-password');
        statuses.push(last.status);
      }
      return { statuses, last: last && normalised(last) };
    };
    const forKnown = await sequence(known.email);
    const forUnknown = await sequence(unknownEmail);
    // Retry-After counts down to the window's end, so the later sequence may be a second lower.
    const retryAfter = (s: typeof forKnown) =>
      (s.last?.body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ??
      NaN;
    expect(retryAfter(forKnown)).toBeGreaterThan(20); // beforeEach keeps 30 s of window in hand
    expect(retryAfter(forKnown) - retryAfter(forUnknown)).toBeGreaterThanOrEqual(0);
    expect(retryAfter(forKnown) - retryAfter(forUnknown)).toBeLessThanOrEqual(1);
    const withoutRetryAfter = (s: typeof forKnown) => ({
      ...s,
      last: s.last && { ...s.last, body: { ...s.last.body, details: undefined } },
    });
    expect(withoutRetryAfter(forUnknown)).toEqual(withoutRetryAfter(forKnown));
    expect(forKnown.statuses).toEqual([...Array<number>(PER_ACCOUNT).fill(401), 429]);
  });

  it('answers a malformed login the same whether or not the email has an account', async () => {
    const known = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const forKnown = await t.http
      .post('/api/auth/login')
      .send({ email: known.email, password: '' });
    const forUnknown = await t.http
      .post('/api/auth/login')
      .send({ email: uniqueEmail('nobody'), password: '' });
    expect(forKnown.status).toBe(400);
    expect(normalised(forUnknown)).toEqual(normalised(forKnown));
  });
});
