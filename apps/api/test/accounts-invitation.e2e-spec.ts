// Accounts by invitation (issue 13): invited accounts, who may set a password, the answer that
// does not say whether an address has an account (issue 10 item 4), accepting, resets, changes,
// the breached-password list, resend and unlock.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bearer,
  createAccount,
  createLocalParty,
  login,
  TEST_PASSWORD,
  uniqueEmail,
} from './support/factories.js';
import { clearOfLoginWindowEdge } from './support/login-window.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let admin: string;
let coordLabSE: string;
let coordLdSE: string;
let lpLabHastings: string;
let lpLdLewes: string;

const NEW_PASSWORD = 'violet staircase umbrella';

beforeAll(async () => {
  t = await createTestApp();
  lpLabHastings = await createLocalParty(t, 'lab', 'E14000735');
  lpLdLewes = await createLocalParty(t, 'ld', 'E14000786');
  admin = (await login(t, (await createAccount(t, [{ role: 'admin' }])).email)).accessToken;
  const coordinator = async (party: string) =>
    (
      await login(
        t,
        (await createAccount(t, [{ role: 'coordinator', party, region: 'south-east' }])).email,
      )
    ).accessToken;
  coordLabSE = await coordinator('lab');
  coordLdSE = await coordinator('ld');
});
afterAll(async () => {
  await t.close();
});

const invite = (token: string, body: object) =>
  t.http.post('/api/users').set('authorization', bearer(token)).send(body);

const labOfficer = (email = uniqueEmail('invited')) => ({
  email,
  name: 'Invited Officer',
  grants: [{ role: 'officer', localPartyId: lpLabHastings }],
});

interface EventRow {
  id: string;
  kind: string;
  subject_user_id: string;
  actor_user_id: string | null;
  data: { token?: string; expiresAt?: string; invitedByName?: string };
}

/** The notification events recorded about an account, oldest first. */
async function eventsAbout(userId: string, kind?: string): Promise<EventRow[]> {
  return t.dataSource.query(
    `SELECT id, kind, subject_user_id, actor_user_id, data FROM notification_events
      WHERE subject_user_id = $1 AND ($2::varchar IS NULL OR kind = $2) ORDER BY occurred_at, id`,
    [userId, kind ?? null],
  );
}

async function userIdOf(email: string): Promise<string> {
  const [row]: { id: string }[] = await t.dataSource.query(
    'SELECT id FROM users WHERE email = $1',
    [email],
  );
  if (!row) {
    throw new Error(`no account ${email}`);
  }
  return row.id;
}

/** The token of the newest mail of a kind to an account (the mail pipeline is not ours to test). */
async function latestToken(userId: string, kind: string): Promise<string> {
  const token = (await eventsAbout(userId, kind)).at(-1)?.data.token;
  if (!token) {
    throw new Error(`no ${kind} token for ${userId}`);
  }
  return token;
}

async function invited(token = coordLabSE) {
  const body = labOfficer();
  expect((await invite(token, body)).status).toBe(202);
  const id = await userIdOf(body.email);
  return { id, email: body.email, token: await latestToken(id, 'account.invited') };
}

const accept = (token: string, password = NEW_PASSWORD) =>
  t.http.post('/api/auth/invitations/accept').send({ token, password });

async function trailActions(userId: string): Promise<string[]> {
  const rows: { action: string }[] = await t.dataSource.query(
    'SELECT action FROM account_audit_events WHERE account_id = $1 ORDER BY seq',
    [userId],
  );
  return rows.map((r) => r.action);
}

