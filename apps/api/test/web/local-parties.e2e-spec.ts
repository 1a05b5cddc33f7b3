// The local parties administration page in a real browser (issue 14): boundary sets and retired
// state in the list, editing a local party in scope (rename, seats on both boundary sets) with the
// use case's refusals in an error summary, retiring it after a confirmation with a reason, its
// history, and the 404 page for anyone outside its party and region.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { expectAccessible, PHONE, screenshot, useBrowserRig } from '../support/browser.js';
import { bearer } from '../support/factories.js';
import { demoTokens } from '../support/pacts.js';

const rig = useBrowserRig();
let bexhill: string;
beforeAll(async () => {
  const { admin } = await demoTokens(rig.t, ['admin']);
  const res = await rig.t.http
    .post('/api/local-parties')
    .set('authorization', bearer(admin ?? ''))
    .send({ party: 'lab', name: 'Bexhill Labour', constituencies: ['E14000557'] });
  expect(res.status).toBe(201);
  bexhill = res.body.id as string;
}, 60_000);

const row = (page: Page, name: string) =>
  page.locator('table.local-parties tbody tr', {
    has: page.getByRole('rowheader', { name, exact: true }),
  });

describe('local parties administration', () => {
  it('shows each local party’s boundary sets, and edit links only in the coordinator’s scope', async () => {
    const page = await rig.signedInPage('coord.lab.southeast', '/admin/local-parties');
    const lewes = row(page, 'Lewes Labour');
    expect(await lewes.textContent()).toContain('2010, 2024');
    expect(await lewes.textContent()).toContain('2010: E14000786; 2024: E14001330');
    expect(await lewes.getByRole('link', { name: 'Edit Lewes Labour' }).count()).toBe(1);
    const ld = row(page, 'Lewes Liberal Democrats');
    expect(await ld.getByRole('link').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'admin-local-parties');
  });

  it('edits a local party: refusals in an error summary, then seats on both boundary sets', async () => {
    const page = await rig.signedInPage('coord.lab.southeast', '/admin/local-parties');
    await row(page, 'Bexhill Labour').getByRole('link', { name: 'Edit Bexhill Labour' }).click();
    await page.waitForURL(`**/admin/local-parties/${bexhill}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bexhill Labour');

    await page.getByLabel('Name', { exact: true }).fill('   ');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.locator('#lp-name-error').textContent()).toBe('Name must not be blank');
    await expectAccessible(page);

    // A seat another active Labour local party covers: the summary names it and links to the field.
    await page.getByLabel('Name', { exact: true }).fill('Bexhill and Battle Labour');
    await page.getByLabel('Constituency codes').fill('E14000557\nE14000735');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForSelector('.error-summary');
    const seatError = await page.locator('#lp-constituencies-error').textContent();
    expect(seatError).toContain('E14000735 is already covered by Hastings and Rye Labour');
    const link = page.locator('.error-summary a');
    expect(await link.getAttribute('href')).toBe('#lp-constituencies');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(
      'Bexhill and Battle Labour',
    );
    await expectAccessible(page);

    await page.getByLabel('Constituency codes').fill('E14000557, E14001088');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.search === '?done=saved');
    expect(await page.getByRole('status').textContent()).toContain('saved');
    const saved = row(page, 'Bexhill and Battle Labour');
    expect(await saved.textContent()).toContain('2010: E14000557; 2024: E14001088');

    await page.goto(`/admin/local-parties/${bexhill}`);
    const history = await page.locator('table.local-party-history').textContent();
    expect(history).toContain('Labour South East Coordinator');
    expect(history).toContain(
      'Renamed from Bexhill Labour to Bexhill and Battle Labour; seats added: E14001088 (2024)',
    );
    await page.setViewportSize(PHONE);
    await expectAccessible(page);
    await screenshot(page, 'admin-local-party-edit-phone');
  });

  it('retires a local party after a confirmation with a reason; it stays listed, marked', async () => {
    const page = await rig.signedInPage('coord.lab.southeast', `/admin/local-parties/${bexhill}`);
    await page.getByRole('link', { name: /^Retire / }).click();
    await page.waitForURL(`**/admin/local-parties/${bexhill}/retire`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Retire .*\?$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: /^Retire / }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.locator('#lp-reason-error').textContent()).toBe('Reason must not be blank');
    await expectAccessible(page);

    await page.getByLabel('Reason').fill('Merged into Hastings and Rye Labour');
    await page.getByRole('button', { name: /^Retire / }).click();
    await page.waitForURL((url) => url.search === '?done=retired');
    const retired = row(page, 'Bexhill and Battle Labour');
    expect(await retired.textContent()).toContain('Retired');
    expect(
      await retired.getByRole('link', { name: 'History of Bexhill and Battle Labour' }).count(),
    ).toBe(1);
    await expectAccessible(page);

    await page.getByLabel('Show').selectOption('retired');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL((url) => url.search === '?show=retired');
    expect(await page.locator('table.local-parties tbody tr').count()).toBe(1);
    await page.goto('/admin/local-parties?show=active');
    expect(await row(page, 'Bexhill and Battle Labour').count()).toBe(0);
    expect(await row(page, 'Lewes Labour').count()).toBe(1);

    await page.goto(`/admin/local-parties/${bexhill}`);
    expect(await page.locator('dl.facts').textContent()).toContain(
      'Merged into Hastings and Rye Labour',
    );
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await page.locator('table.local-party-history').textContent()).toContain(
      'Retired: Merged into Hastings and Rye Labour',
    );
    await expectAccessible(page);
  });

  it('is the 404 page outside the viewer’s party and region, or for a malformed id', async () => {
    const page = await rig.signedInPage('coord.ld.southeast', '/admin/local-parties');
    const lewesLabour: { id: string }[] = await rig.t.dataSource.query(
      "SELECT id FROM local_parties WHERE name = 'Lewes Labour'",
    );
    for (const path of [
      `/admin/local-parties/${lewesLabour[0]?.id ?? ''}`,
      `/admin/local-parties/${lewesLabour[0]?.id ?? ''}/retire`,
      '/admin/local-parties/not-a-uuid',
    ]) {
      const res = await page.goto(path);
      expect(res?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    }
  });
});
