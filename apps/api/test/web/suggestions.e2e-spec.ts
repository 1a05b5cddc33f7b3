// Suggested swaps in a real browser: the API's set of swaps as a table per swap with the local
// parties that would carry each leg, and a draft started from one of them, proposed and checked
// through the API.
import { describe, expect, it } from '@jest/globals';
import {
  DESKTOP,
  expectAccessible,
  expectKeyboardReachable,
  PHONE,
  screenshot,
  signIn,
  useBrowserRig,
} from '../support/browser.js';
import { createAccount, createLocalParty, TEST_PASSWORD } from '../support/factories.js';
import {
  demoTokens,
  get,
  HASTINGS_FOR_LEWES,
  localPartyId,
  post,
  tokenIn,
} from '../support/pacts.js';
import { LABOUR_SLUMP } from '../support/scenario-fixtures.js';

const rig = useBrowserRig();

/** Sets (or with null clears) the next general election's current scenario, as an admin. */
async function setNextGeneralScenario(scenario: string | null): Promise<void> {
  const admin = tokenIn(await demoTokens(rig.t, ['admin']), 'admin');
  const res = await rig.t.http
    .put('/api/contests/next-general/scenario')
    .set('authorization', `Bearer ${admin}`)
    .send({ scenario });
  expect(res.status).toBe(200);
}

