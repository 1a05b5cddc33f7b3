// Access-token attacks (RFC 8725, JWT best current practices): `alg: none`, wrong keys, algorithm
// confusion (RS256 / ES256 / HS384 / HS512 headers, an RSA public key as HMAC secret, embedded
// `jwk` and `kid` headers), tampered claims without re-signing, expiry and not-before, wrong issuer
// and audience, missing subject or session, and tokens sent anywhere but the Bearer header.
// Revocation that must act at once on a still-valid token: jwt-revocation.reliability-spec.ts.
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { bearer } from '../support/factories.js';
import { TEST_JWT_SECRET } from '../support/test-app.js';
import {
  admin,
  b64,
  expectRefused,
  hmacToken,
  HS,
  newSession,
  t,
  useJwtApp,
  type Claims,
  type Session,
} from './support/jwt-fixture.js';

// The reliability project's `testTimeout` in jest.config.mjs is not applied (tests stop at 5 s).
jest.setTimeout(120_000);

useJwtApp();

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
