// The README's story, done in browsers the way people would: Hastings-for-Lewes negotiated through
// the pages by five people in five browser contexts (and a Green member who may not see it). Each
// page is checked with axe, for names instead of ids, for fitting its viewport, and photographed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  expectAccessible,
  expectKeyboardReachable,
  PHONE,
  screenshot,
  signIn,
  useBrowserRig,
} from '../support/browser.js';

const rig = useBrowserRig();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** axe, no ids shown to people, nothing wider than the window, every control reachable by Tab. */
async function checkPage(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  expect((await page.locator('main').innerText()).match(UUID)).toBeNull();
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectKeyboardReachable(page);
  await screenshot(page, name);
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('Hastings for Lewes in the browser', () => {
  it('is drafted from a suggestion, countered, signed, ratified, reviewed and verified', async () => {
    const ldOfficer = await (await rig.person(DESKTOP)).newPage();
    const labOfficer = await (await rig.person(PHONE)).newPage();
    const ldCoordinator = await (await rig.person(DESKTOP)).newPage();
    const labCoordinator = await (await rig.person(PHONE)).newPage();
    const labMember = await (await rig.person(DESKTOP)).newPage();

    // 1. The Hastings Lib Dem officer finds the swap among the suggestions and proposes it.
    await signIn(ldOfficer, 'officer.ld.hastings', '/suggestions');
    await ldOfficer.getByLabel('Labour', { exact: true }).check();
    // At central transfer rates neither seat flips; the upper bound is what makes the swap worth a talk.
    await ldOfficer.getByLabel('Transfer rates').selectOption('upper-bound');
    await ldOfficer.getByRole('button', { name: 'Find swaps' }).click();
    const swap = ldOfficer
      .locator('table.suggestions-table tbody tr', { hasText: 'Hastings and Rye' })
      .filter({ hasText: 'Lewes' })
      .first();
    await swap.waitFor({ timeout: 60_000 });
    await checkPage(ldOfficer, 'story-1-suggestions');
    await swap.getByRole('link', { name: /Start a pact from this swap/ }).click();
    await ldOfficer.waitForURL((url) => url.pathname === '/pact/new');
    await ldOfficer.fill('#title', 'Hastings for Lewes');
    await checkPage(ldOfficer, 'story-2-draft');
    await ldOfficer.getByRole('button', { name: 'Propose' }).click();
    await ldOfficer.waitForURL(/\/pact\/[0-9a-f-]{36}$/);
    const pactPath = new URL(ldOfficer.url()).pathname;
    expect(await heading(ldOfficer)).toBe('Hastings for Lewes');
    await checkPage(ldOfficer, 'story-3-proposed');

    // 2. The Lewes Labour officer finds it waiting on their desk (on a phone) and counters it, while
    //    an older tab still offers to sign revision 1.
    await signIn(labOfficer, 'officer.lab.lewes');
    const waiting = labOfficer.locator('section[aria-labelledby=waiting-heading]');
    expect(await waiting.textContent()).toContain('Hastings for Lewes');
    expect(await waiting.textContent()).toContain('Waiting for you to counter or sign');
    await checkPage(labOfficer, 'story-4-desk');
    const staleTab = await labOfficer.context().newPage();
    await staleTab.goto(`${pactPath}/sign`);
    expect(await heading(staleTab)).toBe('Sign revision 1?');
    await waiting.getByRole('link', { name: 'Hastings for Lewes' }).click();
    await labOfficer.waitForURL((url) => url.pathname === pactPath);
    await labOfficer.getByRole('link', { name: 'Counter with new terms' }).click();
    await labOfficer.selectOption('#cm-0-party', 'lab');
    await labOfficer.fill('#cm-0-text', 'Joint leaflet on fair votes in both seats');
    await checkPage(labOfficer, 'story-5-counter');
    await labOfficer.getByRole('button', { name: 'Send counter-proposal' }).click();
    await labOfficer.waitForURL((url) => url.pathname === pactPath);
    expect(await labOfficer.locator('dl.facts').textContent()).toMatch(/Current revision\s*2/);

    // 3. The stale tab's signature is refused in words, and the fresh terms are shown.
    await staleTab.getByRole('button', { name: 'Sign revision 1' }).click();
    await staleTab.waitForLoadState();
    expect(await staleTab.locator('.error-summary').textContent()).toContain(
      'The terms changed while you were reading: revision 2 is now current.',
    );
    expect(await staleTab.locator('dl.facts').textContent()).toMatch(/Current revision\s*2/);

    // 4. The Lib Dems read revision 2 and sign exactly it (revision number and hash shown).
    await ldOfficer.goto('/');
    await ldOfficer
      .locator('section[aria-labelledby=waiting-heading]')
      .getByRole('link', { name: 'Hastings for Lewes' })
      .click();
    await ldOfficer.getByRole('link', { name: 'Sign revision 2' }).click();
    expect(await heading(ldOfficer)).toBe('Sign revision 2?');
    expect(await ldOfficer.locator('code.hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await checkPage(ldOfficer, 'story-6-sign');
    await ldOfficer.getByRole('button', { name: 'Sign revision 2' }).click();
    await ldOfficer.waitForURL((url) => url.pathname === pactPath);
    expect(await ldOfficer.locator('.success').textContent()).toBe(
      'You signed the current revision.',
    );

    // 5. Both South East coordinators find it in their queue and approve it.
    for (const [coordinator, name] of [
      [ldCoordinator, 'coord.ld.southeast'],
      [labCoordinator, 'coord.lab.southeast'],
    ] as const) {
      await signIn(coordinator, name, '/queue');
      const item = coordinator.locator('main li', { hasText: 'Hastings for Lewes' }).first();
      await checkPage(coordinator, `story-7-queue-${name}`);
      await item.getByRole('link', { name: 'Review and approve Hastings for Lewes' }).click();
      await coordinator.getByRole('link', { name: 'Approve revision 2' }).click();
      await coordinator.getByRole('button', { name: 'Approve revision 2' }).click();
      await coordinator.waitForURL((url) => url.pathname === pactPath);
    }
    expect(await labCoordinator.locator('dl.facts').textContent()).toContain('Ratified');
    await checkPage(labCoordinator, 'story-8-ratified');

    // 6. A Labour member reviews it: who signed and approved, the trail verified, the certificate
    //    downloaded and then verified in the browser.
    await signIn(labMember, 'member.lab', '/review');
    const agreement = labMember.locator('main li', { hasText: 'Hastings for Lewes' }).first();
    const signers = (await agreement.locator('.signers').textContent()) ?? '';
    expect(signers).toContain('Hastings LD Officer');
    expect(signers).toContain('Lewes Labour Officer');
    await agreement.getByRole('button', { name: /Verify its record/ }).click();
    await agreement.locator('.verification-result').waitFor();
    expect(await agreement.locator('.verification-result').textContent()).toMatch(/^\s*Verified/);
    await checkPage(labMember, 'story-9-review');
    await labMember.goto(pactPath);
    await checkPage(labMember, 'story-10-pact');
    const download = labMember.waitForEvent('download');
    await labMember.getByRole('link', { name: 'Download the certificate' }).click();
    const file = await download;
    const certificate = readFileSync((await file.path()) ?? '', 'utf8');
    await labMember.goto('/verify');
    await labMember.getByLabel('Paste the certificate').fill(certificate);
    await labMember.getByRole('button', { name: 'Verify certificate' }).click();
    await labMember.locator('#verify-result[data-state="done"]').waitFor();
    expect(await labMember.locator('#verify-result').getAttribute('data-problem')).toBe('NONE');
    expect(await labMember.locator('#verify-result').textContent()).toContain('Hastings for Lewes');
    await checkPage(labMember, 'story-11-verify');

    // 7. A Green member may not see it: the same page as for no pact at all.
    const green = await (await rig.person(PHONE)).newPage();
    await signIn(green, 'member.green');
    const hidden = await green.goto(pactPath);
    expect(hidden?.status()).toBe(404);
    expect(await heading(green)).toBe('Page not found');
    const absent = await green.goto('/pact/00000000-0000-4000-8000-000000000000');
    expect(absent?.status()).toBe(404);
    const absentText = await green.locator('main .lead').textContent();
    await green.goto(pactPath);
    expect(await green.locator('main .lead').textContent()).toBe(absentText);
  }, 300_000);
});
