// A party's HQ (a `national` account: demo Lib Dem HQ) in the browser: it drafts for a local party
// it chooses, signs for all of its party's branches in a pact at once, and the trail names it.
import { describe, expect, it } from '@jest/globals';
import { expectAccessible, PHONE, screenshot, useBrowserRig } from '../support/browser.js';
import {
  demoTokens,
  get,
  HASTINGS_FOR_LEWES,
  inAMonth,
  localPartyId,
  post,
  tokenIn,
} from '../support/pacts.js';

const rig = useBrowserRig();

describe('a party HQ in the browser', () => {
  it('drafts for a local party it chooses among its party’s', async () => {
    const page = await rig.signedInPage('hq.ld', '/pact/new', PHONE);
    const author = page.getByLabel('Local party you draft for (the author)');
    const offered = await author.locator('option').allTextContents();
    expect(offered).toEqual(
      expect.arrayContaining(['Hastings and Rye Liberal Democrats', 'Lewes Liberal Democrats']),
    );
    expect(offered.some((name) => name.includes('Labour'))).toBe(false);
    // Its own party's other branches can take part too.
    await expect(
      page.getByRole('group', { name: /Other local parties taking part/ }).textContent(),
    ).resolves.toContain('Lewes Liberal Democrats');
    await expectAccessible(page);
  });

  it('signs for all of its party’s branches in a pact at once', async () => {
    const t = rig.t;
    const [ldHastings, ldLewes, labLewes] = await Promise.all([
      localPartyId(t, 'Hastings and Rye Liberal Democrats'),
      localPartyId(t, 'Lewes Liberal Democrats'),
      localPartyId(t, 'Lewes Labour'),
    ]);
    const tokens = await demoTokens(t, ['officer.lab.lewes', 'hq.ld']);
    const created = await post(t, tokenIn(tokens, 'officer.lab.lewes'), '/api/pacts', {
      title: 'Sussex, signed by HQ',
      election: 'ge2017',
      localParties: [labLewes, ldHastings, ldLewes],
      terms: HASTINGS_FOR_LEWES,
      respondBy: inAMonth(),
      propose: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // My desk lists it among the pacts waiting for the HQ.
    const page = await rig.signedInPage('hq.ld', '/');
    await expect(page.locator('main').textContent()).resolves.toContain('Sussex, signed by HQ');
    await page.goto(`/pact/${id}`);
    await page.getByRole('link', { name: 'Sign for all my local parties' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}/sign`);
    expect((await page.locator('ul.sign-all li').allTextContents()).sort()).toEqual([
      'Hastings and Rye Liberal Democrats',
      'Lewes Liberal Democrats',
    ]);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign for all my local parties' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}`);

    const after = await get(t, tokenIn(tokens, 'hq.ld'), `/api/pacts/${id}`);
    expect(after.body.status).toBe('signed');
    const trail = page.locator('#pact-trail tbody tr');
    await expect(trail.allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        expect.stringContaining('Liberal Democrats HQ, for Hastings and Rye Liberal Democrats'),
        expect.stringContaining('Liberal Democrats HQ, for Lewes Liberal Democrats'),
      ]),
    );
    await expectAccessible(page);
    await screenshot(page, 'pact-signed-by-hq');
  });
});
