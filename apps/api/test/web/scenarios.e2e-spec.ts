// Issue 16 in a real browser: an admin publishes a swing scenario (errors named by field) and makes
// it a contest's current one; the pact page says what its impact is projected on and lets the
// reader pick another scenario or the baseline, by keyboard as by mouse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { electionDataDir } from '../../src/reference/election-files.js';
import {
  expectAccessible,
  expectKeyboardReachable,
  PHONE,
  screenshot,
  useBrowserRig,
} from '../support/browser.js';
import { demoTokens, proposeHastingsForLewes } from '../support/pacts.js';

const rig = useBrowserRig();

describe('swing scenarios', () => {
  it('an admin publishes one (errors named by field) and sets it for a contest', async () => {
    const page = await rig.signedInPage('admin', '/admin/scenarios');
    expect(await page.getByRole('heading', { name: 'Swing scenarios' }).count()).toBe(1);
    await expectAccessible(page);
    await expectKeyboardReachable(page);

    // A share that is no number, and a regional line for no region.
    await page.getByLabel('Name').fill('Polls, December 2019');
    await page.getByLabel('Source').fill('Final polling average');
    await page.getByLabel('As of').fill('2019-12-11');
    await page.getByLabel('Baseline result').selectOption('ge2017');
    await page.getByLabel('Conservative').fill('forty');
    await page.getByLabel('Regional shares (optional)').fill('atlantis: con 30');
    await page.getByRole('button', { name: 'Publish the scenario' }).click();
    await page.waitForSelector('#error-summary');
    const first = await page.locator('#error-summary').textContent();
    expect(first).toContain('Conservative share: “forty” is not a number');
    expect(first).toContain('Regional shares, line 1: start with a region');
    expect(await page.getByLabel('Regional shares (optional)').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await page.getByLabel('Name').inputValue()).toBe('Polls, December 2019');
    await expectAccessible(page);
    await page.getByLabel('Conservative').fill('44');
    await page.getByLabel('Labour', { exact: true }).fill('32');
    await page.getByLabel('Liberal Democrats').fill('12');
    await page.getByLabel('Scottish National Party').fill('90');
    await page.getByLabel('Regional shares (optional)').fill('Scotland: snp 40, lab 28, con 26');
    await page.getByRole('button', { name: 'Publish the scenario' }).click();
    await page.waitForSelector('#error-summary');
    const summary = await page.locator('#error-summary').textContent();
    expect(summary).toMatch(/shares/);
    // The summary links to a field on the form.
    const link = page.locator('#error-summary a').first();
    const target = (await link.getAttribute('href')) ?? '';
    expect(await page.locator(target).count()).toBe(1);
    await page.getByLabel('Scottish National Party').fill('');
    await page.getByRole('button', { name: 'Publish the scenario' }).click();
    await page.waitForSelector('p.success');
    expect(await page.locator('p.success').textContent()).toContain(
      'Published “Polls, December 2019”',
    );
    const table = page.getByRole('table', { name: 'Published scenarios, newest first' });
    expect(await table.textContent()).toContain('Final polling average');
    expect(await table.locator('tbody tr').first().textContent()).toContain('Scotland');

    // Made the current scenario of the General election 2019 (a what-if on 2017 results).
    const select = page.getByLabel('General election 2019 (2010 boundaries)');
    await select.selectOption({ label: 'Polls, December 2019 (as of 2019-12-11)' });
    await page.getByRole('button', { name: 'Use for the General election 2019' }).click();
    await page.waitForSelector('p.success');
    expect(await page.locator('p.success').textContent()).toContain('General election 2019');
    await screenshot(page, 'admin-scenarios');
    // The election calendar says what each election's pacts are projected on.
    const calendar = await rig.signedInPage('member.lab', '/calendar');
    const row = calendar.locator('table.calendar tr', { hasText: 'General election 2019' });
    expect(await row.textContent()).toContain('Polls, December 2019');
    await expectAccessible(calendar);
    await expectAccessible(page);
    await page.setViewportSize(PHONE);
    await expectAccessible(page);

    // Not for anyone else: refused like every admin-only page.
    const officer = await rig.signedInPage('officer.ld.hastings', '/');
    const res = await officer.goto('/admin/scenarios');
    expect(res?.status()).toBe(403);
    expect(await officer.locator('form.scenario-form').count()).toBe(0);
  }, 90_000);

  it('the pact page says what the impact is projected on, and offers the others', async () => {
    const tokens = await demoTokens(rig.t, ['officer.ld.hastings']);
    const created = await proposeHastingsForLewes(rig.t, tokens['officer.ld.hastings'] ?? '', {
      title: 'Projected on polls',
    });
    expect(created.status).toBe(201);
    const page = await rig.signedInPage('officer.lab.lewes', `/pact/${created.body.id}`);
    const projected = page.locator('p.projected-on');
    // The first test made the December 2019 polls the contest's current scenario.
    expect(await projected.textContent()).toContain('Polls, December 2019 (Final polling average');
    expect(await projected.textContent()).toContain('2000 simulated elections');
    // No nominations imported yet: nothing is said of MPs standing down.
    expect(await page.locator('p.standing-down').count()).toBe(0);
    const balance = page.getByRole('table', { name: /in expected seats/ });
    expect(await balance.locator('tbody tr').count()).toBe(2);
    // The engine's share bands for the beneficiary, with the simulated odds.
    const seats = page.getByRole('table', { name: /What each stand-aside does to its seat/ });
    expect(await seats.locator('thead').textContent()).toContain("Beneficiary's share, 90% band");
    expect(await seats.locator('tbody tr').first().textContent()).toMatch(/\d+\.\d–\d+\.\d%/);
    await seats.scrollIntoViewIfNeeded();
    await screenshot(page, 'pact-scenario-impact');
    const central = page.getByRole('table', {
      name: /on the central figures, without uncertainty/,
    });
    expect(await central.locator('tbody tr').count()).toBe(2);
    // The chart is drawn on the same scenario, and says so.
    const chart = await page.context().request.get(`/pact/${created.body.id}/hemicycle.svg`);
    expect(chart.status()).toBe(200);
    expect(await chart.text()).toContain('GE2017 on Polls, December 2019: 2 stand-asides');
    expect(await page.locator('figure.hemicycle figcaption').textContent()).toContain(
      'on Polls, December 2019',
    );
    await expectAccessible(page);

    // Once the 2019 nominations are in, the page says which MPs do not stand again.
    const admin = (await demoTokens(rig.t, ['admin'])).admin ?? '';
    const imported = await rig.t.http
      .post('/api/contests/ge2019/candidates?source=test')
      .set('authorization', `Bearer ${admin}`)
      .set('content-type', 'text/csv')
      .send(readFileSync(join(electionDataDir(), 'ge2019_candidates.csv'), 'utf8'));
    expect(imported.status).toBe(201);
    await page.reload();
    expect(await page.locator('p.standing-down').textContent()).toMatch(
      /90 MPs elected in \S*2017 are not on the ballot, including in Hastings and Rye\./,
    );
    await expectAccessible(page);

    // By keyboard: pick the baseline and show.
    await page.getByLabel('Projected on').focus();
    await page.keyboard.press('End');
    await page.getByLabel('Projected on').selectOption('none');
    await page.getByRole('button', { name: 'Show' }).press('Enter');
    await page.waitForURL(/scenario=none/);
    expect(await page.locator('p.projected-on').textContent()).toContain('baseline: GE2017 result');
    expect(await page.locator('p.standing-down').count()).toBe(0);
    expect(await page.getByLabel('Projected on').inputValue()).toBe('none');
    expect(await page.locator('figure.hemicycle img').getAttribute('src')).toContain(
      'scenario=none',
    );
    await screenshot(page, 'pact-scenario');
    await expectAccessible(page);
    await page.setViewportSize(PHONE);
    await expectAccessible(page);
  }, 90_000);
});
