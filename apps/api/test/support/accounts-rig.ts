import { afterAll, beforeAll, expect } from '@jest/globals';
import { bearer, createAccount, createLocalParty, login, uniqueEmail } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

// The accounts-by-invitation tests (issue 13) share one kind of app: an admin, the Labour and Lib
// Dem coordinators of the South East, two local parties, and helpers to read what mail would say.

export const NEW_PASSWORD = 'violet staircase umbrella';

/** What `useAccountsRig` sets up, filled in by the time the tests run. */
export interface AccountsState {
  t: TestApp;
  admin: string;
  coordLabSE: string;
  coordLdSE: string;
  lpLabHastings: string;
  lpLdLewes: string;
}

let t: TestApp;
let lpLabHastings: string;
let coordLabSE: string;
const state: Partial<AccountsState> = {};

/** Registers the app's boot and close; returns the state once `beforeAll` has run. */
export function useAccountsRig(): () => AccountsState {
  beforeAll(async () => {
    t = await createTestApp();
    lpLabHastings = await createLocalParty(t, 'lab', 'E14000735');
    const lpLdLewes = await createLocalParty(t, 'ld', 'E14000786');
    const admin = (await login(t, (await createAccount(t, [{ role: 'admin' }])).email)).accessToken;
    const coordinator = async (party: string) =>
      (
        await login(
          t,
          (await createAccount(t, [{ role: 'coordinator', party, region: 'south-east' }])).email,
        )
      ).accessToken;
    coordLabSE = await coordinator('lab');
    const coordLdSE = await coordinator('ld');
    Object.assign(state, { t, admin, coordLabSE, coordLdSE, lpLabHastings, lpLdLewes });
  });
  afterAll(async () => {
    await t.close();
  });
  return () => state as AccountsState;
}

export const invite = (token: string, body: object) =>
  t.http.post('/api/users').set('authorization', bearer(token)).send(body);

export const labOfficer = (email = uniqueEmail('invited')) => ({
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
export async function eventsAbout(userId: string, kind?: string): Promise<EventRow[]> {
  return t.dataSource.query(
    `SELECT id, kind, subject_user_id, actor_user_id, data FROM notification_events
      WHERE subject_user_id = $1 AND ($2::varchar IS NULL OR kind = $2) ORDER BY occurred_at, id`,
    [userId, kind ?? null],
  );
}

export async function userIdOf(email: string): Promise<string> {
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
export async function latestToken(userId: string, kind: string): Promise<string> {
  const token = (await eventsAbout(userId, kind)).at(-1)?.data.token;
  if (!token) {
    throw new Error(`no ${kind} token for ${userId}`);
  }
  return token;
}

export async function invited(token = coordLabSE) {
  const body = labOfficer();
  expect((await invite(token, body)).status).toBe(202);
  const id = await userIdOf(body.email);
  return { id, email: body.email, token: await latestToken(id, 'account.invited') };
}

export const accept = (token: string, password = NEW_PASSWORD) =>
  t.http.post('/api/auth/invitations/accept').send({ token, password });

export async function trailActions(userId: string): Promise<string[]> {
  const rows: { action: string }[] = await t.dataSource.query(
    'SELECT action FROM account_audit_events WHERE account_id = $1 ORDER BY seq',
    [userId],
  );
  return rows.map((r) => r.action);
}

/** Signs in through the sign-in page; returns the session cookie. */
export async function signInOver(email: string, password: string): Promise<string> {
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
