// Issue 14 in a real browser: the election calendar (everyone reads it, an admin calls an
// election), the contest and its deadline on the pact form, the pact page and My desk.
import { describe, expect, it } from '@jest/globals';
import { expectAccessible, PHONE, screenshot, useBrowserRig } from '../support/browser.js';
import { demoTokens, post, proposeHastingsForLewes } from '../support/pacts.js';

const rig = useBrowserRig();

describe('the election calendar', () => {
  it('shows every contest with its deadlines in UK time, past ones as what-ifs', async () => {
    const page = await rig.signedInPage('officer.ld.hastings', '/calendar');
    const table = page.locator('table.calendar');
    const ge2019 = table.locator('tr', { hasText: 'General election 2019' });
    expect(await ge2019.textContent()).toContain('Thursday 12 December 2019');
    expect(await ge2019.textContent()).toContain('14 Nov 2019, 16:00 GMT');
    expect(await ge2019.textContent()).toContain('past: what-ifs');
    const next = table.locator('tr', { hasText: 'Next general election' });
    expect(await next.textContent()).toContain('Wednesday 15 August 2029');
    expect(await next.textContent()).toContain('no election called yet');
    // Only admins are offered the polling-day form.
    expect(await page.locator('form.polling-day-form').count()).toBe(0);
    await expectAccessible(page);
    await page.setViewportSize(PHONE);
    await expectAccessible(page);
  });

  it('lets an admin call an election, refusing an unlawful date with the reason', async () => {
    const page = await rig.signedInPage('admin', '/calendar');
    const form = page.locator('form.polling-day-form', { hasText: 'Next general election' });
    await form.getByLabel('Polling day').fill('2029-08-16');
    await form.getByRole('button', { name: 'Set polling day' }).click();
    await page.waitForSelector('#error-summary');
    expect(await page.locator('#error-summary').textContent()).toContain(
      'the latest lawful polling day',
    );
    await expectAccessible(page);
    const day = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const again = page.locator('form.polling-day-form', { hasText: 'Next general election' });
    await again.getByLabel('Polling day').fill(day);
    await again.getByRole('button', { name: 'Set polling day' }).click();
    await page.waitForSelector('p.success');
    const next = page.locator('table.calendar tr', { hasText: 'Next general election' });
    expect(await next.textContent()).not.toContain('no election called yet');
    await screenshot(page, 'election-calendar');
    await expectAccessible(page);
  });
});

describe('contests on pacts', () => {
  it('the form offers the contests; the pact page and the desk show the contest and calendar', async () => {
    const page = await rig.signedInPage('officer.ld.hastings', '/pact/new');
    const select = page.getByLabel('Election the pact is for');
    // A new pact is for the next general election unless the officer picks a past one.
    expect(await select.inputValue()).toBe('next-general');
    expect(await select.locator('option').allTextContents()).toContain(
      'General election 2019 — past: a what-if on GE2017 results',
    );
    await select.selectOption('ge2019');
    await page.getByLabel('Title').fill('Hastings for Lewes, a what-if');
    await page.getByLabel('Lewes Labour').check();
    const rows = page.locator('fieldset.stand-aside');
    await rows.nth(0).getByLabel('Party standing aside').selectOption('ld');
    await rows.nth(0).getByLabel('Constituency').fill('E14000735');
    await rows.nth(0).getByLabel('Party that benefits').selectOption('lab');
    await rows.nth(1).getByLabel('Party standing aside').selectOption('lab');
    await rows.nth(1).getByLabel('Constituency').fill('E14000786');
    await rows.nth(1).getByLabel('Party that benefits').selectOption('ld');
    await page.getByRole('button', { name: 'Propose', exact: true }).click();
    await page.waitForURL(/\/pact\/[0-9a-f-]{36}$/);
    const facts = page.locator('#pact-facts');
    expect(await facts.textContent()).toContain('General election 2019');
    expect(await facts.textContent()).toContain('past election: a what-if');
    expect(await facts.textContent()).toContain('GE2017 results');
    expect(await facts.textContent()).toContain('Thursday 12 December 2019');
    await expectAccessible(page);
    await page.goto('/');
    const card = page.locator('.card', { hasText: 'Hastings for Lewes, a what-if' });
    expect(await card.textContent()).toContain('For the General election 2019');
    await expectAccessible(page);
  });
});

