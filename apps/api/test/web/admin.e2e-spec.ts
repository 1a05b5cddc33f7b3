// Administration pages in a real browser: the accounts an admin or a coordinator manages, creating
// one through the form with the API's validation, editing and disabling it, its history, and the
// 404 page for anything outside the viewer's scope.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { DESKTOP, expectAccessible, PHONE, screenshot, useBrowserRig } from '../support/browser.js';
import { bearer, createLocalParty } from '../support/factories.js';
import { demoTokens, localPartyId } from '../support/pacts.js';

const rig = useBrowserRig();
let adminToken: string;
beforeAll(async () => {
  adminToken = (await demoTokens(rig.t, ['admin'])).admin ?? '';
}, 60_000);

async function userId(email: string): Promise<string> {
  const rows: { id: string }[] = await rig.t.dataSource.query(
    'SELECT id FROM users WHERE email = $1',
    [email],
  );
  const id = rows[0]?.id;
  if (!id) {
    throw new Error(`no user ${email}`);
  }
  return id;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('administration', () => {
  it('lists every account to the admin, with roles in words', async () => {
    const page = await rig.signedInPage('admin', '/admin');
    const table = page.locator('table.accounts');
    const lewes = table.locator('tr', { hasText: 'officer.lab.lewes@pactroom.test' });
    expect(await lewes.textContent()).toContain('Lewes Labour Officer');
    expect(await lewes.textContent()).toContain('Officer of Lewes Labour');
    expect(await lewes.textContent()).toContain('Active');
    const coordinator = table.locator('tr', { hasText: 'coord.lab.southeast@pactroom.test' });
    expect(await coordinator.textContent()).toContain('Coordinator for Labour in South East');
    expect(await table.textContent()).not.toMatch(UUID);
    await expectAccessible(page);
    await screenshot(page, 'admin-users');
    await page.setViewportSize(PHONE);
    await expectAccessible(page);
  });

  it('creates an account through the form, refusing a bad email beside the field, then edits and disables it', async () => {
    const page = await rig.signedInPage('admin', '/admin/users/new', PHONE);
    const fill = async (email: string) => {
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Name', { exact: true }).fill('Rye Labour Volunteer');
      // An admin may set an initial password instead of inviting (issue 13).
      await page
        .getByLabel('Set an initial password instead of inviting (optional)')
        .fill('a-long-enough-password');
      await page.locator('#grant0-role').selectOption('officer');
      await page.locator('#grant0-localPartyId').selectOption({ label: 'Lewes Labour' });
    };
    await fill('not-an-email');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForSelector('.error-summary');
    // The shared script takes keyboard and screen-reader users to the list of problems.
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator(':focus').getAttribute('class')).toBe('error-summary');
    expect(await page.locator('#email-error').textContent()).toBe('Email address must be an email');
    expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(
      'Rye Labour Volunteer',
    );
    const none: unknown[] = await rig.t.dataSource.query(
      "SELECT 1 FROM users WHERE name = 'Rye Labour Volunteer'",
    );
    expect(none).toHaveLength(0);
    await expectAccessible(page);
    await screenshot(page, 'admin-user-form');

    await fill('rye.volunteer@pactroom.test');
    await page.getByRole('button', { name: 'Create account' }).click();
    const id = await userId('rye.volunteer@pactroom.test');
    await page.waitForURL((url) => url.pathname === `/admin/users/${id}`);
    expect(await page.locator('.success').textContent()).toContain('created');
    expect(await page.locator('#grant0-role').inputValue()).toBe('officer');

    await page.getByLabel('Name', { exact: true }).fill('Rye Labour Organiser');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.search === '?done=saved');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Rye Labour Organiser',
    );
    const history = page.locator('table.account-trail');
    expect(await history.textContent()).toContain(
      'renamed it: from “Rye Labour Volunteer” to “Rye Labour Organiser”',
    );
    expect(await history.textContent()).toContain('Platform Admin');

    await page.getByRole('button', { name: 'Disable account' }).click();
    await page.waitForURL((url) => url.search === '?done=disabled');
    expect(await page.locator('dl.facts').textContent()).toContain('Disabled');
    expect(await history.textContent()).toContain('disabled it');
    const rows: { disabled_at: Date | null }[] = await rig.t.dataSource.query(
      'SELECT disabled_at FROM users WHERE id = $1',
      [id],
    );
    expect(rows[0]?.disabled_at).not.toBeNull();
    await expectAccessible(page);
    await page.setViewportSize(DESKTOP);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Enable account' }).click();
    await page.waitForURL((url) => url.search === '?done=enabled');
    expect(await page.locator('dl.facts').textContent()).toContain('Active');
    expect(await history.textContent()).toContain('enabled it');
    await page.getByRole('button', { name: 'Disable account' }).click();
    await page.waitForURL((url) => url.search === '?done=disabled');

    await page.goto('/admin');
    expect(
      await page.locator('table.accounts tr', { hasText: 'Rye Labour Organiser' }).textContent(),
    ).toContain('Disabled');
  });

  it('shows a coordinator only the accounts in their scope, and the 404 page for any other', async () => {
    const page = await rig.signedInPage('coord.lab.southeast', '/admin', PHONE);
    const table = await page.locator('table.accounts').textContent();
    expect(table).toContain('Lewes Labour Officer');
    expect(table).not.toContain('Hastings LD Officer');
    expect(table).not.toContain('Platform Admin');
    await expectAccessible(page);

    const outside = await page.goto(
      `/admin/users/${await userId('officer.ld.hastings@pactroom.test')}`,
    );
    expect(outside?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');

    const inside = await page.goto(
      `/admin/users/${await userId('officer.lab.lewes@pactroom.test')}`,
    );
    expect(inside?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Lewes Labour Officer',
    );
    await expectAccessible(page);

    // The service's grant rules, in its words, beside the roles: a malformed row by its number…
    await page.goto('/admin/users/new');
    // A coordinator invites; they are never offered a password field (issue 13).
    expect(await page.locator('input[type=password]').count()).toBe(0);
    await page.getByLabel('Email address').fill('lewes.helper@pactroom.test');
    await page.getByLabel('Name', { exact: true }).fill('Lewes Helper');
    await page.locator('#grant1-role').selectOption('officer');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForSelector('#grants-error');
    expect(await page.locator('#grants-error').textContent()).toBe(
      'Role 2: an officer grant needs a local party.',
    );
    await expectAccessible(page);
    // …and a role a coordinator may not give.
    await page.locator('#grant1-role').selectOption('coordinator');
    await page.locator('#grant1-party').selectOption({ label: 'Labour' });
    await page.locator('#grant1-region').selectOption({ label: 'South East' });
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Coordinators may grant only officer and member roles.',
    );
    const created: unknown[] = await rig.t.dataSource.query(
      "SELECT 1 FROM users WHERE email = 'lewes.helper@pactroom.test'",
    );
    expect(created).toHaveLength(0);

    const member = await rig.signedInPage('member.lab', '/');
    const refused = await member.goto('/admin');
    expect(refused?.status()).toBe(404);
    expect(await member.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
  });

  it('lists and creates local parties, saying a bad code in words, and lists the shipped elections', async () => {
    const page = await rig.signedInPage('admin', '/admin/local-parties');
    expect(
      await page
        .locator('table.local-parties tr', { hasText: 'Lewes Labour' })
        .first()
        .textContent(),
    ).toContain('South East');
    await page.getByLabel('Party', { exact: true }).selectOption({ label: 'Labour' });
    await page.getByLabel('Name', { exact: true }).fill('Bexhill and Battle Labour');
    await page.getByLabel('Constituency codes').fill('E1400619');
    await page.getByRole('button', { name: 'Create local party' }).click();
    await page.waitForSelector('.error-summary');
    const error = await page.locator('#lp-constituencies-error').textContent();
    expect(error).toBe('Constituencies must each be a constituency code such as E14000735');
    expect(await page.content()).not.toContain('regular expression');
    await expectAccessible(page);

    await page.getByLabel('Constituency codes').fill('E14000557');
    await page.getByRole('button', { name: 'Create local party' }).click();
    await page.waitForURL((url) => url.search === '?done=created');
    expect(
      await page
        .locator('table.local-parties tr', { hasText: 'Bexhill and Battle Labour' })
        .textContent(),
    ).toContain('E14000557');
    await page.setViewportSize(PHONE);
    await expectAccessible(page);

    await page.goto('/admin/elections');
    const elections = await page.locator('table.elections').textContent();
    expect(elections).toMatch(/2017/);
    expect(elections).toContain('Labour');
    await expectAccessible(page);
  });

  it('keeps every role of an account with more roles than the form first offers when it is renamed', async () => {
    const grants = [
      { role: 'officer', localPartyId: await localPartyId(rig.t, 'Lewes Labour') },
      {
        role: 'officer',
        localPartyId: await localPartyId(rig.t, 'Hastings and Rye Liberal Democrats'),
      },
      { role: 'member', party: 'lab', region: 'south-east' },
      { role: 'member', party: 'ld', region: 'south-east' },
    ];
    const created = await rig.t.http
      .post('/api/users')
      .set('authorization', bearer(adminToken))
      .send({
        email: 'four.roles@pactroom.test',
        name: 'Four Roles',
        password: 'a-long-enough-password',
        grants,
      });
    expect(created.status).toBe(201);
    const id: string = created.body.id;

    const page = await rig.signedInPage('admin', `/admin/users/${id}`);
    // Every role (in the service's order), and one empty row more to add one.
    const shown = [];
    for (let i = 0; i < grants.length; i++) {
      shown.push(await page.locator(`#grant${i}-role`).inputValue());
    }
    expect(shown.sort()).toEqual(grants.map((g) => g.role).sort());
    expect(await page.locator('#grant4-role').inputValue()).toBe('');
    expect(await page.locator('#grant5-role').count()).toBe(0);
    await page.getByLabel('Name', { exact: true }).fill('Four Roles Renamed');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.search === '?done=saved');

    const saved = await rig.t.http.get(`/api/users/${id}`).set('authorization', bearer(adminToken));
    expect(saved.body.name).toBe('Four Roles Renamed');
    expect(saved.body.grants).toHaveLength(4);
    expect(saved.body.grants).toEqual(
      expect.arrayContaining(grants.map((g) => expect.objectContaining(g))),
    );
    expect(await page.locator('#grant3-role').inputValue()).not.toBe('');
    expect(await page.locator('#grant4-role').inputValue()).toBe('');
  });

  it('offers and lists every local party, beyond the first page the use case gives', async () => {
    // 200 local parties whose names sort first push a real one past a first page of 200. Each has
    // a seat of its own: one seat has at most one active local party of a party.
    const free: { ons_code: string }[] = await rig.t.dataSource.query(
      `SELECT ons_code FROM constituencies c WHERE boundary_set = '2010' AND NOT EXISTS (
         SELECT 1 FROM local_party_constituencies lc JOIN local_parties lp ON lp.id = lc.local_party_id
          WHERE lc.constituency_id = c.id AND lp.party_code = 'lab') ORDER BY ons_code LIMIT 201`,
    );
    const seat = (i: number) => free[i]?.ons_code ?? '';
    for (let i = 0; i < 200; i++) {
      await createLocalParty(rig.t, 'lab', seat(i), `Aaa filler ${String(i).padStart(3, '0')}`);
    }
    const last = await createLocalParty(rig.t, 'lab', seat(200), 'Zennor Labour');
    const page = await rig.signedInPage('admin', '/admin/local-parties');
    expect(await page.locator('table.local-parties tr', { hasText: 'Zennor Labour' }).count()).toBe(
      1,
    );
    await page.goto('/admin/users/new');
    expect(
      await page.locator('#grant0-localPartyId option', { hasText: 'Zennor Labour' }).count(),
    ).toBe(1);
    expect(
      await page
        .locator('#grant0-localPartyId option', { hasText: 'Zennor Labour' })
        .getAttribute('value'),
    ).toBe(last);
  });
});