describe('suggestions', () => {
  it('takes the Hastings LD officer from a suggested swap to a proposed Hastings-for-Lewes', async () => {
    const page = await (await rig.person()).newPage();
    await signIn(page, 'officer.ld.hastings', '/suggestions');
    await expectAccessible(page);
    // The officer's own party and region are chosen to begin with.
    expect(await page.getByLabel('Liberal Democrats').isChecked()).toBe(true);
    expect(await page.getByLabel('Region', { exact: true }).inputValue()).toBe('south-east');
    expect(await page.getByLabel('In the same region').isChecked()).toBe(true);
    // An officer starts from the seats of their own local parties.
    expect(await page.getByLabel('Only swaps through my local parties’ seats').isChecked()).toBe(
      true,
    );
    await page.getByLabel('Labour', { exact: true }).check();
    await page.getByLabel('Transfer rates').selectOption('upper-bound');
    await page.getByRole('button', { name: 'Find swaps' }).click();
    const table = page.locator('table.suggestions-table');
    await table.first().waitFor({ timeout: 60_000 });
    // Hastings and Rye can be used once: its one swap is Lewes.
    expect(await table.count()).toBe(1);
    expect(await table.locator('caption').textContent()).toContain(
      'Swap 1: Hastings and Rye and Lewes',
    );
    const hastings = table.locator('tbody tr', { hasText: 'Hastings and Rye' }).first();
    const lewes = table.locator('tbody tr', { hasText: 'Labour stand aside in Lewes' });
    expect(await hastings.textContent()).toContain(
      'Liberal Democrats stand aside in Hastings and Rye for Labour',
    );
    // Each leg names the local party standing aside and the beneficiary's; an officer manages
    // neither, so they are names without links.
    for (const [row, names] of [
      [hastings, ['South East', 'Hastings and Rye Liberal Democrats', 'Hastings and Rye Labour']],
      [lewes, ['South East', 'Lewes Labour', 'Lewes Liberal Democrats']],
    ] as const) {
      for (const name of names) {
        expect(await row.textContent()).toContain(name);
      }
      expect(await row.getByRole('link').count()).toBe(0);
    }
    const gains = table.locator('tr.swap-gains');
    expect(await gains.textContent()).toMatch(/Labour: \+0\.\d\d/);
    expect(await gains.textContent()).toMatch(/Liberal Democrats: \+0\.\d\d/);
    const totals = page.locator('table.suggestions-totals');
    expect(await totals.textContent()).toContain('Expected seats gained');
    // GE2017 results are the GE2019 contest's baseline, which has no scenario: the result itself.
    expect(await page.locator('.projected-on').textContent()).toBe(
      'Projected on: baseline: GE2017 result.',
    );
    await expectAccessible(page);
    await screenshot(page, 'suggestions');

    await gains.getByRole('link', { name: /Start a pact from this swap/ }).click();
    await page.waitForURL((url) => url.pathname === '/pact/new');
    expect(await page.inputValue('#title')).toBe('Hastings and Rye for Lewes');
    expect(await page.inputValue('#contest')).toBe('ge2019');
    expect(await page.inputValue('#sa-0-party')).toBe('ld');
    expect(await page.inputValue('#sa-0-constituency')).toBe('Hastings and Rye (E14000735)');
    expect(await page.inputValue('#sa-0-beneficiary')).toBe('lab');
    expect(await page.inputValue('#sa-1-party')).toBe('lab');
    expect(await page.inputValue('#sa-1-constituency')).toBe('Lewes (E14000786)');
    expect(await page.inputValue('#sa-1-beneficiary')).toBe('ld');
    expect(await page.getByLabel('Lewes Labour').isChecked()).toBe(true);
    expect(await page.locator('input[name=localParties]:checked').count()).toBe(1);
    expect(await page.locator('.notice').textContent()).toContain(
      'Pre-filled from a suggested swap',
    );

    await page.getByRole('button', { name: 'Propose' }).click();
    await page.waitForURL(/\/pact\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/')[2] ?? '';
    const tokens = await demoTokens(rig.t, ['officer.ld.hastings']);
    const pact = await get(rig.t, tokenIn(tokens, 'officer.ld.hastings'), `/api/pacts/${id}`);
    expect(pact.status).toBe(200);
    expect(pact.body).toMatchObject({
      status: 'proposed',
      title: 'Hastings and Rye for Lewes',
      election: 'ge2017',
    });
    expect(pact.body.revision.terms).toEqual(HASTINGS_FOR_LEWES);
    expect(
      (pact.body.participants as { localPartyId: string }[]).map((p) => p.localPartyId).sort(),
    ).toEqual(
      [
        await localPartyId(rig.t, 'Hastings and Rye Liberal Democrats'),
        await localPartyId(rig.t, 'Lewes Labour'),
      ].sort(),
    );
  }, 120_000);

  it('shows a coordinator a set across bordering regions, linking the local parties they manage', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await (await rig.person(viewport)).newPage();
      await signIn(page, 'coord.ld.southeast');
      await page.goto(
        '/suggestions?election=ge2017&parties=lab&parties=ld&region=south-east&pairing=neighbours&transfers=upper-bound',
        { timeout: 60_000 },
      );
      expect(await page.getByLabel('In the same or a bordering region').isChecked()).toBe(true);
      // A coordinator has no local party of their own: no "only my seats" choice.
      expect(await page.locator('#mine').count()).toBe(0);
      const tables = page.locator('table.suggestions-table');
      expect(await tables.count()).toBeGreaterThan(3);
      // No seat twice in the set.
      const seats = await page
        .locator('table.suggestions-table tbody tr:not(.swap-gains) th[scope=row]')
        .allTextContents();
      expect(new Set(seats).size).toBe(seats.length);
      // The South East Lib Dem coordinator manages the Lewes Lib Dems: a link to their page.
      const lewes = page.locator('table.suggestions-table tbody tr', {
        hasText: 'Labour stand aside in Lewes for Liberal Democrats',
      });
      expect(await lewes.count()).toBe(1);
      expect(
        await lewes.getByRole('link', { name: 'Lewes Liberal Democrats' }).getAttribute('href'),
      ).toMatch(/^\/admin\/local-parties\/[0-9a-f-]{36}$/);
      // Lewes Labour is another party's: named, not linked.
      expect(await lewes.textContent()).toContain('Lewes Labour');
      expect(await lewes.getByRole('link', { name: 'Lewes Labour' }).count()).toBe(0);
      // Most seats have no demo local party yet, and the swap says so.
      expect(await page.getByText('no local party yet').count()).toBeGreaterThan(0);
      expect(await page.getByText('a local party is missing').count()).toBeGreaterThan(0);
      // Each party's total over the set side by side, with its part of the set's gains.
      const balance = (await page.locator('.set-balance').textContent()) ?? '';
      const parts = [...balance.matchAll(/(Labour|Liberal Democrats) \+(\d+\.\d\d) \((\d+)%\)/g)];
      expect(parts.map((m) => m[1])).toEqual(['Labour', 'Liberal Democrats']);
      const sum = parts.reduce((x, m) => x + Number(m[3]), 0);
      expect(sum).toBeGreaterThanOrEqual(99);
      expect(sum).toBeLessThanOrEqual(101);
      const rows = await page.locator('table.suggestions-totals tbody tr').allTextContents();
      expect(rows).toHaveLength(2);
      for (const [i, m] of parts.entries()) {
        expect(rows[i]).toContain(`+${m[2]}`);
        expect(rows[i]).toContain(`${m[3]}%`);
      }
      // A coordinator drafts nothing.
      expect(await page.getByRole('link', { name: /Start a pact/ }).count()).toBe(0);
      await expectAccessible(page);
      if (viewport === PHONE) {
        await screenshot(page, 'suggestions-set-phone');
      } else {
        await expectKeyboardReachable(page);
      }
    }
  }, 120_000);

  it('explains a choice the API refuses, accessibly, on a phone', async () => {
    const page = await (await rig.person(PHONE)).newPage();
    await signIn(page, 'member.green');
    const res = await page.goto('/suggestions?election=ge2017&parties=green&transfers=central');
    expect(res?.status()).toBe(400);
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Parties: choose at least two parties',
    );
    expect(await page.content()).not.toContain('regular expression');
    // A member sees the swaps but is offered no draft.
    expect(await page.getByRole('link', { name: /Start a pact/ }).count()).toBe(0);
    await expectAccessible(page);
  });

  it('prices on the next election’s scenario, says so, and lets a reader pick the result instead', async () => {
    const admin = tokenIn(await demoTokens(rig.t, ['admin']), 'admin');
    const published = await post(rig.t, admin, '/api/scenarios', LABOUR_SLUMP);
    expect(published.status).toBe(201);
    await setNextGeneralScenario(published.body.id as string);
    try {
      const page = await (await rig.person()).newPage();
      await signIn(page, 'member.lab');
      await page.goto(
        '/suggestions?election=ge2024&parties=lab&parties=ld&region=south-west&transfers=central',
        { timeout: 60_000 },
      );
      const projected = page.locator('.projected-on');
      expect(await projected.textContent()).toMatch(
        /^Projected on: Labour slump \(Test polls, as of .*2026\)\.$/,
      );
      const choice = page.getByLabel('Projected on', { exact: true });
      expect(await choice.inputValue()).toBe('');
      expect(await choice.locator('option').allTextContents()).toEqual([
        'The next election’s current scenario',
        'The election’s own result, unchanged',
        'Labour slump (as of 2026-11-28)',
      ]);
      const onSlump = await page.locator('table.suggestions-totals').textContent();
      await expectAccessible(page);

      await choice.selectOption('none');
      await page.getByRole('button', { name: 'Find swaps' }).click();
      await page.waitForURL((url) => url.searchParams.get('scenario') === 'none');
      expect(await projected.textContent()).toBe('Projected on: baseline: GE2024 result.');
      expect(await choice.inputValue()).toBe('none');
      // The 2024 result is a different world: other gains.
      expect(await page.locator('table.suggestions-totals').textContent()).not.toBe(onSlump);
      await expectAccessible(page);

      // A scenario that is not published is named next to the field, not a blank page.
      const phone = await (await rig.person(PHONE)).newPage();
      await signIn(phone, 'member.lab');
      const res = await phone.goto(
        '/suggestions?election=ge2024&parties=lab&parties=ld&region=south-west&scenario=00000000-0000-4000-8000-000000000000',
      );
      expect(res?.status()).toBe(400);
      expect(await phone.locator('.error-summary').textContent()).toContain(
        'Projected on: that scenario is not published',
      );
      expect(await phone.locator('.error-summary a').getAttribute('href')).toBe('#scenario');
      expect(await phone.locator('#scenario').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(phone);
    } finally {
      await setNextGeneralScenario(null);
    }
  }, 120_000);

  it('tells an officer whose local party has no seat on the election’s boundaries', async () => {
    // A local party on the 2010 boundaries only, and its officer asking about GE2024.
    const lp = await createLocalParty(rig.t, 'green', 'E14000890', 'Reading West Greens');
    const { email } = await createAccount(rig.t, [{ role: 'officer', localPartyId: lp }]);
    const page = await (await rig.person(PHONE)).newPage();
    await page.goto('/sign-in?next=%2Fsuggestions');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/suggestions');
    await page.getByLabel('Election').selectOption('ge2024');
    await page.getByLabel('Labour', { exact: true }).check();
    await page.getByRole('button', { name: 'Find swaps' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain(
      'your local parties have no seats on this election’s boundaries',
    );
    expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#mine');
    expect(await page.getByLabel('Only swaps through my local parties’ seats').isChecked()).toBe(
      true,
    );
    await expectAccessible(page);
    // Unticked, the same search answers.
    await page.getByLabel('Only swaps through my local parties’ seats').uncheck();
    await page.getByRole('button', { name: 'Find swaps' }).click();
    await page.getByRole('heading', { name: /Swaps found/ }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.error-summary').count()).toBe(0);
  }, 120_000);
});
