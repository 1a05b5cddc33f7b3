// Drafting and countering pacts in a real browser: the form, constituency search (with and
// without JavaScript), errors in words next to their fields, the live preview, and counters,
// checked through the API and the database rather than through the pact page.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  expectAccessible,
  PHONE,
  screenshot,
  signIn,
  useBrowserRig,
} from '../support/browser.js';
import {
  demoTokens,
  get,
  HASTINGS_FOR_LEWES,
  localPartyId,
  tokenIn,
  post,
  proposeHastingsForLewes,
} from '../support/pacts.js';
import { instantOfUkLocal, ukLocal } from '../../src/web/pages/pact-form.js';

const rig = useBrowserRig();
let tokens: Record<string, string>;
beforeAll(async () => {
  tokens = await demoTokens(rig.t, ['officer.ld.hastings', 'officer.lab.lewes']);
}, 60_000);

const pactCount = async (): Promise<number> => {
  const rows: { n: number }[] = await rig.t.dataSource.query(
    'SELECT count(*)::int AS n FROM pacts',
  );
  return rows[0]?.n ?? -1;
};

const pactIdOf = (page: Page): string => {
  const match = /^\/pact\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) {
    throw new Error(`not on a pact page: ${page.url()}`);
  }
  return match[1];
};

/** Fills stand-aside `row` (0-based): party, constituency as typed, beneficiary. */
async function fillRow(page: Page, row: number, party: string, place: string, beneficiary: string) {
  await page.selectOption(`#sa-${row}-party`, party);
  await page.fill(`#sa-${row}-constituency`, place);
  await page.selectOption(`#sa-${row}-beneficiary`, beneficiary);
}

