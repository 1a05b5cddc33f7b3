// Suggested swaps in a real browser: the API's suggestions as a ranked table, and a draft started
// from one of them, proposed and checked through the API.
import { describe, expect, it } from '@jest/globals';
import { expectAccessible, PHONE, screenshot, signIn, useBrowserRig } from '../support/browser.js';
import { demoTokens, get, HASTINGS_FOR_LEWES, localPartyId, tokenIn } from '../support/pacts.js';

const rig = useBrowserRig();

describe('suggestions', () => {
  it('takes the Hastings LD officer from a suggested swap to a proposed Hastings-for-Lewes', async () => {
    const page = await (await rig.person()).newPage();
    await signIn(page, 'officer.ld.hastings', '/suggestions');
    await expectAccessible(page);
    // The officer's own party and region are chosen to begin with.
    expect(await page.getByLabel('Liberal Democrats').isChecked()).toBe(true);
    expect(await page.getByLabel('Region').inputValue()).toBe('south-east');
    await page.getByLabel('Labour', { exact: true }).check();
    await page.getByLabel('Transfer rates').selectOption('upper-bound');
    await page.getByRole('button', { name: 'Find swaps' }).click();
    const table = page.locator('table.suggestions-table');
    await table.waitFor({ timeout: 60_000 });
    const row = table.locator('tbody tr', { hasText: 'Hastings and Rye' }).filter({
      hasText: 'Lewes',
    });
    expect(await row.count()).toBeGreaterThan(0);
    const first = row.first();
    expect(await first.textContent()).toContain(
      'Liberal Democrats stand aside in Hastings and Rye for Labour',
    );
    expect(await first.textContent()).toContain(
      'Labour stand aside in Lewes for Liberal Democrats',
    );
    await expectAccessible(page);
    await screenshot(page, 'suggestions');

    await first.getByRole('link', { name: /Start a pact from this swap/ }).click();
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
});
