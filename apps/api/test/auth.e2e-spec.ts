import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { bearer, createAccount, login, TEST_PASSWORD } from './support/factories.js';
import { clearOfLoginWindowEdge } from './support/login-window.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { PACTROOM_LOGIN_FAILURES_PER_ACCOUNT: '3', PACTROOM_LOGIN_ATTEMPTS_PER_IP: '1000' },
  });
});
afterAll(async () => {
  await t.close();
});

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('login', () => {
  it('signs in and answers /api/me with the user and grants', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const { accessToken } = await login(t, account.email);
    const me = await t.http.get('/api/me').set('authorization', bearer(accessToken));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: account.id,
      email: account.email,
      disabled: false,
      grants: [{ role: 'member', party: 'lab', region: null, localPartyId: null }],
    });
    expect(me.headers['x-request-id']).toBeDefined();
  });

  it('accepts the email in any case', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'ld' }]);
    await expect(login(t, account.email.toUpperCase())).resolves.toMatchObject({
      userId: account.id,
    });
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'ld' }]);
    const wrong = await t.http
      .post('/api/auth/login')
      .send({ email: account.email, password: 'not-the-password' });
    const unknown = await t.http
      .post('/api/auth/login')
      .send({ email: 'nobody-here@pactroom.test', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect({ ...unknown.body, requestId: undefined }).toEqual({
      ...wrong.body,
      requestId: undefined,
    });
  });

  it.each([
    ['an unknown field', { email: 'a@pactroom.test', password: 'x', role: 'admin' }],
    ['a wrong type', { email: 'a@pactroom.test', password: 42 }],
    ['a malformed email', { email: 'not-an-email', password: 'x' }],
    ['no body fields', {}],
  ])('refuses %s with 400', async (_name, body) => {
    const res = await t.http.post('/api/auth/login').send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', requestId: expect.any(String) });
  });
});

