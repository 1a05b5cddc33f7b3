// Issue 14 in a real browser: the election calendar (everyone reads it, an admin calls an
// election), the contest and its deadline on the pact form, the pact page and My desk.
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  expectAccessible,
  PHONE,
  screenshot,
  signIn,
  useBrowserRig,
} from '../support/browser.js';

const rig = useBrowserRig();

async function pageFor(name: string, next: string, viewport = DESKTOP): Promise<Page> {
  const page = await (await rig.person(viewport)).newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, name, next);
  return page;
}

describe('the election calendar', () => {
  it('shows every contest with its deadlines in UK time, past ones as what-ifs', async () => {
    const page = await pageFor('officer.ld.hastings', '/calendar');
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
    const page = await pageFor('admin', '/calendar');
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
    const page = await pageFor('officer.ld.hastings', '/pact/new');
    const select = page.getByLabel('Election the pact is for');
    expect(await select.inputValue()).toBe('ge2019');
    expect(await select.locator('option').allTextContents()).toContain(
      'General election 2019 — past: a what-if on GE2017 results',
    );
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
