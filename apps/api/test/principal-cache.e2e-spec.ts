// Each API process caches who a token's user is (PrincipalCache); these tests run two apps on one
// database, as two processes would, and check that a change made through one — disabling the
// account, new grants, a logout, ending every session, a session revoked in the database by hand —
// refuses or changes the cached principal in the other, which learns of it from PostgreSQL
// (LISTEN/NOTIFY), and in the one that made it at once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChangeFeed } from '../src/database/change-feed.js';
import { bearer, createAccount, createLocalParty, login } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let a: TestApp;
let b: TestApp;
let admin: string;
let lewesLabour: string;

beforeAll(async () => {
  a = await createTestApp();
  b = await createTestApp({ databaseUrl: a.databaseUrl });
  lewesLabour = await createLocalParty(a, 'lab', 'E14000786');
  admin = (await login(a, (await createAccount(a, [{ role: 'admin' }])).email)).accessToken;
});
afterAll(async () => {
  await b.close();
  await a.close();
});

const me = (app: TestApp, token: string) =>
  app.http.get('/api/me').set('authorization', bearer(token));

/** Asks `app` until `done` holds of its answer (the other process hears of a change by NOTIFY). */
async function eventually(
  app: TestApp,
  token: string,
  done: (res: Awaited<ReturnType<typeof me>>) => boolean,
): Promise<Awaited<ReturnType<typeof me>>> {
  for (let i = 0; i < 200; i++) {
    const res = await me(app, token);
    if (done(res)) {
      return res;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the change never reached the other process');
}

async function officerSignedIn() {
  const account = await createAccount(a, [{ role: 'officer', localPartyId: lewesLabour }]);
  const { accessToken } = await login(a, account.email);
  // Both processes have it cached now.
  expect((await me(a, accessToken)).status).toBe(200);
  expect((await me(b, accessToken)).status).toBe(200);
  return { ...account, accessToken };
}

describe('the principal cache across two processes', () => {
  it('runs on the change feed in both', () => {
    expect(a.app.get(ChangeFeed).live).toBe(true);
    expect(b.app.get(ChangeFeed).live).toBe(true);
  });

  it('refuses a disabled account at once where it was disabled, and in the other process', async () => {
    const officer = await officerSignedIn();
    const res = await a.http
      .patch(`/api/users/${officer.id}`)
      .set('authorization', bearer(admin))
      .send({ disabled: true });
    expect(res.status).toBe(200);
    expect((await me(a, officer.accessToken)).status).toBe(401);
    await eventually(b, officer.accessToken, (r) => r.status === 401);
  });

  it('shows new grants in the other process', async () => {
    const officer = await officerSignedIn();
    const res = await a.http
      .patch(`/api/users/${officer.id}`)
      .set('authorization', bearer(admin))
      .send({ grants: [{ role: 'member', party: 'lab' }] });
    expect(res.status).toBe(200);
    const seen = await eventually(
      b,
      officer.accessToken,
      (r) => (r.body as { grants?: { role: string }[] }).grants?.[0]?.role === 'member',
    );
    expect(seen.status).toBe(200);
  });

  it('ends a logged-out session, and every session after logout-all, in both', async () => {
    const officer = await officerSignedIn();
    const out = await b.http
      .post('/api/auth/logout')
      .set('authorization', bearer(officer.accessToken));
    expect(out.status).toBe(204);
    expect((await me(b, officer.accessToken)).status).toBe(401);
    await eventually(a, officer.accessToken, (r) => r.status === 401);

    const second = await officerSignedIn();
    const again = await login(a, second.email);
    expect((await me(b, again.accessToken)).status).toBe(200);
    const all = await a.http
      .post('/api/auth/logout-all')
      .set('authorization', bearer(again.accessToken));
    expect(all.status).toBe(204);
    await eventually(b, second.accessToken, (r) => r.status === 401);
    await eventually(b, again.accessToken, (r) => r.status === 401);
  });

  it('hears of a session revoked in the database by any other means', async () => {
    const officer = await officerSignedIn();
    await a.dataSource.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1', [
      officer.id,
    ]);
    await eventually(a, officer.accessToken, (r) => r.status === 401);
    await eventually(b, officer.accessToken, (r) => r.status === 401);
  });
});