describe('inviting', () => {
  it('creates an invited account that cannot sign in, and records the invitation mail', async () => {
    const body = labOfficer();
    const res = await invite(coordLabSE, body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'invitation-sent', email: body.email });
    const id = await userIdOf(body.email);
    const [event] = await eventsAbout(id);
    expect(event?.kind).toBe('account.invited');
    expect(event?.data.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(event?.data.invitedByName).toMatch(/^Test /);
    const expiresAt = new Date(event?.data.expiresAt ?? 0).getTime();
    expect(Math.abs(expiresAt - Date.now() - 7 * 24 * 3_600_000)).toBeLessThan(60_000);
    // Only the token's hash is stored.
    const [stored]: { token_hash: string }[] = await t.dataSource.query(
      'SELECT token_hash FROM account_tokens WHERE user_id = $1',
      [id],
    );
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.token_hash).not.toContain(event?.data.token ?? '-');
    // Signing in fails exactly as a wrong password does.
    const attempt = await t.http
      .post('/api/auth/login')
      .send({ email: body.email, password: 'anything-at-all-here' });
    expect(attempt.status).toBe(401);
    expect(attempt.body.code).toBe('INVALID_CREDENTIALS');
    const managed = await t.http.get(`/api/users/${id}`).set('authorization', bearer(coordLabSE));
    expect(managed.body).toMatchObject({ invited: true, disabled: false });
    expect(await trailActions(id)).toEqual(['account.created', 'account.invited']);
  });

  it('accepts an invitation once: the password works, the link does not work again', async () => {
    const { id, email, token } = await invited();
    expect((await accept(token)).status).toBe(204);
    await expect(login(t, email, NEW_PASSWORD)).resolves.toMatchObject({ userId: id });
    const again = await accept(token, 'another fine passphrase');
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({
      code: 'TOKEN_INVALID',
      message: 'This link has expired or was already used. Ask for a new one.',
    });
    await expect(login(t, email, NEW_PASSWORD)).resolves.toMatchObject({ userId: id });
    expect(await trailActions(id)).toEqual([
      'account.created',
      'account.invited',
      'account.activated',
    ]);
  });

  it('lets exactly one of two simultaneous accepts of one link win', async () => {
    const { email, token } = await invited();
    const results = await Promise.all([
      accept(token, 'first racing passphrase'),
      accept(token, 'second racing passphrase'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 400]);
    const winner = results[0]?.status === 204 ? 'first' : 'second';
    await expect(login(t, email, `${winner} racing passphrase`)).resolves.toBeDefined();
  });

  it('refuses an expired, an unknown and a malformed token with one answer', async () => {
    const { id, token } = await invited();
    await t.dataSource.query(
      `UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [id],
    );
    for (const bad of [token, 'A'.repeat(43), 'not a token']) {
      const res = await accept(bad);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('TOKEN_INVALID');
    }
  });

  it('refuses a breached password when accepting, and the link still works after', async () => {
    const { token } = await invited();
    const res = await accept(token, 'Qwerty123456');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('PASSWORD_BREACHED');
    expect(res.body.details).toEqual([{ field: 'password', problems: [expect.any(String)] }]);
    expect((await accept(token)).status).toBe(204);
  });

  it('lets an admin invite too, and tells an admin the address is taken', async () => {
    const body = labOfficer();
    expect((await invite(admin, body)).status).toBe(202);
    const again = await invite(admin, { ...body, name: 'Someone Else' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
  });
});

describe('who may set a password', () => {
  it('refuses a coordinator who sends a password, and creates nothing', async () => {
    const body = { ...labOfficer(), password: 'a-long-enough-password' };
    const res = await invite(coordLabSE, body);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('PASSWORD_NOT_ALLOWED');
    const rows: unknown[] = await t.dataSource.query('SELECT 1 FROM users WHERE email = $1', [
      body.email,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a coordinator setting a password on an account they manage', async () => {
    const { id } = await invited();
    const res = await t.http
      .patch(`/api/users/${id}`)
      .set('authorization', bearer(coordLabSE))
      .send({ password: 'a-long-enough-password' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('PASSWORD_NOT_ALLOWED');
  });

  it('lets an admin set an initial password, recorded as set by the admin, never the password', async () => {
    const body = { ...labOfficer(), password: 'a-long-enough-password' };
    const res = await invite(admin, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: body.email, invited: false });
    await expect(login(t, body.email, 'a-long-enough-password')).resolves.toBeDefined();
    const trail: { action: string; actor_role: string; payload: unknown }[] =
      await t.dataSource.query(
        `SELECT action, actor_role, payload FROM account_audit_events WHERE account_id = $1 ORDER BY seq`,
        [res.body.id],
      );
    expect(trail.map((e) => [e.action, e.actor_role])).toEqual([
      ['account.created', 'admin'],
      ['account.password_set', 'admin'],
    ]);
    expect(JSON.stringify(trail)).not.toContain('a-long-enough-password');
    expect(await eventsAbout(res.body.id)).toHaveLength(0);
  });

  it('refuses a breached password set by an admin', async () => {
    const res = await invite(admin, { ...labOfficer(), password: 'qwerty123456' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('PASSWORD_BREACHED');
  });
});

describe('an address that already has an account (issue 10 item 4)', () => {
  it('answers a coordinator exactly as for a new address, and changes nothing but a note to its owner', async () => {
    // An account the coordinator cannot see: a Lib Dem officer.
    const existing = await createAccount(t, [{ role: 'officer', localPartyId: lpLdLewes }]);
    const fresh = await invite(coordLabSE, labOfficer());
    const taken = await invite(coordLabSE, labOfficer(existing.email));
    expect(taken.status).toBe(fresh.status);
    expect(taken.status).toBe(202);
    expect(Object.keys(taken.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(taken.body).toEqual({ status: 'invitation-sent', email: existing.email });
    // Nothing changed for the existing account: its grants, password and trail are as before.
    const grants: { role: string; local_party_id: string }[] = await t.dataSource.query(
      'SELECT role, local_party_id FROM grants WHERE user_id = $1',
      [existing.id],
    );
    expect(grants).toEqual([{ role: 'officer', local_party_id: lpLdLewes }]);
    await expect(login(t, existing.email, TEST_PASSWORD)).resolves.toBeDefined();
    expect(await trailActions(existing.id)).toEqual([]);
    const events = await eventsAbout(existing.id);
    expect(events.map((e) => e.kind)).toEqual(['account.invited-existing']);
    expect(events[0]?.data).toEqual({});
    // Trying again within the hour sends its owner no second note.
    expect((await invite(coordLabSE, labOfficer(existing.email))).status).toBe(202);
    expect(await eventsAbout(existing.id)).toHaveLength(1);
  });
});

describe('password reset', () => {
  const requestReset = (email: string) => t.http.post('/api/auth/password-reset').send({ email });
  const confirm = (token: string, password = NEW_PASSWORD) =>
    t.http.post('/api/auth/password-reset/confirm').send({ token, password });

  it('answers the same for an unknown, a disabled and a real address', async () => {
    const real = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const disabled = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    await t.dataSource.query('UPDATE users SET disabled_at = now() WHERE id = $1', [disabled.id]);
    const answers = await Promise.all(
      [real.email, disabled.email, uniqueEmail('nobody')].map(requestReset),
    );
    for (const res of answers) {
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ status: 'password-reset-requested' });
    }
    expect(await eventsAbout(real.id, 'account.password-reset')).toHaveLength(1);
    expect(await eventsAbout(disabled.id)).toHaveLength(0);
  });

  it('sends at most three links an hour per account, silently', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    for (let i = 0; i < 5; i++) {
      expect((await requestReset(account.email)).status).toBe(202);
    }
    expect(await eventsAbout(account.id, 'account.password-reset')).toHaveLength(3);
  });

  it('sets the new password and ends every session: refresh tokens and web sessions', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const api = await login(t, account.email);
    const web = await signInOver(account.email, TEST_PASSWORD);
    expect((await t.http.get('/').set('cookie', web)).status).toBe(200);
    await requestReset(account.email);
    const [row]: { created_at: Date; expires_at: Date }[] = await t.dataSource.query(
      `SELECT created_at, expires_at FROM account_tokens WHERE user_id = $1`,
      [account.id],
    );
    expect(row && row.expires_at.getTime() - row.created_at.getTime()).toBe(30 * 60_000);
    const token = await latestToken(account.id, 'account.password-reset');
    expect((await confirm(token)).status).toBe(204);
    const refresh = await t.http.post('/api/auth/refresh').send({ refreshToken: api.refreshToken });
    expect(refresh.status).toBe(401);
    expect((await t.http.get('/api/me').set('authorization', bearer(api.accessToken))).status).toBe(
      401,
    );
    const page = await t.http.get('/').set('cookie', web);
    expect(page.status).toBe(303);
    await expect(login(t, account.email, NEW_PASSWORD)).resolves.toBeDefined();
    expect((await confirm(token, 'yet another passphrase')).body.code).toBe('TOKEN_INVALID');
    expect(await trailActions(account.id)).toEqual(['account.recorded', 'account.password_reset']);
  });

  it('stops a reset link after 30 minutes, and a newer link voids the older', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    await requestReset(account.email);
    const first = await latestToken(account.id, 'account.password-reset');
    await requestReset(account.email);
    const second = await latestToken(account.id, 'account.password-reset');
    expect((await confirm(first)).body.code).toBe('TOKEN_INVALID');
    const voided: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM account_tokens WHERE user_id = $1 AND voided_at IS NOT NULL`,
      [account.id],
    );
    expect(voided).toHaveLength(1);
    // As if 31 minutes had passed since the link was sent.
    await t.dataSource.query(
      `UPDATE account_tokens SET created_at = created_at - interval '31 minutes',
              expires_at = expires_at - interval '31 minutes' WHERE user_id = $1`,
      [account.id],
    );
    expect((await confirm(second)).body.code).toBe('TOKEN_INVALID');
  });

  it('refuses a breached password on reset', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    await requestReset(account.email);
    const res = await confirm(
      await latestToken(account.id, 'account.password-reset'),
      'LEAVEMEALONE',
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('PASSWORD_BREACHED');
  });
});

