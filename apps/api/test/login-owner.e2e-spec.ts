import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createAccount, TEST_PASSWORD } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Issue 10, item 12: five wrong passwords from another address used to answer the owner's right
// password with 429 for the rest of the window, admin included — and five a window kept it so for
// ever. Now the attacker is throttled, at their address; the owner signs in from theirs.

const PER_ACCOUNT_AND_IP = 5;
const PER_ACCOUNT_TOTAL = 12;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    env: {
      PACTROOM_TRUST_PROXY: '127.0.0.1',
      PACTROOM_LOGIN_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT_AND_IP),
      PACTROOM_LOGIN_FAILURES_PER_ACCOUNT_TOTAL: String(PER_ACCOUNT_TOTAL),
      PACTROOM_LOGIN_ATTEMPTS_PER_IP: '1000',
    },
  });
});
afterAll(async () => {
  await t.close();
});

const attempt = (email: string, password: string, from: string) =>
  t.http.post('/api/auth/login').set('x-forwarded-for', from).send({ email, password });

it('throttles guesses at their address and lets the owner in from theirs', async () => {
  const owner = await createAccount(t, [{ role: 'admin' }]);
  for (let i = 0; i < PER_ACCOUNT_AND_IP; i++) {
    expect((await attempt(owner.email, 'wrong-password', '203.0.113.66')).status).toBe(401);
  }
  // The attacker's address is refused, even with the right password…
  const attacker = await attempt(owner.email, TEST_PASSWORD, '203.0.113.66');
  expect(attacker.status).toBe(429);
  expect(attacker.body.code).toBe('THROTTLED');
  // …the owner's is not.
  expect((await attempt(owner.email, TEST_PASSWORD, '198.51.100.20')).status).toBe(200);
});

it('still bounds guessing spread over many addresses, per account', async () => {
  const target = await createAccount(t, [{ role: 'member', party: 'lab' }]);
  for (let i = 0; i < PER_ACCOUNT_TOTAL; i++) {
    expect((await attempt(target.email, 'wrong-password', `192.0.2.${i + 1}`)).status).toBe(401);
  }
  const next = await attempt(target.email, 'wrong-password', '192.0.2.200');
  expect(next.status).toBe(429);
  // An unknown email is throttled exactly alike: no enumeration through the throttle.
  for (let i = 0; i < PER_ACCOUNT_AND_IP; i++) {
    expect((await attempt('nobody.here@pactroom.test', 'x', '203.0.113.9')).status).toBe(401);
  }
  expect((await attempt('nobody.here@pactroom.test', 'x', '203.0.113.9')).status).toBe(429);
});
