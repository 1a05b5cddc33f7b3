// Comments on a pact's terms in a real browser: an officer comments on one stand-aside from the pact
// page, the other side reads it by name and answers on the terms as a whole, an empty comment is
// refused with the error linked to its field, a counter leaves the old comments "on an earlier
// revision", and a member who may not read them gets the 404 page. Accessible at both widths.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DESKTOP, expectAccessible, PHONE, screenshot, useBrowserRig } from '../support/browser.js';
import { createAccount, TEST_PASSWORD } from '../support/factories.js';
import {
  demoTokens,
  localPartyId,
  post,
  proposeHastingsForLewes,
  tokenIn,
} from '../support/pacts.js';

const HASTINGS_STAND_ASIDE = 'Hastings and Rye: Liberal Democrats stand aside for Labour';
const rig = useBrowserRig();
let tokens: Record<string, string>;
let id: string;

beforeAll(async () => {
  tokens = await demoTokens(rig.t, [
    'officer.ld.hastings',
    'officer.lab.lewes',
    'coord.lab.southeast',
  ]);
  const res = await proposeHastingsForLewes(rig.t, tokenIn(tokens, 'officer.ld.hastings'), {
    title: 'Comments in the browser',
  });
  expect(res.status).toBe(201);
  id = (res.body as { id: string }).id;
}, 60_000);

async function commentsSection(page: Page): Promise<string> {
  return (await page.locator('#comments').textContent()) ?? '';
}

