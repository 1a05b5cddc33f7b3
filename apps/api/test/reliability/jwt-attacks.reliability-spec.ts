// Access-token attacks (RFC 8725, JWT best current practices): `alg: none`, wrong keys, algorithm
// confusion (RS256 / ES256 / HS384 / HS512 headers, an RSA public key as HMAC secret, embedded
// `jwk` and `kid` headers), tampered claims without re-signing, expiry and not-before, wrong issuer
// and audience, missing subject or session, and revocation that must act at once: a disabled
// account, a signed-out session, and grants an admin downgrades while the token is still valid.
import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import { bearer, createAccount, login } from '../support/factories.js';
import { demoTokens, get, localPartyId, post } from '../support/pacts.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import { errorBodyProblems, type ErrorBody } from './support/error-body.js';
import { createPactIn } from './support/pact-fixtures.js';

// The reliability project's `testTimeout` in jest.config.mjs is not applied (tests stop at 5 s).
jest.setTimeout(120_000);

let t: TestApp;
let tokens: Record<string, string>;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  tokens = await demoTokens(t, [
    'admin',
    'officer.ld.hastings',
    'officer.lab.lewes',
    'coord.ld.southeast',
    'coord.lab.southeast',
  ]);
  admin = tokens.admin ?? '';
});
afterAll(async () => {
  await t.close();
});

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const HS = { alg: 'HS256', typ: 'JWT' };

/** An HMAC-signed token with any header (the signature matches whatever the header claims). */
function hmacToken(
  header: object,
  payload: object,
  secret: string | Buffer | KeyObject = TEST_JWT_SECRET,
  digest = 'sha256',
): string {
  const head = `${b64(header)}.${b64(payload)}`;
  return `${head}.${createHmac(digest, secret).update(head).digest('base64url')}`;
}

type Claims = Record<string, unknown> & { sub: string; sid: string; exp: number; iat: number };

interface Session {
  readonly userId: string;
  readonly accessToken: string;
  readonly claims: Claims;
}

async function newSession(grants: Parameters<typeof createAccount>[1] = []): Promise<Session> {
  const account = await createAccount(
    t,
    grants.length ? grants : [{ role: 'member', party: 'lab' }],
  );
  const { accessToken } = await login(t, account.email);
  return { userId: account.id, accessToken, claims: jwt.decode(accessToken) as Claims };
}

/** Asserts a 401 with the API.md error body and an auth error code. */
function expectRefused(res: Response, what: string): void {
  expect({
    what,
    status: res.status,
    problems: errorBodyProblems(res.status, res.headers, res.text),
  }).toEqual({
    what,
    status: 401,
    problems: [],
  });
  expect((res.body as ErrorBody).code).toMatch(/^(INVALID_TOKEN|UNAUTHENTICATED)$/);
}

const attacker = {
  rsa: generateKeyPairSync('rsa', { modulusLength: 2048 }),
  ec: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
};