describe('changing your password', () => {
  const change = (token: string, body: object) =>
    t.http.post('/api/auth/password').set('authorization', bearer(token)).send(body);

  it('needs the current password; a wrong one changes nothing', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const session = await login(t, account.email);
    const res = await change(session.accessToken, {
      currentPassword: 'not-my-password',
      newPassword: NEW_PASSWORD,
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CURRENT_PASSWORD_WRONG');
    await expect(login(t, account.email, TEST_PASSWORD)).resolves.toBeDefined();
    expect(
      (await t.http.get('/api/me').set('authorization', bearer(session.accessToken))).status,
    ).toBe(200);
  });

  it('sets the new password and ends every session', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const session = await login(t, account.email);
    const other = await login(t, account.email);
    const res = await change(session.accessToken, {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.status).toBe(204);
    for (const s of [session, other]) {
      expect((await t.http.get('/api/me').set('authorization', bearer(s.accessToken))).status).toBe(
        401,
      );
    }
    await expect(login(t, account.email, NEW_PASSWORD)).resolves.toBeDefined();
    await expect(login(t, account.email, TEST_PASSWORD)).rejects.toThrow(/401/);
  });

  it('refuses a breached new password, naming newPassword', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const session = await login(t, account.email);
    const res = await change(session.accessToken, {
      currentPassword: TEST_PASSWORD,
      newPassword: '1qaz2wsx3edc',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('PASSWORD_BREACHED');
    expect(res.body.details[0].field).toBe('newPassword');
  });

  it('signs out web sessions too with logout-all', async () => {
    const account = await createAccount(t, [{ role: 'member', party: 'lab' }]);
    const session = await login(t, account.email);
    const web = await signInOver(account.email, TEST_PASSWORD);
    const res = await t.http
      .post('/api/auth/logout-all')
      .set('authorization', bearer(session.accessToken));
    expect(res.status).toBe(204);
    expect((await t.http.get('/').set('cookie', web)).status).toBe(303);
  });
});

describe('resend and unlock', () => {
  it('resends an invitation in scope: a new link, the old one void', async () => {
    const { id, token } = await invited();
    const res = await t.http
      .post(`/api/users/${id}/invitation`)
      .set('authorization', bearer(coordLabSE));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'invitation-sent' });
    expect((await accept(token)).body.code).toBe('TOKEN_INVALID');
    expect((await accept(await latestToken(id, 'account.invited'))).status).toBe(204);
    expect(await trailActions(id)).toContain('account.invitation_resent');
    // Once a password is chosen there is no invitation to resend.
    const after = await t.http
      .post(`/api/users/${id}/invitation`)
      .set('authorization', bearer(coordLabSE));
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('ACCOUNT_ALREADY_ACTIVE');
  });

  it('answers 404 out of scope for resend and unlock', async () => {
    const { id } = await invited();
    for (const path of ['invitation', 'unlock']) {
      const res = await t.http
        .post(`/api/users/${id}/${path}`)
        .set('authorization', bearer(coordLdSE));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('USER_NOT_FOUND');
    }
  });

  it('unlocks a throttled account in scope', async () => {
    await clearOfLoginWindowEdge();
    const account = await createAccount(t, [{ role: 'officer', localPartyId: lpLabHastings }]);
    let throttled = false;
    for (let i = 0; i < 10 && !throttled; i++) {
      const res = await t.http
        .post('/api/auth/login')
        .send({ email: account.email, password: 'wrong-password-here' });
      throttled = res.status === 429;
    }
    expect(throttled).toBe(true);
    expect(
      (await t.http.post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(429);
    const res = await t.http
      .post(`/api/users/${account.id}/unlock`)
      .set('authorization', bearer(coordLabSE));
    expect(res.status).toBe(204);
    await expect(login(t, account.email)).resolves.toBeDefined();
    expect(await trailActions(account.id)).toEqual(['account.recorded', 'account.unlocked']);
  }, 60_000);
});

/** Signs in through the sign-in page; returns the session cookie. */
async function signInOver(email: string, password: string): Promise<string> {
  const form = await t.http.get('/sign-in');
  const cookies = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  const res = await t.http
    .post('/sign-in')
    .set('cookie', cookies.join('; '))
    .type('form')
    .send({ _csrf: csrf, email, password, next: '/' });
  expect(res.status).toBe(303);
  return (
    (res.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('pactroom_session='))
      ?.split(';')[0] ?? ''
  );
}
