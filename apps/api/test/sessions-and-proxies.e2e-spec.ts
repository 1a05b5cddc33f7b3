import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseConfig } from '../src/config/app-config.js';
import { bearer, createAccount, login, uniqueEmail } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Issue 10, items 13 and 14: behind a proxy every client shared one throttling bucket, and
// sessions outlived a new password and survived a disable / re-enable.

describe('sessions end with the credentials that opened them (item 14)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await login(t, (await createAccount(t, [{ role: 'admin' }])).email)).accessToken;
  });
  afterAll(async () => {
    await t.close();
  });

  const me = (token: string) => t.http.get('/api/me').set('authorization', bearer(token));
  const refresh = (refreshToken: string) => t.http.post('/api/auth/refresh').send({ refreshToken });
  const patch = (id: string, body: object) =>
    t.http.patch(`/api/users/${id}`).set('authorization', bearer(admin)).send(body);

  it('a password set by an admin ends every earlier session, access and refresh tokens alike', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const phone = await login(t, account.email);
    const laptop = await login(t, account.email);
    expect((await me(phone.accessToken)).status).toBe(200);
    expect((await patch(account.id, { password: 'a brand new passphrase' })).status).toBe(200);
    for (const session of [phone, laptop]) {
      expect((await me(session.accessToken)).status).toBe(401);
      expect((await refresh(session.refreshToken)).status).toBe(401);
    }
    const fresh = await login(t, account.email, 'a brand new passphrase');
    expect((await me(fresh.accessToken)).status).toBe(200);
  });

  it('re-enabling an account restores none of its sessions', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'ld' }]);
    const before = await login(t, account.email);
    expect((await patch(account.id, { disabled: true })).status).toBe(200);
    expect((await me(before.accessToken)).status).toBe(401);
    expect((await patch(account.id, { disabled: false })).status).toBe(200);
    expect((await me(before.accessToken)).status).toBe(401);
    expect((await refresh(before.refreshToken)).status).toBe(401);
    expect((await me((await login(t, account.email)).accessToken)).status).toBe(200);
  });

  it('a renamed account keeps its sessions: only credentials and access end them', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'green' }]);
    const session = await login(t, account.email);
    expect((await patch(account.id, { name: 'A new name' })).status).toBe(200);
    expect((await me(session.accessToken)).status).toBe(200);
  });

  it('a user can sign out everywhere, this session included', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const one = await login(t, account.email);
    const two = await login(t, account.email);
    const res = await t.http
      .post('/api/auth/logout-all')
      .set('authorization', bearer(one.accessToken));
    expect(res.status).toBe(204);
    for (const session of [one, two]) {
      expect((await me(session.accessToken)).status).toBe(401);
      expect((await refresh(session.refreshToken)).status).toBe(401);
    }
    expect((await t.http.post('/api/auth/logout-all')).status).toBe(401);
  });
});

describe('the client address behind a proxy (item 13)', () => {
  const bucketsFor = async (t: TestApp, email: string, forwarded: readonly string[]) => {
    for (const address of forwarded) {
      const res = await t.http
        .post('/api/auth/login')
        .set('x-forwarded-for', address)
        .send({ email, password: 'not the password at all' });
      expect(res.status).toBe(401);
    }
    const rows: { key: string }[] = await t.dataSource.query(
      `SELECT DISTINCT key FROM login_attempt_buckets WHERE key LIKE 'ip:%' ORDER BY key`,
    );
    return rows.map((r) => r.key);
  };

  it('ignores X-Forwarded-For by default: with no proxy it is the client’s own claim', async () => {
    const t = await createTestApp();
    try {
      const keys = await bucketsFor(t, uniqueEmail(), ['203.0.113.7', '198.51.100.9']);
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(/^ip:(::ffff:)?127\.0\.0\.1$/);
    } finally {
      await t.close();
    }
  });

  it.each([
    ['the proxy’s address', '127.0.0.1'],
    ['a CIDR range', '127.0.0.0/8,::1'],
    ['a hop count', '1'],
  ])('believes a configured proxy (%s): each client gets its own bucket', async (_name, trust) => {
    const t = await createTestApp({ env: { PACTROOM_TRUST_PROXY: trust } });
    try {
      const keys = await bucketsFor(t, uniqueEmail(), ['203.0.113.7', '198.51.100.9']);
      expect(keys).toEqual(['ip:198.51.100.9', 'ip:203.0.113.7']);
    } finally {
      await t.close();
    }
  });

  it('refuses settings that would let any client choose its address', () => {
    expect(() => parseConfig({ PACTROOM_TRUST_PROXY: 'true' })).toThrow('PACTROOM_TRUST_PROXY');
    expect(() => parseConfig({ PACTROOM_TRUST_PROXY: '10.0.0.0/33' })).toThrow(
      'not an IP address or CIDR range: 10.0.0.0/33',
    );
    expect(() => parseConfig({ PACTROOM_TRUST_PROXY: '0' })).toThrow('hop count');
    expect(parseConfig({ PACTROOM_TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(parseConfig({}).http.trustProxy).toBe(false);
  });
});
