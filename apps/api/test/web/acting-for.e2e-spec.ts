// Someone who holds two roles that could both act on a pact chooses, on the page, which one they act
// for (the API's `actingFor`): offered only where the negotiation rules allow more than one.
import { describe, expect, it } from '@jest/globals';
import { expectAccessible, screenshot, signInWith, useBrowserRig } from '../support/browser.js';
import { bearer, createAccount, TEST_PASSWORD } from '../support/factories.js';
import {
  demoTokens,
  get,
  HASTINGS_FOR_LEWES,
  inAMonth,
  localPartyId,
  tokenIn,
  post,
  proposeHastingsForLewes,
} from '../support/pacts.js';

const rig = useBrowserRig();

describe('acting for one of several roles', () => {
  it('lets a coordinator of two parties approve for each in turn', async () => {
    const t = rig.t;
    const tokens = await demoTokens(t, ['officer.ld.hastings', 'officer.lab.lewes']);
    const created = await proposeHastingsForLewes(t, tokenIn(tokens, 'officer.ld.hastings'), {
      title: 'Two hats',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const { revision } = created.body as { revision: { number: number; hash: string } };
    const signed = await post(t, tokenIn(tokens, 'officer.lab.lewes'), `/api/pacts/${id}/sign`, {
      revision: revision.number,
      hash: revision.hash,
    });
    expect(signed.status).toBe(200);
    const both = await createAccount(t, [
      { role: 'coordinator', party: 'lab', region: 'south-east' },
      { role: 'coordinator', party: 'ld', region: 'south-east' },
    ]);

    const page = await (await rig.person()).newPage();
    await signInWith(page, both.email, TEST_PASSWORD, `/pact/${id}/approve`);
    const choice = page.getByLabel('Acting for');
    expect(await choice.locator('option').allTextContents()).toEqual([
      'Labour coordinator for South East',
      'Liberal Democrats coordinator for South East',
    ]);
    await expectAccessible(page);
    await screenshot(page, 'pact-approve-acting-for');
    await choice.selectOption({ label: 'Liberal Democrats coordinator for South East' });
    await page.getByRole('button', { name: 'Approve revision 1' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}`);
    const login = await t.http
      .post('/api/auth/login')
      .send({ email: both.email, password: TEST_PASSWORD });
    const token = (login.body as { accessToken: string }).accessToken;
    const after = await get(t, token, `/api/pacts/${id}`);
    expect(after.body.approvals).toEqual([
      expect.objectContaining({ party: 'ld', region: 'south-east' }),
    ]);

    // One slot left: nothing to choose, and approving completes the ratification.
    await page.goto(`/pact/${id}/approve`);
    expect(await page.getByLabel('Acting for').count()).toBe(0);
    await page.getByRole('button', { name: 'Approve revision 1' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}`);
    const ratified = await t.http.get(`/api/pacts/${id}`).set('authorization', bearer(token));
    expect(ratified.body.status).toBe('ratified');
  });

  it('lets an officer of both participants choose which one counters', async () => {
    const t = rig.t;
    const ldHastings = await localPartyId(t, 'Hastings and Rye Liberal Democrats');
    const labLewes = await localPartyId(t, 'Lewes Labour');
    const tokens = await demoTokens(t, ['officer.ld.hastings']);
    const created = await post(t, tokenIn(tokens, 'officer.ld.hastings'), '/api/pacts', {
      title: 'Both sides',
      election: 'ge2017',
      localParties: [ldHastings, labLewes],
      terms: HASTINGS_FOR_LEWES,
      respondBy: inAMonth(),
      propose: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const both = await createAccount(t, [
      { role: 'officer', localPartyId: ldHastings },
      { role: 'officer', localPartyId: labLewes },
    ]);
    const page = await (await rig.person()).newPage();
    await signInWith(page, both.email, TEST_PASSWORD, `/pact/${id}/counter`);
    const choice = page.getByLabel('Acting for');
    expect((await choice.locator('option').allTextContents()).sort()).toEqual([
      'Officer of Hastings and Rye Liberal Democrats',
      'Officer of Lewes Labour',
    ]);
    await expectAccessible(page);
    await choice.selectOption({ label: 'Officer of Lewes Labour' });
    await page.selectOption('#cm-0-party', 'lab');
    await page.fill('#cm-0-text', 'Countered by Lewes');
    await page.getByRole('button', { name: 'Send counter-proposal' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${id}`);
    const after = await get(t, tokenIn(tokens, 'officer.ld.hastings'), `/api/pacts/${id}`);
    expect(after.body.revision).toMatchObject({ number: 2, authorLocalPartyId: labLewes });
  });
});
