import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bearer,
  createAccount,
  createLocalParty,
  login,
  uniqueEmail,
} from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let admin: string;
let coordLabSE: string;
let lpLabHastings: string;
let lpLabIslington: string;
let lpLdLewes: string;

beforeAll(async () => {
  t = await createTestApp();
  lpLabHastings = await createLocalParty(t, 'lab', 'E14000735');
  lpLabIslington = await createLocalParty(t, 'lab', 'E14000763'); // Islington North, London
  lpLdLewes = await createLocalParty(t, 'ld', 'E14000786');
  admin = (await login(t, (await createAccount(t, [{ role: 'admin' }])).email)).accessToken;
  coordLabSE = (
    await login(
      t,
      (await createAccount(t, [{ role: 'coordinator', party: 'lab', region: 'south-east' }])).email,
    )
  ).accessToken;
});
afterAll(async () => {
  await t.close();
});

const newUser = (grants: object[]) => ({
  email: uniqueEmail('new'),
  name: 'New Person',
  password: 'a-long-enough-password',
  grants,
});

describe('creating accounts', () => {
  it('lets an admin create any account, coordinator included', async () => {
    const res = await t.http
      .post('/api/users')
      .set('authorization', bearer(admin))
      .send(newUser([{ role: 'coordinator', party: 'ld', region: 'london' }]));
    expect(res.status).toBe(201);
    expect(res.body.grants).toEqual([
      { role: 'coordinator', party: 'ld', region: 'london', localPartyId: null },
    ]);
  });

  it('lets a coordinator invite an officer of a local party of their party in their region', async () => {
    // Issue 13: a coordinator never sets a password; the account is invited and chooses its own.
    const { password: _none, ...body } = newUser([
      { role: 'officer', localPartyId: lpLabHastings },
    ]);
    const res = await t.http.post('/api/users').set('authorization', bearer(coordLabSE)).send(body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'invitation-sent', email: body.email });
    const list = await t.http.get('/api/users?limit=100').set('authorization', bearer(coordLabSE));
    const created = (list.body.items as { email: string }[]).find((u) => u.email === body.email);
    expect(created).toMatchObject({
      invited: true,
      grants: [
        { role: 'officer', party: 'lab', region: 'south-east', localPartyId: lpLabHastings },
      ],
    });
  });

  it.each([
    ['an admin grant', [{ role: 'admin' }], 403, 'ROLE_NOT_GRANTABLE'],
    [
      'a coordinator grant',
      [{ role: 'coordinator', party: 'lab', region: 'south-east' }],
      403,
      'ROLE_NOT_GRANTABLE',
    ],
    [
      'an officer of another region',
      () => [{ role: 'officer', localPartyId: lpLabIslington }],
      403,
      'GRANT_OUT_OF_SCOPE',
    ],
    [
      'an officer of another party',
      () => [{ role: 'officer', localPartyId: lpLdLewes }],
      403,
      'GRANT_OUT_OF_SCOPE',
    ],
    [
      'a member of another region',
      [{ role: 'member', party: 'lab', region: 'london' }],
      403,
      'GRANT_OUT_OF_SCOPE',
    ],
    ['a member without region', [{ role: 'member', party: 'lab' }], 403, 'GRANT_OUT_OF_SCOPE'],
    ['an officer without local party', [{ role: 'officer', party: 'lab' }], 422, 'INVALID_GRANT'],
    [
      'a national grant, even of their own party and region',
      [{ role: 'national', party: 'lab', region: 'south-east' }],
      403,
      'ROLE_NOT_GRANTABLE',
    ],
  ])('refuses a coordinator granting %s', async (_name, grants, status, code) => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM users');
    const body = newUser(typeof grants === 'function' ? grants() : grants);
    const res = await t.http.post('/api/users').set('authorization', bearer(coordLabSE)).send(body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual(before);
  });

  it('refuses officers and members with 403', async () => {
    const officer = (
      await login(
        t,
        (await createAccount(t, [{ role: 'officer', localPartyId: lpLabHastings }])).email,
      )
    ).accessToken;
    const res = await t.http
      .post('/api/users')
      .set('authorization', bearer(officer))
      .send(newUser([{ role: 'member', party: 'lab', region: 'south-east' }]));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect((await t.http.get('/api/users').set('authorization', bearer(officer))).status).toBe(403);
  });

  it('answers a duplicate email with 409 EMAIL_TAKEN', async () => {
    const body = newUser([{ role: 'member', party: 'lab', region: 'south-east' }]);
    expect(
      (await t.http.post('/api/users').set('authorization', bearer(admin)).send(body)).status,
    ).toBe(201);
    const again = await t.http
      .post('/api/users')
      .set('authorization', bearer(admin))
      .send({ ...body, email: body.email.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
  });

  it.each([
    ['an unknown field', { ...newUser([{ role: 'member', party: 'lab' }]), isAdmin: true }],
    ['a short password', { ...newUser([{ role: 'member', party: 'lab' }]), password: 'short' }],
    ['an unknown role', newUser([{ role: 'king', party: 'lab' }])],
    ['a grant with an unknown field', newUser([{ role: 'member', party: 'lab', superpower: 1 }])],
    ['grants not an array', { ...newUser([]), grants: 'admin' }],
    ['no grants', newUser([])],
  ])('refuses %s with 400', async (_name, body) => {
    const res = await t.http.post('/api/users').set('authorization', bearer(admin)).send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('seeing and editing accounts', () => {
  it('shows a coordinator only accounts wholly in their scope; others answer 404', async () => {
    const inScope = await createAccount(t, [{ role: 'officer', localPartyId: lpLabHastings }]);
    const london = await createAccount(t, [{ role: 'officer', localPartyId: lpLabIslington }]);
    const mixed = await createAccount(t, [
      { role: 'officer', localPartyId: lpLabHastings },
      { role: 'member', party: 'lab', region: 'london' },
    ]);
    const otherCoord = await createAccount(t, [
      { role: 'coordinator', party: 'lab', region: 'south-east' },
    ]);
    expect(
      (await t.http.get(`/api/users/${inScope.id}`).set('authorization', bearer(coordLabSE)))
        .status,
    ).toBe(200);
    for (const hidden of [london, mixed, otherCoord]) {
      const res = await t.http
        .get(`/api/users/${hidden.id}`)
        .set('authorization', bearer(coordLabSE));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('USER_NOT_FOUND');
      const patch = await t.http
        .patch(`/api/users/${hidden.id}`)
        .set('authorization', bearer(coordLabSE))
        .send({ disabled: true });
      expect(patch.status).toBe(404);
    }
    const emails: string[] = [];
    for (let cursor: string | null = null, page = 0; page < 50; page++) {
      const res = await t.http
        .get('/api/users')
        .query(cursor ? { limit: 2, cursor } : { limit: 2 })
        .set('authorization', bearer(coordLabSE));
      expect(res.status).toBe(200);
      const body = res.body as { items: { email: string }[]; nextCursor: string | null };
      emails.push(...body.items.map((u) => u.email));
      cursor = body.nextCursor;
      if (!cursor) {
        break;
      }
    }
    expect(emails).toContain(inScope.email);
    expect(emails).not.toContain(london.email);
    expect(emails).not.toContain(mixed.email);
    expect(emails).not.toContain(otherCoord.email);
    expect([...emails].sort()).toEqual(emails);
  });

  it('lets a coordinator edit and disable an account in scope, but never raise it to coordinator', async () => {
    const account = await createAccount(t, [
      { role: 'member', party: 'lab', region: 'south-east' },
    ]);
    const renamed = await t.http
      .patch(`/api/users/${account.id}`)
      .set('authorization', bearer(coordLabSE))
      .send({ name: 'Renamed', grants: [{ role: 'officer', localPartyId: lpLabHastings }] });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Renamed',
      grants: [{ role: 'officer', localPartyId: lpLabHastings }],
    });
    const raise = await t.http
      .patch(`/api/users/${account.id}`)
      .set('authorization', bearer(coordLabSE))
      .send({ grants: [{ role: 'coordinator', party: 'lab', region: 'south-east' }] });
    expect(raise.status).toBe(403);
    expect(raise.body.code).toBe('ROLE_NOT_GRANTABLE');
    const after = await t.http
      .get(`/api/users/${account.id}`)
      .set('authorization', bearer(coordLabSE));
    expect(after.body.grants).toEqual([
      { role: 'officer', party: 'lab', region: 'south-east', localPartyId: lpLabHastings },
    ]);
  });

  it('answers 404 for an id that is not a UUID', async () => {
    const res = await t.http.get('/api/users/not-a-uuid').set('authorization', bearer(admin));
    expect(res.status).toBe(404);
  });

  it('refuses mass assignment of id and createdAt', async () => {
    const account = await createAccount(t, [
      { role: 'member', party: 'lab', region: 'south-east' },
    ]);
    const res = await t.http
      .patch(`/api/users/${account.id}`)
      .set('authorization', bearer(admin))
      .send({ id: '00000000-0000-0000-0000-000000000000', createdAt: '2000-01-01' });
    expect(res.status).toBe(400);
  });
});