describe('a pact for the next general election', () => {
  it('is drafted on 2024 boundaries by name, and counts down to the withdrawal deadline', async () => {
    const page = await rig.signedInPage('officer.ld.hastings', '/pact/new', PHONE);
    await page.getByLabel('Title').fill('Hastings for Lewes, next time');
    await page.getByLabel('Lewes Labour').check();
    const rows = page.locator('fieldset.stand-aside');
    await rows.nth(0).getByLabel('Party standing aside').selectOption('ld');
    await rows.nth(0).getByLabel('Constituency').fill('Hastings and Rye');
    await rows.nth(0).getByLabel('Party that benefits').selectOption('lab');
    await rows.nth(1).getByLabel('Party standing aside').selectOption('lab');
    await rows.nth(1).getByLabel('Constituency').fill('Lewes');
    await rows.nth(1).getByLabel('Party that benefits').selectOption('ld');
    await page.getByRole('button', { name: 'Propose', exact: true }).click();
    await page.waitForURL(/\/pact\/[0-9a-f-]{36}$/);
    const facts = await page.locator('#pact-facts').textContent();
    expect(facts).toContain('Next general election');
    expect(facts).toContain('GE2024 results (2024 boundaries)');
    // (An earlier test called the election, so the polling day is the one the admin set.)
    expect(facts).toMatch(/Polling day\s*\w+day \d{1,2} \w+ 20\d\d/);
    expect(facts).toMatch(/Nominations and withdrawals close.*\(\d+ days/s);
    const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const seats = await rig.t.dataSource.query<{ ons_code: string }[]>(
      'SELECT ons_code FROM pact_stand_asides WHERE pact_id = $1 ORDER BY ons_code',
      [id],
    );
    // The names resolved to the 2024 constituencies, not the 2010 ones of the same name.
    expect(seats.map((s) => s.ons_code)).toEqual(['E14001274', 'E14001330']);
    await screenshot(page, 'pact-next-general');
    await expectAccessible(page);
  });
});

describe('compliance after nominations', () => {
  it('an admin checks GE2019 pacts against who stood; the pact page shows who kept their word', async () => {
    const tokens = await demoTokens(rig.t, [
      'officer.ld.hastings',
      'officer.lab.lewes',
      'coord.ld.southeast',
      'coord.lab.southeast',
    ]);
    const as = (name: string) => tokens[name] ?? '';
    const created = await proposeHastingsForLewes(rig.t, as('officer.ld.hastings'), {
      title: 'Hastings for Lewes in 2019',
    });
    const accept = { revision: 1, hash: created.body.revision.hash };
    const id = created.body.id as string;
    await post(rig.t, as('officer.lab.lewes'), `/api/pacts/${id}/sign`, accept);
    await post(rig.t, as('coord.ld.southeast'), `/api/pacts/${id}/approve`, accept);
    const ratified = await post(
      rig.t,
      as('coord.lab.southeast'),
      `/api/pacts/${id}/approve`,
      accept,
    );
    expect(ratified.body.status).toBe('ratified');

    const admin = await rig.signedInPage('admin', '/calendar');
    const form = admin.locator('form.candidate-import', { hasText: 'General election 2019' });
    await form.getByRole('button', { name: 'Check pacts against who actually stood' }).click();
    await admin.waitForSelector('#imported-heading');
    expect(await admin.locator('section.success').textContent()).toContain('in 650 constituencies');
    await expectAccessible(admin);

    const officer = await rig.signedInPage('officer.ld.hastings', `/pact/${id}`, PHONE);
    const table = officer.locator('table.compliance');
    expect(await table.locator('tr', { hasText: 'Hastings and Rye' }).textContent()).toContain(
      'Breached: Nick Perry stood',
    );
    expect(await table.locator('tr', { hasText: 'Lewes' }).textContent()).toContain(
      'Breached: Kate Chappell stood',
    );
    expect(await officer.locator('#pact-trail').textContent()).toContain(
      'checked against the nominations',
    );
    await screenshot(officer, 'pact-compliance');
    await expectAccessible(officer);
  });
});

describe('a pact that expired mid-negotiation', () => {
  it('can be started again from its terms', async () => {
    const tokens = await demoTokens(rig.t, ['officer.ld.hastings']);
    const created = await proposeHastingsForLewes(rig.t, tokens['officer.ld.hastings'] ?? '', {
      title: 'Hastings for Lewes, too slow',
    });
    // The month passes unanswered (the clock, not a person, ends it on the next read).
    await rig.t.dataSource.query(
      `UPDATE pacts SET respond_by = now() - interval '1 minute' WHERE id = $1`,
      [created.body.id],
    );
    const page = await rig.signedInPage(
      'officer.ld.hastings',
      `/pact/${created.body.id as string}`,
    );
    expect(await page.locator('#pact-facts').textContent()).toContain('Expired');
    await page.getByRole('button', { name: 'Start again from these terms' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/again'));
    expect(await page.locator('h1').textContent()).toBe('Draft a pact');
    expect(await page.inputValue('#title')).toBe('Hastings for Lewes, too slow');
    expect(await page.inputValue('#contest')).toBe('ge2019');
    expect(await page.inputValue('#sa-0-constituency')).toBe('Hastings and Rye (E14000735)');
    expect(await page.getByLabel('Lewes Labour').isChecked()).toBe(true);
    await expectAccessible(page);
  });
});
