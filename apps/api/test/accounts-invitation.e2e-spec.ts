// Accounts by invitation (issue 13): invited accounts, who may set a password, and the answer that
// does not say whether an address has an account (issue 10 item 4).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createAccount, login, TEST_PASSWORD } from './support/factories.js';
import {
  accept,
  eventsAbout,
  invite,
  invited,
  labOfficer,
  NEW_PASSWORD,
  trailActions,
  useAccountsRig,
  userIdOf,
} from './support/accounts-rig.js';
import type { TestApp } from './support/test-app.js';

const rig = useAccountsRig();
let t: TestApp;
let admin: string;
let coordLabSE: string;
let lpLdLewes: string;
beforeAll(() => {
  ({ t, admin, coordLabSE, lpLdLewes } = rig());
});

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
