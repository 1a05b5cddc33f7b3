// Accounts by invitation (issue 13), continued: password resets and changes, the breached-password
// list, resend and unlock.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createAccount, login, TEST_PASSWORD, uniqueEmail } from './support/factories.js';
import { clearOfLoginWindowEdge } from './support/login-window.js';
import {
  accept,
  eventsAbout,
  invited,
  latestToken,
  NEW_PASSWORD,
  signInOver,
  trailActions,
  useAccountsRig,
} from './support/accounts-rig.js';
import type { TestApp } from './support/test-app.js';

const rig = useAccountsRig();
let t: TestApp;
let coordLabSE: string;
let coordLdSE: string;
let lpLabHastings: string;
beforeAll(() => {
  ({ t, coordLabSE, coordLdSE, lpLabHastings } = rig());
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