describe('refresh tokens', () => {
  it('rotates: the new pair works and the old refresh token stops working', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const first = await login(t, account.email);
    const rotated = await t.http
      .post('/api/auth/refresh')
      .send({ refreshToken: first.refreshToken });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(first.refreshToken);
    expect(
      (await t.http.get('/api/me').set('authorization', bearer(rotated.body.accessToken))).status,
    ).toBe(200);
    const again = await t.http
      .post('/api/auth/refresh')
      .send({ refreshToken: rotated.body.refreshToken });
    expect(again.status).toBe(200);
  });

  it('revokes the whole family when a used refresh token is presented again', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const first = await login(t, account.email);
    const second = await t.http
      .post('/api/auth/refresh')
      .send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    const reuse = await t.http.post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate successor and every access token of the family are dead too.
    expect(
      (await t.http.post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken }))
        .status,
    ).toBe(401);
    expect(
      (await t.http.get('/api/me').set('authorization', bearer(second.body.accessToken))).status,
    ).toBe(401);
    expect(
      (await t.http.get('/api/me').set('authorization', bearer(first.accessToken))).status,
    ).toBe(401);
    // Another login of the same user is a different family and unaffected.
    const other = await login(t, account.email);
    expect(
      (await t.http.get('/api/me').set('authorization', bearer(other.accessToken))).status,
    ).toBe(200);
  });

  it('lets exactly one of two concurrent refreshes with the same token win', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const { refreshToken } = await login(t, account.email);
    const results = await Promise.all(
      [1, 2].map(() => t.http.post('/api/auth/refresh').send({ refreshToken })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it.each([['garbage'], ['00000000-0000-0000-0000-000000000000.secret']])(
    'refuses an invalid refresh token %s',
    async (refreshToken) => {
      const res = await t.http.post('/api/auth/refresh').send({ refreshToken });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_REFRESH_TOKEN');
    },
  );
});

describe('logout', () => {
  it('revokes the session: its refresh and access tokens stop working', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const session = await login(t, account.email);
    const out = await t.http
      .post('/api/auth/logout')
      .set('authorization', bearer(session.accessToken));
    expect(out.status).toBe(204);
    expect(
      (await t.http.get('/api/me').set('authorization', bearer(session.accessToken))).status,
    ).toBe(401);
    expect(
      (await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status,
    ).toBe(401);
  });

  it('needs a signed-in caller', async () => {
    expect((await t.http.post('/api/auth/logout')).status).toBe(401);
  });
});

describe('disabled accounts', () => {
  it('are refused at once, existing tokens included', async () => {
    const admin = await createAccount(t, [{ role: 'admin' }]);
    const adminSession = await login(t, admin.email);
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const session = await login(t, account.email);
    const patch = await t.http
      .patch(`/api/users/${account.id}`)
      .set('authorization', bearer(adminSession.accessToken))
      .send({ disabled: true });
    expect(patch.status).toBe(200);
    expect(patch.body.disabled).toBe(true);
    expect(
      (await t.http.get('/api/me').set('authorization', bearer(session.accessToken))).status,
    ).toBe(401);
    expect(
      (await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status,
    ).toBe(401);
    const relogin = await t.http
      .post('/api/auth/login')
      .send({ email: account.email, password: TEST_PASSWORD });
    expect(relogin.status).toBe(403);
    expect(relogin.body.code).toBe('ACCOUNT_DISABLED');
  });
});

describe('throttling', () => {
  it('locks an account after repeated failures, with Retry-After, even for the right password', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    await clearOfLoginWindowEdge();
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await t.http
            .post('/api/auth/login')
            .send({ email: account.email, password: 'wrong-password' })
        ).status,
      ).toBe(401);
    }
    const locked = await t.http
      .post('/api/auth/login')
      .send({ email: account.email, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('THROTTLED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('does not count successful logins', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'green' }]);
    for (let i = 0; i < 5; i++) {
      await login(t, account.email);
    }
  });
});

describe('access tokens', () => {
  const forge = (
    payload: object,
    header: object = { alg: 'HS256', typ: 'JWT' },
    secret = TEST_JWT_SECRET,
  ) => {
    const head = `${b64(header)}.${b64(payload)}`;
    return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
  };

  it.each([
    ['no token', undefined],
    ['garbage', 'Bearer not.a.jwt'],
    ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', sid: 'y' })}.`],
    ['a wrong key', 'WRONG_KEY'],
    ['a tampered payload', 'TAMPERED'],
    ['an expired token', 'EXPIRED'],
    ['nbf in the future', 'NBF'],
  ])('refuses %s with 401', async (_name, header) => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const { accessToken } = await login(t, account.email);
    const claims = jwt.decode(accessToken) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    const value =
      header === 'WRONG_KEY'
        ? bearer(forge(claims, undefined, 'another-secret-that-is-long-enough-0123456789'))
        : header === 'TAMPERED'
          ? bearer(
              `${accessToken.split('.')[0]}.${b64({ ...claims, sub: '00000000-0000-0000-0000-000000000000' })}.${accessToken.split('.')[2]}`,
            )
          : header === 'EXPIRED'
            ? bearer(forge({ ...claims, iat: now - 3600, exp: now - 60 }))
            : header === 'NBF'
              ? bearer(forge({ ...claims, nbf: now + 3600 }))
              : header;
    const req = t.http.get('/api/me');
    const res = value ? await req.set('authorization', value) : await req;
    expect(res.status).toBe(401);
    expect(res.body.code).toMatch(/^(UNAUTHENTICATED|INVALID_TOKEN)$/);
  });

  it('accepts a correctly signed token of a live session', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const { accessToken } = await login(t, account.email);
    const claims = jwt.decode(accessToken) as Record<string, unknown>;
    expect((await t.http.get('/api/me').set('authorization', bearer(forge(claims)))).status).toBe(
      200,
    );
  });
});
