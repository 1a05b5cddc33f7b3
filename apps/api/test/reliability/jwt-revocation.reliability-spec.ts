// Revocation must act at once, while the access token is still valid: a disabled account, a
// signed-out session, and grants an admin downgrades (grants are reloaded on every request, never
// read from the token). The forged and tampered tokens: jwt-attacks.reliability-spec.ts.
import { describe, expect, it, jest } from '@jest/globals';
import { bearer, createAccount, login } from '../support/factories.js';
import { get, localPartyId, post } from '../support/pacts.js';
import type { ErrorBody } from './support/error-body.js';
import {
  admin,
  expectRefused,
  hmacToken,
  HS,
  newSession,
  t,
  tokens,
  useJwtApp,
} from './support/jwt-fixture.js';
import { createPactIn } from './support/pact-fixtures.js';

// The reliability project's `testTimeout` in jest.config.mjs is not applied (tests stop at 5 s).
jest.setTimeout(120_000);

useJwtApp();

describe('revocation takes effect at once', () => {
  it('refuses the tokens of an account disabled after they were issued', async () => {
    const session = await newSession([{ role: 'member', party: 'lab' }]);
    expect((await get(t, session.accessToken, '/api/me')).status).toBe(200);
    const patch = await t.http
      .patch(`/api/users/${session.userId}`)
      .set('authorization', bearer(admin))
      .send({ disabled: true });
    expect(patch.status).toBe(200);
    expectRefused(await get(t, session.accessToken, '/api/me'), 'GET /api/me');
    expectRefused(await get(t, session.accessToken, '/api/pacts'), 'GET /api/pacts');
    // Re-signing the claims (a leaked secret) does not bring a disabled account back either.
    expectRefused(await get(t, hmacToken(HS, session.claims), '/api/me'), 're-signed');
  });

  it('refuses the token of a signed-out session, and only that session', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const first = await login(t, account.email);
    const second = await login(t, account.email);
    expect((await post(t, first.accessToken, '/api/auth/logout')).status).toBe(204);
    expectRefused(await get(t, first.accessToken, '/api/me'), 'after logout');
    expectRefused(await post(t, first.accessToken, '/api/auth/logout'), 'logout twice');
    expect((await get(t, second.accessToken, '/api/me')).status).toBe(200);
  });
});

describe('downgraded grants take effect at once (grants are reloaded on every request)', () => {
  const replaceGrants = async (userId: string, grants: object[]) => {
    const res = await t.http
      .patch(`/api/users/${userId}`)
      .set('authorization', bearer(admin))
      .send({ grants });
    expect(res.status).toBe(200);
  };
  const pactState = async (id: string) => {
    const rows: { status: string; approvals: number; signatures: number }[] =
      await t.dataSource.query(
        `SELECT p.status,
              (SELECT count(*)::int FROM pact_approvals a WHERE a.pact_id = p.id) AS approvals,
              (SELECT count(*)::int FROM pact_signatures s WHERE s.pact_id = p.id) AS signatures
         FROM pacts p WHERE p.id = $1`,
        [id],
      );
    return rows[0];
  };

  it('a coordinator made a member loses approve (403) and the pact (404) with the same token', async () => {
    const coordinator = await newSession([
      { role: 'coordinator', party: 'lab', region: 'south-east' },
    ]);
    const pact = await createPactIn(t, tokens, 'signed', 'Downgraded coordinator');
    expect((await get(t, coordinator.accessToken, `/api/pacts/${pact.id}`)).status).toBe(200);
    const before = await pactState(pact.id);

    await replaceGrants(coordinator.userId, [{ role: 'member', party: 'lab' }]);

    const approve = await post(t, coordinator.accessToken, `/api/pacts/${pact.id}/approve`, {
      revision: pact.revision,
      hash: pact.hash,
    });
    expect({ status: approve.status, code: (approve.body as ErrorBody).code }).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
    const reject = await post(t, coordinator.accessToken, `/api/pacts/${pact.id}/reject`, {
      reason: 'Too late',
    });
    expect(reject.status).toBe(403);
    const read = await get(t, coordinator.accessToken, `/api/pacts/${pact.id}`);
    expect({ status: read.status, code: (read.body as ErrorBody).code }).toEqual({
      status: 404,
      code: 'PACT_NOT_FOUND',
    });
    const list = await get(t, coordinator.accessToken, '/api/pacts?limit=200');
    expect((list.body as { items: { id: string }[] }).items.map((p) => p.id)).not.toContain(
      pact.id,
    );
    const me = await get(t, coordinator.accessToken, '/api/me');
    expect((me.body as { grants: { role: string }[] }).grants.map((g) => g.role)).toEqual([
      'member',
    ]);
    expect(await pactState(pact.id)).toEqual(before);
  });

  it('a coordinator moved to another region keeps the role but loses the pact (404)', async () => {
    const coordinator = await newSession([
      { role: 'coordinator', party: 'lab', region: 'south-east' },
    ]);
    const pact = await createPactIn(t, tokens, 'signed', 'Moved coordinator');
    expect((await get(t, coordinator.accessToken, `/api/pacts/${pact.id}`)).status).toBe(200);
    const before = await pactState(pact.id);

    await replaceGrants(coordinator.userId, [
      { role: 'coordinator', party: 'lab', region: 'london' },
    ]);

    const approve = await post(t, coordinator.accessToken, `/api/pacts/${pact.id}/approve`, {
      revision: pact.revision,
      hash: pact.hash,
    });
    expect({ status: approve.status, code: (approve.body as ErrorBody).code }).toEqual({
      status: 404,
      code: 'PACT_NOT_FOUND',
    });
    expect(await pactState(pact.id)).toEqual(before);
  });

  it('an officer made a member loses sign (403) and the proposal (404) with the same token', async () => {
    const labLewes = await localPartyId(t, 'Lewes Labour');
    const officer = await newSession([{ role: 'officer', localPartyId: labLewes }]);
    const pact = await createPactIn(t, tokens, 'proposed', 'Downgraded officer');
    expect((await get(t, officer.accessToken, `/api/pacts/${pact.id}`)).status).toBe(200);
    const before = await pactState(pact.id);

    await replaceGrants(officer.userId, [{ role: 'member', party: 'lab' }]);

    const sign = await post(t, officer.accessToken, `/api/pacts/${pact.id}/sign`, {
      revision: pact.revision,
      hash: pact.hash,
    });
    expect({ status: sign.status, code: (sign.body as ErrorBody).code }).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect((await get(t, officer.accessToken, `/api/pacts/${pact.id}`)).status).toBe(404);
    expect(await pactState(pact.id)).toEqual(before);
  });

  it('an admin made a member loses the admin routes (403) with the same token', async () => {
    const second = await newSession([{ role: 'admin' }]);
    expect((await get(t, second.accessToken, '/api/audit/verify')).status).toBe(200);

    await replaceGrants(second.userId, [{ role: 'member', party: 'ld' }]);

    const verify = await get(t, second.accessToken, '/api/audit/verify');
    expect({ status: verify.status, code: (verify.body as ErrorBody).code }).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
    const users: { n: number }[] = await t.dataSource.query('SELECT count(*)::int AS n FROM users');
    const create = await post(t, second.accessToken, '/api/users', {
      email: 'made-by-a-former-admin@pactroom.test',
      name: 'Nope',
      password: 'a-long-enough-password',
      grants: [{ role: 'admin' }],
    });
    expect(create.status).toBe(403);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual(users);
  });
});
