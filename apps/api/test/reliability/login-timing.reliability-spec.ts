// No account enumeration through timing: a login for an unknown email must take about as long as
// one for a known email with a wrong password. argon2id dominates both (the unknown email is
// checked against a dummy hash with the same parameters, see PasswordHasher.verifyOrBurn), so the
// medians of interleaved attempts must be within a factor of two. Limits are high here so no
// attempt is short-cut by the throttle (login.reliability-spec.ts tests the throttle). The dummy
// hash is made by the first login of any kind, so only the first login after boot is slower, for
// known and unknown emails alike; the warm-up covers it.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { createAccount, uniqueEmail } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { RawClient } from './support/raw-http.js';

// The reliability project's `testTimeout` in jest.config.mjs is not applied (tests stop at 5 s).
jest.setTimeout(180_000);

const ROUNDS = 30;

let t: TestApp;
let client: RawClient;

beforeAll(async () => {
  t = await createTestApp({
    env: {
      PACTROOM_LOGIN_FAILURES_PER_ACCOUNT: '10000',
      PACTROOM_LOGIN_ATTEMPTS_PER_IP: '1000000',
    },
  });
  client = await RawClient.listen(t);
});
afterAll(async () => {
  client.close();
  await t.close();
});

const log = (line: string) => process.stderr.write(`[login-timing] ${line}\n`);

/** Milliseconds of one failed login; the answer must be the 401 either way. */
async function timedLogin(email: string): Promise<number> {
  const res = await client.send({
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ email, password: 'not-the-password' })),
  });
  if (res.status !== 401) {
    throw new Error(`login ${email} → ${res.status} ${res.text}`);
  }
  return res.ms;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

it(`answers an unknown email and a wrong password in similar time (${ROUNDS} interleaved rounds)`, async () => {
  const known = await createAccount(t, [{ role: 'member', party: 'lab' }]);
  // Warm both paths.
  for (let i = 0; i < 3; i++) {
    await timedLogin(known.email);
    await timedLogin(uniqueEmail('warm'));
  }
  const knownMs: number[] = [];
  const unknownMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first so neither always follows the other.
    if (round % 2 === 0) {
      knownMs.push(await timedLogin(known.email));
      unknownMs.push(await timedLogin(uniqueEmail('unknown')));
    } else {
      unknownMs.push(await timedLogin(uniqueEmail('unknown')));
      knownMs.push(await timedLogin(known.email));
    }
  }
  const ratio = median(unknownMs) / median(knownMs);
  log(
    `median unknown ${median(unknownMs).toFixed(1)} ms, known ${median(knownMs).toFixed(1)} ms → ratio ${ratio.toFixed(2)}`,
  );
  expect(median(knownMs)).toBeGreaterThan(5); // argon2id really ran
  expect(ratio).toBeGreaterThan(0.5);
  expect(ratio).toBeLessThan(2);
});