describe('forged and tampered access tokens', () => {
  let victim: Session;
  let other: Session;
  let adminId: string;

  beforeAll(async () => {
    victim = await newSession([{ role: 'member', party: 'lab' }]);
    other = await newSession([{ role: 'member', party: 'ld' }]);
    adminId = (jwt.decode(admin) as Claims).sub;
  });

  const now = () => Math.floor(Date.now() / 1000);
  /** Each case builds the Authorization header value from the victim's real token. */
  const CASES: readonly [string, () => string][] = [
    ['alg none, no signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(victim.claims)}.`],
    [
      'alg none, the real signature kept',
      () => `${b64({ alg: 'none' })}.${b64(victim.claims)}.${victim.accessToken.split('.')[2]}`,
    ],
    ['alg None', () => `${b64({ alg: 'None' })}.${b64(victim.claims)}.`],
    ['alg NONE', () => `${b64({ alg: 'NONE' })}.${b64(victim.claims)}.`],
    ['no alg at all', () => hmacToken({ typ: 'JWT' }, victim.claims)],
    ['HS256 with a wrong key', () => hmacToken(HS, victim.claims, 'x'.repeat(52))],
    ['HS256 with an empty key', () => hmacToken(HS, victim.claims, '')],
    [
      'HS384 with the real secret',
      () => hmacToken({ alg: 'HS384' }, victim.claims, TEST_JWT_SECRET, 'sha384'),
    ],
    [
      'HS512 with the real secret',
      () => hmacToken({ alg: 'HS512' }, victim.claims, TEST_JWT_SECRET, 'sha512'),
    ],
    [
      'RS256 signed with an attacker RSA key',
      () => jwt.sign(victim.claims, attacker.rsa.privateKey, { algorithm: 'RS256' }),
    ],
    [
      'ES256 signed with an attacker EC key',
      () => jwt.sign(victim.claims, attacker.ec.privateKey, { algorithm: 'ES256' }),
    ],
    [
      'RS256 header over an HMAC of the real secret (algorithm confusion)',
      () => hmacToken({ alg: 'RS256', typ: 'JWT' }, victim.claims),
    ],
    [
      'HS256 keyed with an RSA public key PEM (key confusion)',
      () =>
        hmacToken(
          HS,
          victim.claims,
          attacker.rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        ),
    ],
    [
      'RS256 with the attacker key embedded as a jwk header',
      () =>
        jwt.sign(victim.claims, attacker.rsa.privateKey, {
          algorithm: 'RS256',
          header: {
            alg: 'RS256',
            jwk: attacker.rsa.publicKey.export({ format: 'jwk' }),
          } as jwt.JwtHeader,
        }),
    ],
    [
      'a kid header pointing at an empty key file',
      () => hmacToken({ ...HS, kid: '../../../../../../dev/null' }, victim.claims, ''),
    ],
    [
      'a jku header pointing at an attacker key set',
      () =>
        jwt.sign(victim.claims, attacker.rsa.privateKey, {
          algorithm: 'RS256',
          header: { alg: 'RS256', jku: 'https://attacker.example/jwks.json' },
        }),
    ],
    [
      'sub changed to the admin without re-signing',
      () => {
        const [h, , s] = victim.accessToken.split('.');
        return `${h}.${b64({ ...victim.claims, sub: adminId })}.${s}`;
      },
    ],
    [
      'sid changed to another session without re-signing',
      () => {
        const [h, , s] = victim.accessToken.split('.');
        return `${h}.${b64({ ...victim.claims, sid: other.claims.sid })}.${s}`;
      },
    ],
    [
      'exp pushed a year ahead without re-signing',
      () => {
        const [h, , s] = victim.accessToken.split('.');
        return `${h}.${b64({ ...victim.claims, exp: victim.claims.exp + 31_536_000 })}.${s}`;
      },
    ],
    ['the signature stripped', () => victim.accessToken.split('.').slice(0, 2).join('.') + '.'],
    [
      "another token's signature",
      () => {
        const [h, p] = victim.accessToken.split('.');
        return `${h}.${p}.${other.accessToken.split('.')[2]}`;
      },
    ],
    [
      'expired (exp a minute ago)',
      () => hmacToken(HS, { ...victim.claims, iat: now() - 3600, exp: now() - 60 }),
    ],
    ['exp as a string', () => hmacToken(HS, { ...victim.claims, exp: String(now() + 600) })],
    ['nbf an hour ahead', () => hmacToken(HS, { ...victim.claims, nbf: now() + 3600 })],
    ['a wrong issuer', () => hmacToken(HS, { ...victim.claims, iss: 'evil' })],
    ['no issuer', () => hmacToken(HS, { ...victim.claims, iss: undefined })],
    ['a wrong audience', () => hmacToken(HS, { ...victim.claims, aud: 'another-api' })],
    ['no audience', () => hmacToken(HS, { ...victim.claims, aud: undefined })],
    ['no sub', () => hmacToken(HS, { ...victim.claims, sub: undefined })],
    ['no sid', () => hmacToken(HS, { ...victim.claims, sid: undefined })],
    ['sub that is not a uuid', () => hmacToken(HS, { ...victim.claims, sub: "' OR 1=1 --" })],
    ['sub as a number', () => hmacToken(HS, { ...victim.claims, sub: 1 })],
    [
      'sub of no user',
      () => hmacToken(HS, { ...victim.claims, sub: '00000000-0000-4000-8000-000000000000' }),
    ],
    [
      'sid of no session',
      () => hmacToken(HS, { ...victim.claims, sid: '00000000-0000-4000-8000-000000000000' }),
    ],
    [
      "sid of another user's live session",
      () => hmacToken(HS, { ...victim.claims, sid: other.claims.sid }),
    ],
    [
      'a payload that is not JSON',
      () => `${b64(HS)}.${b64('not json')}.${victim.accessToken.split('.')[2]}`,
    ],
    ['a payload that is a JSON array', () => hmacToken(HS, [victim.claims])],
    ['four segments', () => `${victim.accessToken}.extra`],
    ['an 8 kB token', () => hmacToken(HS, { ...victim.claims, pad: 'x'.repeat(6_000) }, 'wrong')],
  ];

  it.each(CASES)('refuses %s with 401 on reads and writes', async (name, build) => {
    const token = build();
    expectRefused(
      await t.http.get('/api/me').set('authorization', bearer(token)),
      `${name}: GET /api/me`,
    );
    expectRefused(
      await t.http.get('/api/pacts').set('authorization', bearer(token)),
      `${name}: GET /api/pacts`,
    );
    expectRefused(
      await t.http
        .post('/api/users')
        .set('authorization', bearer(token))
        .send({
          email: 'x@pactroom.test',
          name: 'X',
          password: 'a-long-enough-password',
          grants: [{ role: 'admin' }],
        }),
      `${name}: POST /api/users`,
    );
  });

  it('accepts the same claims correctly signed (the control)', async () => {
    const res = await t.http
      .get('/api/me')
      .set('authorization', bearer(hmacToken(HS, victim.claims)));
    expect(res.status).toBe(200);
    expect((res.body as { id: string }).id).toBe(victim.userId);
  });

  it.each([
    ['in the query string', (token: string) => t.http.get(`/api/me?access_token=${token}`)],
    [
      'in a cookie',
      (token: string) => t.http.get('/api/me').set('cookie', `access_token=${token}`),
    ],
    [
      'with the Basic scheme',
      (token: string) => t.http.get('/api/me').set('authorization', `Basic ${token}`),
    ],
    ['without a scheme', (token: string) => t.http.get('/api/me').set('authorization', token)],
  ])(
    'takes a valid token only from the Authorization Bearer header, not %s',
    async (name, send) => {
      expectRefused(await send(victim.accessToken), name);
    },
  );
});

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