describe('drafting a pact', () => {
  it('finds constituencies whatever the accents, case and punctuation (partial endpoint)', async () => {
    const context = await rig.person();
    const page = await context.newPage();
    await signIn(page, 'officer.ld.hastings');
    const search = async (q: string) => {
      const res = await context.request.get(
        `/pact/constituencies?election=ge2017&q=${encodeURIComponent(q)}`,
      );
      expect(res.status()).toBe(200);
      return res.text();
    };
    expect(await search('hastings & rye')).toContain('Hastings and Rye');
    expect(await search('hastings & rye')).toContain('E14000735');
    for (const q of ['ynys mon', 'Ynys Môn', 'YNYS-MON']) {
      const html = await search(q);
      expect(html).toContain('Ynys Mon'); // the 2017 file spells it without the accent
      expect(html).toContain('W07000041');
    }
    expect(await search('no such place')).toContain('No constituency of this election matches');
  });

  it('searches by name in the browser and fills the row from the matches', async () => {
    const page = await (await rig.person()).newPage();
    await signIn(page, 'officer.ld.hastings', '/pact/new?contest=ge2019');
    await expectAccessible(page);
    await screenshot(page, 'pact-new');
    await page.fill('#sa-0-constituency', 'Ynys Môn');
    const match = page.locator('#sa-0-matches button.match', { hasText: 'Ynys Mon' });
    await match.waitFor();
    expect(await match.textContent()).toContain('W07000041');
    await match.click();
    expect(await page.inputValue('#sa-0-constituency')).toBe('Ynys Mon (W07000041)');
    await page.fill('#sa-1-constituency', 'hastings & rye');
    await page.locator('#sa-1-matches button.match', { hasText: 'Hastings and Rye' }).waitFor();
  });

  it('is accessible on a phone', async () => {
    const page = await (await rig.person(PHONE)).newPage();
    await signIn(page, 'officer.lab.lewes', '/pact/new?contest=ge2019');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Draft a pact');
    await expectAccessible(page);
  });

  it('names the row and the problem for a bad constituency code, and changes nothing', async () => {
    const before = await pactCount();
    const page = await (await rig.person(DESKTOP)).newPage();
    await signIn(page, 'officer.ld.hastings', '/pact/new?contest=ge2019');
    await page.fill('#title', 'Three seats');
    await page.getByRole('button', { name: 'Add a stand-aside' }).click();
    await page.locator('#sa-2-party').waitFor();
    expect(await page.inputValue('#title')).toBe('Three seats');
    await page.getByLabel('Lewes Labour').check();
    await fillRow(page, 0, 'ld', 'E14000735', 'lab');
    await fillRow(page, 1, 'lab', 'Lewes', 'ld');
    await fillRow(page, 2, 'ld', 'E1400619', 'lab');
    await page.getByRole('button', { name: 'Propose' }).click();
    await page.locator('.error-summary').waitFor();
    const message = 'Stand-aside 3: E1400619 is not a constituency code';
    expect(await page.locator('#sa-2-constituency-error').textContent()).toBe(message);
    const link = page.locator('.error-summary a', { hasText: message });
    expect(await link.getAttribute('href')).toBe('#sa-2-constituency');
    expect(await page.locator('#sa-2-constituency').getAttribute('aria-invalid')).toBe('true');
    const html = await page.content();
    expect(html).not.toContain('regular expression');
    expect(html).not.toContain('terms.standAsides');
    // What was typed is kept, and the name typed in row 2 was resolved.
    expect(await page.inputValue('#sa-1-constituency')).toBe('Lewes (E14000786)');
    expect(await page.inputValue('#title')).toBe('Three seats');
    expect(await page.inputValue('#sa-0-constituency')).toBe('Hastings and Rye (E14000735)');
    expect(
      await page.locator('#error-summary').evaluate((el) => el === el.ownerDocument.activeElement),
    ).toBe(true);
    expect(await pactCount()).toBe(before);
    await expectAccessible(page);
    await screenshot(page, 'pact-new-errors');
  });

  it('words the service’s refusals by row: a party no chosen local party represents', async () => {
    const before = await pactCount();
    const page = await (await rig.person(PHONE)).newPage();
    await signIn(page, 'officer.ld.hastings', '/pact/new?contest=ge2019');
    await page.fill('#title', 'No partner');
    await page.getByLabel('Lewes Labour').check();
    await fillRow(page, 0, 'ld', 'E14000735', 'lab');
    await fillRow(page, 1, 'lab', 'Brighton, Pavilion', 'ld');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('#sa-1-party-error').textContent()).toMatch(
      /^Stand-aside 2: none of the chosen local parties of Labour covers Brighton, Pavilion \(E14000598\)/,
    );
    expect(await pactCount()).toBe(before);
    await expectAccessible(page);
  });

  it('adds rows and resolves typed names with JavaScript off, then proposes', async () => {
    const context = await rig.browser.newContext({
      baseURL: rig.baseUrl,
      viewport: DESKTOP,
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      await signIn(page, 'officer.ld.hastings', '/pact/new?contest=ge2019');
      await page.fill('#title', 'Hastings for Lewes, no JS');
      await page.getByLabel('Lewes Labour').check();
      await fillRow(page, 0, 'ld', 'hastings & rye', 'lab');
      expect(await page.locator('fieldset.stand-aside').count()).toBe(2);
      await page.getByRole('button', { name: 'Add a stand-aside' }).click();
      await page.waitForLoadState();
      expect(await page.locator('fieldset.stand-aside').count()).toBe(3);
      expect(await page.inputValue('#title')).toBe('Hastings for Lewes, no JS');
      expect(await page.inputValue('#sa-0-constituency')).toBe('hastings & rye');
      expect(await page.getByLabel('Lewes Labour').isChecked()).toBe(true);
      await fillRow(page, 1, 'lab', 'lewes', 'ld');
      // Without JavaScript the preview is a full page.
      await page.getByRole('button', { name: 'Preview the impact' }).click();
      await page.waitForLoadState();
      expect(await page.locator('#preview table').textContent()).toContain('Upper bound');
      await page.fill('#respondBy', '2027-01-15T18:30');
      await page.getByRole('button', { name: 'Propose' }).click();
      await page.waitForURL(/\/pact\/[0-9a-f-]{36}$/);
      const pact = await get(
        rig.t,
        tokenIn(tokens, 'officer.ld.hastings'),
        `/api/pacts/${pactIdOf(page)}`,
      );
      expect(pact.body).toMatchObject({
        status: 'proposed',
        title: 'Hastings for Lewes, no JS',
        respondBy: '2027-01-15T18:30:00.000Z',
      });
      expect(pact.body.revision.terms.standAsides).toEqual(HASTINGS_FOR_LEWES.standAsides);
    } finally {
      await context.close();
    }
  });

  it('updates the live preview through htmx as the terms change', async () => {
    const page = await (await rig.person()).newPage();
    await signIn(page, 'officer.ld.hastings', '/pact/new?contest=ge2019');
    await page.selectOption('#sa-0-party', 'ld');
    await page.fill('#sa-0-constituency', 'hastings');
    await page.locator('#sa-0-matches button.match', { hasText: 'Hastings and Rye' }).click();
    const preview = page.waitForResponse((r) => r.url().endsWith('/pact/preview'));
    await page.selectOption('#sa-0-beneficiary', 'lab');
    expect((await preview).status()).toBe(200);
    const table = page.locator('#preview table');
    await table.waitFor();
    expect(await table.textContent()).toContain('Upper bound');
    expect(await table.textContent()).toContain('Labour');
    expect(new URL(page.url()).pathname).toBe('/pact/new');
    await expectAccessible(page);
  });

  it('pre-fills from a swap’s link and says which seat no chosen local party covers', async () => {
    const page = await (await rig.person()).newPage();
    const lewesLabour = await localPartyId(rig.t, 'Lewes Labour');
    const query = `election=ge2017&title=Swap&sa=ld:E14000735:lab&sa=lab:E14000598:ld&partner=${lewesLabour}`;
    await signIn(page, 'officer.ld.hastings', `/pact/new?${query}`);
    expect(await page.inputValue('#sa-1-constituency')).toBe('Brighton, Pavilion (E14000598)');
    expect(await page.getByLabel('Lewes Labour').isChecked()).toBe(true);
    expect(await page.locator('.notice').textContent()).toContain(
      'No local party was found for Labour in Brighton, Pavilion (E14000598)',
    );
  });

  it('shows a member the 403 page for /pact/new', async () => {
    const page = await (await rig.person()).newPage();
    await signIn(page, 'member.lab');
    const res = await page.goto('/pact/new');
    expect(res?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not allowed');
    expect(await page.locator('main').textContent()).toContain(
      'This page is for local party officers and party headquarters.',
    );
    await expectAccessible(page);
  });
});

describe('respond-by in UK time', () => {
  it('reads a datetime-local value as UK time, summer and winter, and passes anything else on', () => {
    expect(instantOfUkLocal('2027-07-01T12:00')).toBe('2027-07-01T11:00:00.000Z');
    expect(instantOfUkLocal('2027-01-15T18:30')).toBe('2027-01-15T18:30:00.000Z');
    expect(instantOfUkLocal('tomorrow')).toBe('tomorrow');
    expect(ukLocal(new Date('2027-07-01T11:00:00Z'))).toBe('2027-07-01T12:00');
  });
});

describe('countering a pact', () => {
  it('lets the Lewes Labour officer counter, and a stale counter says so with the fresh terms', async () => {
    const hastings = tokenIn(tokens, 'officer.ld.hastings');
    const created = await proposeHastingsForLewes(rig.t, hastings, {
      title: 'Hastings for Lewes, countered',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const page = await (await rig.person()).newPage();
    await signIn(page, 'officer.lab.lewes', `/pact/${id}/counter`);
    expect(await page.inputValue('#sa-0-constituency')).toBe('Hastings and Rye (E14000735)');
    expect(await page.inputValue('#sa-1-constituency')).toBe('Lewes (E14000786)');
    expect(await page.locator('input[name=baseRevision]').inputValue()).toBe('1');
    // The current terms' impact is shown from the start.
    expect(await page.locator('#preview table').textContent()).toContain('Upper bound');
    await expectAccessible(page);
    await screenshot(page, 'pact-counter');
    await page.selectOption('#cm-0-party', 'lab');
    await page.fill('#cm-0-text', 'Campaign jointly for fair votes');
    await page.getByRole('button', { name: 'Send counter-proposal' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}`);
    const after = await get(rig.t, hastings, `/api/pacts/${id}`);
    expect(after.body.revision.number).toBe(2);
    expect(after.body.revision.terms.commitments).toEqual([
      { party: 'lab', text: 'Campaign jointly for fair votes' },
    ]);

    // Open the form on revision 2; the Hastings officer counters first; then submit.
    await page.goto(`/pact/${id}/counter`);
    expect(await page.locator('input[name=baseRevision]').inputValue()).toBe('2');
    const first = await post(rig.t, hastings, `/api/pacts/${id}/counter`, {
      baseRevision: 2,
      terms: { ...HASTINGS_FOR_LEWES, commitments: [{ party: 'ld', text: 'Share canvass data' }] },
    });
    expect(first.status).toBe(200);
    await page.fill('#cm-0-text', 'Campaign jointly for proportional representation');
    await page.getByRole('button', { name: 'Send counter-proposal' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Someone changed this pact while you were editing: it is now at revision 3',
    );
    expect(await page.locator('input[name=baseRevision]').inputValue()).toBe('3');
    expect(await page.inputValue('#cm-0-text')).toBe('Share canvass data');
    // What the officer had written is not lost: it is listed above the fresh form.
    const unsent = await page.locator('section[aria-labelledby=unsent-heading]').textContent();
    expect(unsent).toContain('Labour commits to: Campaign jointly for proportional representation');
    expect(unsent).toContain(
      'Liberal Democrats stand aside in Hastings and Rye (E14000735) for Labour',
    );
    const still = await get(rig.t, hastings, `/api/pacts/${id}`);
    expect(still.body.revision.number).toBe(3);
    await expectAccessible(page);
  });
});