describe('comments on the terms', () => {
  it('the Lewes Labour officer comments on the Hastings stand-aside from the pact page', async () => {
    const page = await rig.signedInPage('officer.lab.lewes', `/pact/${id}`, DESKTOP);
    expect(await commentsSection(page)).toContain('No comments on revision 1 yet');
    await page.getByLabel('What it is about').selectOption({ label: HASTINGS_STAND_ASIDE });
    await page.getByLabel('Your comment').fill('Can we <b>share</b> the leaflet costs here?');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}` && url.hash === '#comments');
    const section = page.locator('#comments');
    await expect(
      section.getByRole('heading', { name: `On ${HASTINGS_STAND_ASIDE}` }).count(),
    ).resolves.toBe(1);
    const text = await commentsSection(page);
    expect(text).toContain('Lewes Labour Officer, Lewes Labour officer');
    // Shown as typed, escaped: no element came out of it.
    expect(text).toContain('Can we <b>share</b> the leaflet costs here?');
    expect(await section.locator('.comment-text b').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'pact-comments-pact-page-desktop');
  });

  it('the Hastings Lib Dem officer reads it by name and answers on the terms as a whole', async () => {
    const page = await rig.signedInPage('officer.ld.hastings', `/pact/${id}`, PHONE);
    expect(await commentsSection(page)).toContain('Lewes Labour Officer');
    await page.getByLabel('What it is about').selectOption({ label: 'the terms as a whole' });
    await page.getByLabel('Your comment').fill('Yes, half each.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}` && url.hash === '#comments');
    const general = page.locator('#comments').getByRole('heading', {
      name: 'On the terms as a whole',
    });
    expect(await general.count()).toBe(1);
    expect(await commentsSection(page)).toContain(
      'Hastings LD Officer, Hastings and Rye Liberal Democrats officer',
    );
    await expectAccessible(page);
    await screenshot(page, 'pact-comments-pact-page-phone');
  });

  it('an empty comment shows the error next to the field, linked from the summary', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await rig.signedInPage('officer.lab.lewes', `/pact/${id}/comments`, viewport);
      await page.getByLabel('Your comment').fill('   ');
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Add comment' }).click(),
      ]);
      expect(answer.status()).toBe(422);
      await page.waitForLoadState();
      const summary = page.locator('#comment-error-summary');
      const link = summary.getByRole('link');
      expect(await link.getAttribute('href')).toBe('#comment-text');
      const message = (await link.textContent()) ?? '';
      expect(message.length).toBeGreaterThan(0);
      const field = page.locator('#comment-text');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.getAttribute('aria-describedby')).toContain('comment-text-error');
      expect(await page.locator('#comment-text-error').textContent()).toBe(message);
      // Nothing was added: still the two comments.
      expect(await page.locator('.comment').count()).toBe(2);
      await link.click();
      expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe(
        'comment-text',
      );
      await expectAccessible(page);
    }
  });

  it('after a counter the old comments are on an earlier revision; revision 2 starts with none', async () => {
    const countered = await post(
      rig.t,
      tokenIn(tokens, 'officer.lab.lewes'),
      `/api/pacts/${id}/counter`,
      {
        baseRevision: 1,
        terms: {
          standAsides: [
            { party: 'ld', constituency: 'E14000735', beneficiary: 'lab' },
            { party: 'lab', constituency: 'E14000786', beneficiary: 'ld' },
          ],
          commitments: [{ party: 'lab', text: 'A joint leaflet in Lewes' }],
        },
      },
    );
    expect(countered.status).toBe(200);
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await rig.signedInPage('officer.ld.hastings', `/pact/${id}`, viewport);
      expect(await commentsSection(page)).toContain('No comments on revision 2 yet');
      // The new commitment can be commented on.
      const options = await page.locator('#comment-about option').allTextContents();
      expect(options).toContain('commitment 1 (Labour): A joint leaflet in Lewes');
      await page.getByRole('link', { name: 'All comments, on every revision' }).click();
      await page.getByRole('link', { name: 'Revision 1' }).click();
      await page.waitForURL((url) => url.search === '?revision=1');
      expect(
        await page.getByRole('link', { name: 'Revision 1' }).getAttribute('aria-current'),
      ).toBe('page');
      const earlier = page.locator('.comment', { hasText: 'on an earlier revision (1)' });
      expect(await earlier.count()).toBe(2);
      expect(await commentsSection(page)).toContain('Yes, half each.');
      await expectAccessible(page);
      await screenshot(page, `pact-comments-earlier-${String(viewport.width)}`);
    }
  });

  it('a member of the party gets the 404 page for the comments of a proposed pact', async () => {
    const res = await proposeHastingsForLewes(rig.t, tokenIn(tokens, 'officer.ld.hastings'), {
      title: 'Not for members yet',
    });
    expect(res.status).toBe(201);
    const other = (res.body as { id: string }).id;
    const page = await rig.signedInPage('member.lab', '/', DESKTOP);
    const answer = await page.goto(`/pact/${other}/comments`);
    expect(answer?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    const older = await page.goto(`/pact/${other}/comments?revision=1`);
    expect(older?.status()).toBe(404);
    await expectAccessible(page);
  });

  it('a member consulted on the signed revision comments from the comments page alone', async () => {
    const created = await proposeHastingsForLewes(rig.t, tokenIn(tokens, 'officer.ld.hastings'), {
      title: 'Asked of the members',
    });
    const body = created.body as { id: string; revision: { number: number; hash: string } };
    const signed = await post(
      rig.t,
      tokenIn(tokens, 'officer.lab.lewes'),
      `/api/pacts/${body.id}/sign`,
      {
        revision: body.revision.number,
        hash: body.revision.hash,
      },
    );
    expect(signed.status).toBe(200);
    const member = await createAccount(rig.t, [
      { role: 'member', localPartyId: await localPartyId(rig.t, 'Lewes Labour') },
    ]);
    const opened = await post(
      rig.t,
      tokenIn(tokens, 'coord.lab.southeast'),
      `/api/pacts/${body.id}/consultations`,
      { closesAt: new Date(Date.now() + 48 * 3_600_000).toISOString(), secret: true },
    );
    expect(opened.status).toBe(201);
    const page = await (await rig.person(PHONE)).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/sign-in?next=${encodeURIComponent(`/pact/${body.id}/comments`)}`);
    await page.getByLabel('Email address').fill(member.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${body.id}/comments`);
    // The pact page is not theirs before ratification: no link to it.
    expect(await page.getByRole('link', { name: 'Back to the pact' }).count()).toBe(0);
    await page
      .getByLabel('What it is about')
      .selectOption({ label: 'Lewes: Labour stand aside for Liberal Democrats' });
    await page.getByLabel('Your comment').fill('We should fight Lewes ourselves');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.waitForURL((url) => url.search === '?revision=1' && url.hash === '#comments');
    expect(await commentsSection(page)).toContain('Labour member, South East');
    await expectAccessible(page);
  });
});
