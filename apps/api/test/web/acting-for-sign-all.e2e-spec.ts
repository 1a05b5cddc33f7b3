// An officer of two participating branches, both still to sign, signs for all of them from the pact
// page in one go (the API's `actingFor` list) — or for one of them, as before.
import { describe, expect, it } from '@jest/globals';
import {
  expectAccessible,
  PHONE,
  screenshot,
  signInWith,
  useBrowserRig,
} from '../support/browser.js';
import { createAccount, login, TEST_PASSWORD } from '../support/factories.js';
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

/** Hastings-for-Lewes proposed by Hastings Labour as a third participant; an officer of the other two. */
async function threeWay(title: string) {
  const t = rig.t;
  const [labHastings, ldHastings, labLewes] = await Promise.all([
    localPartyId(t, 'Hastings and Rye Labour'),
    localPartyId(t, 'Hastings and Rye Liberal Democrats'),
    localPartyId(t, 'Lewes Labour'),
  ]);
  const tokens = await demoTokens(t, ['officer.lab.hastings']);
  const created = await post(t, tokenIn(tokens, 'officer.lab.hastings'), '/api/pacts', {
    title,
    election: 'ge2017',
    localParties: [labHastings, ldHastings, labLewes],
    terms: HASTINGS_FOR_LEWES,
    respondBy: inAMonth(),
    propose: true,
  });
  expect(created.status).toBe(201);
  const both = await createAccount(t, [
    { role: 'officer', localPartyId: ldHastings },
    { role: 'officer', localPartyId: labLewes },
  ]);
  const token = (await login(t, both.email, TEST_PASSWORD)).accessToken;
  return { id: created.body.id as string, both, token, ldHastings, labLewes };
}

describe('signing for all my local parties', () => {
  it('offers it on the pact page and signs for both branches in one go', async () => {
    const { id, both, token, ldHastings, labLewes } = await threeWay('All at once');
    const page = await (await rig.person()).newPage();
    await signInWith(page, both.email, TEST_PASSWORD, `/pact/${id}`);

    await page.getByRole('link', { name: 'Sign for all my local parties' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}/sign`);
    expect(new URL(page.url()).searchParams.get('for')).toBe('all');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Sign revision 1 for all your local parties?',
    );
    expect((await page.locator('ul.sign-all li').allTextContents()).sort()).toEqual([
      'Hastings and Rye Liberal Democrats',
      'Lewes Labour',
    ]);
    await expectAccessible(page);
    await screenshot(page, 'pact-sign-for-all');

    await page.getByRole('button', { name: 'Sign for all my local parties' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}`);
    const after = await get(rig.t, token, `/api/pacts/${id}`);
    expect(after.body.status).toBe('signed');
    expect(
      (after.body.signatures as { localPartyId: string; userId: string }[])
        .filter((s) => s.userId === both.id)
        .map((s) => s.localPartyId)
        .sort(),
    ).toEqual([ldHastings, labLewes].sort());
    // Nothing is left for this officer to sign: the control is gone.
    expect(await page.getByRole('link', { name: 'Sign for all my local parties' }).count()).toBe(0);
    await expectAccessible(page);
  });

  it('still lets them sign for one, after which the other needs no choice (phone)', async () => {
    const { id, both, token, labLewes } = await threeWay('One then the other');
    const page = await (await rig.person(PHONE)).newPage();
    await signInWith(page, both.email, TEST_PASSWORD, `/pact/${id}`);
    await page.getByRole('link', { name: 'Sign for one of them' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}/sign`);
    const choice = page.getByLabel('Acting for');
    expect((await choice.locator('option').allTextContents()).sort()).toEqual([
      'Officer of Hastings and Rye Liberal Democrats',
      'Officer of Lewes Labour',
    ]);
    await expect(
      page.getByRole('link', { name: 'Sign for all my local parties' }).count(),
    ).resolves.toBe(1);
    await expectAccessible(page);
    await choice.selectOption({ label: 'Officer of Lewes Labour' });
    await page.getByRole('button', { name: 'Sign revision 1' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}`);
    const once = await get(rig.t, token, `/api/pacts/${id}`);
    expect(once.body.status).toBe('proposed');
    expect(once.body.signatures).toContainEqual(
      expect.objectContaining({ localPartyId: labLewes, userId: both.id }),
    );

    // One branch left: the plain control, and the "all" confirmation falls back to it.
    expect(await page.getByRole('link', { name: 'Sign for all my local parties' }).count()).toBe(0);
    await page.goto(`/pact/${id}/sign?for=all`);
    expect(await page.getByLabel('Acting for').count()).toBe(0);
    await expect(
      page.getByText('Acting as: Officer of Hastings and Rye Liberal Democrats.').count(),
    ).resolves.toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign revision 1' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}`);
    expect((await get(rig.t, token, `/api/pacts/${id}`)).body.status).toBe('signed');
  });
});
