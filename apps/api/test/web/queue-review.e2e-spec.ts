// The coordinator's approval queue and the members' review, in a real browser: what each person
// sees by name, rejecting with a reason, and verifying a ratified pact's record with and without JS.
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  DESKTOP,
  expectAccessible,
  PHONE,
  screenshot,
  signIn,
  useBrowserRig,
} from '../support/browser.js';
import { CheckpointService } from '../../src/audit/checkpoint.service.js';
import { bearer, createAccount, login } from '../support/factories.js';
import { demoTokens, HASTINGS_FOR_LEWES, inAMonth, localPartyId } from '../support/pacts.js';

// The last test signs more pacts than one officer may in a minute by default.
const rig = useBrowserRig({ PACTROOM_COMMANDS_PER_MINUTE: '1000' });
let tokens: Record<string, string>;
beforeAll(async () => {
  tokens = await demoTokens(rig.t, [
    'officer.ld.hastings',
    'officer.lab.lewes',
    'coord.lab.southeast',
    'coord.ld.southeast',
    'admin',
  ]);
}, 60_000);

const api = (name: string, path: string, body: object) =>
  rig.t.http
    .post(path)
    .set('authorization', bearer(tokens[name] ?? ''))
    .send(body);

/** Both South East coordinators approve a signed pact: it is ratified. */
async function ratify(pact: { id: string; revision: number; hash: string }): Promise<void> {
  for (const coordinator of ['coord.ld.southeast', 'coord.lab.southeast']) {
    const approved = await api(coordinator, `/api/pacts/${pact.id}/approve`, {
      revision: pact.revision,
      hash: pact.hash,
    });
    expect(approved.status).toBe(200);
  }
}

/** Hastings-for-Lewes proposed by the Hastings Lib Dems and signed by Lewes Labour. */
async function signedPact(title: string): Promise<{ id: string; revision: number; hash: string }> {
  const created = await api('officer.ld.hastings', '/api/pacts', {
    title,
    election: 'ge2017',
    localParties: [
      await localPartyId(rig.t, 'Hastings and Rye Liberal Democrats'),
      await localPartyId(rig.t, 'Lewes Labour'),
    ],
    terms: HASTINGS_FOR_LEWES,
    respondBy: inAMonth(),
    propose: true,
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const { number: revision, hash } = created.body.revision as { number: number; hash: string };
  const signed = await api('officer.lab.lewes', `/api/pacts/${id}/sign`, { revision, hash });
  expect(signed.status).toBe(200);
  expect(signed.body.status).toBe('signed');
  return { id, revision, hash };
}

describe('approval queue and review', () => {
  it('lists a signed pact in the right coordinator’s queue, by name, and not in another party’s', async () => {
    const pact = await signedPact('Hastings for Lewes (queue)');
    const page = await rig.signedInPage('coord.lab.southeast', '/queue');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Approvals');
    const card = page.locator('.queue .card', { hasText: 'Hastings for Lewes (queue)' });
    expect(await card.count()).toBe(1);
    expect(await card.locator('.card-title a').getAttribute('href')).toBe(`/pact/${pact.id}`);
    const facts = await card.locator('dl.facts').textContent();
    expect(facts).toContain('Hastings and Rye Liberal Democrats');
    expect(facts).toContain('Lewes Labour');
    expect(facts).toMatch(/Revision\s*1/);
    expect(facts).toMatch(/Time left\s*(29|30) days/);
    expect(await page.content()).not.toMatch(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\//,
    );
    await expectAccessible(page);
    await screenshot(page, 'queue');
    await page.setViewportSize(PHONE);
    await expectAccessible(page);

    const green = await rig.signedInPage('coord.green.southeast', '/queue', PHONE);
    expect(await green.locator('.queue .card').count()).toBe(0);
    expect(await green.getByText('No pact waits for your approval.').count()).toBe(1);
    await expectAccessible(green);

    // The approvals queue is the coordinators' (the API's role rule, applied to the page).
    const member = await rig.signedInPage('member.lab', '/');
    const refused = await member.goto('/queue');
    expect(refused?.status()).toBe(403);
    expect(await member.locator('main').textContent()).toContain(
      'This page is for regional coordinators.',
    );
  });

  it('shows a ratified pact to a Labour member with signers and approvers, and verifies it with and without JavaScript', async () => {
    const pact = await signedPact('Hastings for Lewes (review)');
    for (const coordinator of ['coord.ld.southeast', 'coord.lab.southeast']) {
      const approved = await api(coordinator, `/api/pacts/${pact.id}/approve`, {
        revision: pact.revision,
        hash: pact.hash,
      });
      expect(approved.status).toBe(200);
    }
    const page = await rig.signedInPage('member.lab', '/review');
    const item = page.locator('.agreement', { hasText: 'Hastings for Lewes (review)' });
    expect(await item.count()).toBe(1);
    const terms = await item.locator('.terms').textContent();
    expect(terms).toContain('Liberal Democrats stand aside in Hastings and Rye for Labour');
    expect(terms).toContain('Labour stand aside in Lewes for Liberal Democrats');
    const signers = await item.locator('.signers').textContent();
    expect(signers).toContain('Hastings LD Officer for Hastings and Rye Liberal Democrats');
    expect(signers).toContain('Lewes Labour Officer for Lewes Labour');
    const approvers = await item.locator('.approvers').textContent();
    expect(approvers).toContain('Labour South East Coordinator');
    expect(approvers).toContain('Lib Dem South East Coordinator');
    expect(
      await item.getByRole('link', { name: /Download certificate/ }).getAttribute('href'),
    ).toBe(`/pact/${pact.id}/certificate`);
    await expectAccessible(page);

    // With JavaScript: htmx swaps in the result, the page stays put.
    await item.getByRole('button', { name: /Verify its record/ }).click();
    const result = item.locator('.verification-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Verified: all 5 recorded steps are intact/);
    expect(new URL(page.url()).pathname).toBe('/review');
    await expectAccessible(page);
    await screenshot(page, 'review');
    await page.setViewportSize(PHONE);
    await expectAccessible(page);

    // Without JavaScript: the form posts and the whole page comes back with the result.
    const noJs = await rig.browser.newContext({
      baseURL: rig.baseUrl,
      viewport: PHONE,
      javaScriptEnabled: false,
    });
    try {
      const plain = await noJs.newPage();
      plain.setDefaultTimeout(10_000);
      await signIn(plain, 'member.lab', '/review');
      const plainItem = plain.locator('.agreement', { hasText: 'Hastings for Lewes (review)' });
      await plainItem.getByRole('button', { name: /Verify its record/ }).click();
      await plain.waitForURL((url) => url.pathname === `/review/${pact.id}/verify`);
      expect(await plainItem.locator('.verification-result').textContent()).toMatch(
        /Verified: all 5 recorded steps/,
      );
      // (axe needs JavaScript: the same result markup is checked above with it on.)
    } finally {
      await noJs.close();
    }

    // A Green member is not a party to it.
    const green = await rig.signedInPage('member.green', '/review', PHONE);
    expect(
      await green.locator('.agreement', { hasText: 'Hastings for Lewes (review)' }).count(),
    ).toBe(0);
  });

  it('rejects from the queue with a required reason, and shows the reason under recently rejected', async () => {
    const rejected = await signedPact('Hastings for Lewes (rejected)');
    const page = await rig.signedInPage('coord.ld.southeast', '/queue', PHONE);
    const card = page.locator('.queue .card', { hasText: 'Hastings for Lewes (rejected)' });
    await card.locator('summary').click();
    expect(await card.getByLabel('Reason for rejecting').getAttribute('required')).not.toBeNull();
    await card.getByLabel('Reason for rejecting').fill('Our members voted against the swap');
    await card.getByRole('button', { name: 'Reject this pact' }).click();
    await page.waitForURL((url) => url.pathname === '/queue' && url.search === '?done=rejected');
    expect(await page.locator('.success').textContent()).toContain('rejected');
    expect(
      await page.locator('.queue .card', { hasText: 'Hastings for Lewes (rejected)' }).count(),
    ).toBe(0);
    const row = page.locator('table.rejections tr', { hasText: 'Hastings for Lewes (rejected)' });
    expect(await row.locator('.reason').textContent()).toBe('Our members voted against the swap');
    expect(await row.textContent()).toContain('Lib Dem South East Coordinator');
    expect(await row.getByRole('link').getAttribute('href')).toBe(`/pact/${rejected.id}`);
    await expectAccessible(page);
    await page.setViewportSize(DESKTOP);
    await expectAccessible(page);
  });

  it('shows the API’s message beside the reason when the service refuses it, and rejects nothing', async () => {
    const pending = await signedPact('Hastings for Lewes (bad reason)');
    const page = await rig.signedInPage('coord.lab.southeast', '/queue');
    const card = page.locator('.queue .card', { hasText: 'Hastings for Lewes (bad reason)' });
    await card.locator('summary').click();
    await card.getByLabel('Reason for rejecting').fill('x'.repeat(2001));
    await card.getByRole('button', { name: 'Reject this pact' }).click();
    await page.waitForSelector('.error-summary');
    const again = page.locator('.queue .card', { hasText: 'Hastings for Lewes (bad reason)' });
    expect(await again.locator('.field-error').textContent()).toMatch(
      /Reason must be shorter than or equal to 2000 characters/,
    );
    const status = await rig.t.http
      .get(`/api/pacts/${pending.id}`)
      .set('authorization', bearer(tokens['coord.lab.southeast'] ?? ''));
    expect(status.body.status).toBe('signed');
    await expectAccessible(page);
  });

  it('keeps the typed reason when someone else acted first, with the refusal’s own status', async () => {
    const pact = await signedPact('Hastings for Lewes (acted first)');
    const page = await rig.signedInPage('coord.ld.southeast', '/queue');
    const card = page.locator('.queue .card', { hasText: 'Hastings for Lewes (acted first)' });
    await card.locator('summary').click();
    await card.getByLabel('Reason for rejecting').fill('<b>Members</b> said no & meant it');
    // Meanwhile the Labour coordinator rejects it through the API.
    const first = await api('coord.lab.southeast', `/api/pacts/${pact.id}/reject`, {
      reason: 'Labour members voted against it',
    });
    expect(first.status).toBe(200);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/queue/${pact.id}/reject`)),
      card.getByRole('button', { name: 'Reject this pact' }).click(),
    ]);
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status()).not.toBe(400);
    expect(response.status()).toBeLessThan(500);
    await page.waitForSelector('.error-summary');
    const summary = page.locator('.error-summary');
    // The pact has left the list: the message and the reason typed are in the summary, as text.
    expect(
      await page.locator('.queue .card', { hasText: 'Hastings for Lewes (acted first)' }).count(),
    ).toBe(0);
    expect(await summary.locator('.typed-reason').textContent()).toBe(
      '“<b>Members</b> said no & meant it”',
    );
    expect(await summary.locator('b').count()).toBe(0);
    expect(await summary.locator(`a[href="#reason-${pact.id}"]`).count()).toBe(0);
    expect(await summary.getByRole('link').getAttribute('href')).toBe(`/pact/${pact.id}`);
    expect(await page.locator(':focus').getAttribute('class')).toBe('error-summary');
    await expectAccessible(page);
  });

  it('names signers as their act recorded them, not by a later name', async () => {
    const lewes = await localPartyId(rig.t, 'Lewes Labour');
    const officer = await createAccount(rig.t, [{ role: 'officer', localPartyId: lewes }]);
    const before = `Test ${officer.email}`;
    const created = await api('officer.ld.hastings', '/api/pacts', {
      title: 'Hastings for Lewes (renamed signer)',
      election: 'ge2017',
      localParties: [await localPartyId(rig.t, 'Hastings and Rye Liberal Democrats'), lewes],
      terms: HASTINGS_FOR_LEWES,
      respondBy: inAMonth(),
      propose: true,
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const { number: revision, hash } = created.body.revision as { number: number; hash: string };
    const signed = await rig.t.http
      .post(`/api/pacts/${id}/sign`)
      .set('authorization', bearer((await login(rig.t, officer.email)).accessToken))
      .send({ revision, hash });
    expect(signed.status).toBe(200);
    await ratify({ id, revision, hash });
    // Renamed afterwards, the officer then ends the pact under the new name.
    const renamed = await rig.t.http
      .patch(`/api/users/${officer.id}`)
      .set('authorization', bearer(tokens.admin ?? ''))
      .send({ name: 'Renamed Lewes Officer' });
    expect(renamed.status).toBe(200);
    const ended = await rig.t.http
      .post(`/api/pacts/${id}/terminate`)
      .set('authorization', bearer((await login(rig.t, officer.email)).accessToken))
      .send({ reason: 'The seat boundaries changed' });
    expect(ended.status).toBe(200);

    const page = await rig.signedInPage('member.lab', '/review', PHONE);
    const item = page.locator('.agreement', { hasText: 'Hastings for Lewes (renamed signer)' });
    const signers = await item.locator('.signers').textContent();
    expect(signers).toContain(`${before} for Lewes Labour`);
    expect(signers).not.toContain('Renamed Lewes Officer');
  });

  it('says in plain words when the chain is intact but the published log no longer matches it', async () => {
    const pact = await signedPact('Hastings for Lewes (cut short)');
    await ratify(pact);
    await rig.t.app.get(CheckpointService).createCheckpoint();
    // A superuser deletes the last event, going around the append-only guards.
    await rig.t.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query(
        'DELETE FROM audit_events WHERE pact_id = $1 AND seq = (SELECT max(seq) FROM audit_events WHERE pact_id = $1)',
        [pact.id],
      );
    });
    const page = await rig.signedInPage('member.lab', '/review');
    const item = page.locator('.agreement', { hasText: 'Hastings for Lewes (cut short)' });
    await item.getByRole('button', { name: /Verify its record/ }).click();
    const result = item.locator('.verification-result');
    await result.waitFor();
    const words = await result.textContent();
    expect(words).toContain('Not verified');
    expect(words).toContain('does not match the published audit log');
    expect(words).toContain('events the log recorded are now missing from the trail');
    expect(words).not.toMatch(/null|CHAIN_TOO_SHORT|breaks at/);
    await expectAccessible(page);

    await page.goto(`/pact/${pact.id}/verify`);
    const outcome = await page.locator('#verify-outcome').textContent();
    expect(outcome).toContain('The trail did not verify.');
    expect(outcome).toContain('does not match the published audit log');
    expect(outcome).toContain('events the log recorded are now missing from the trail');
    expect(outcome).not.toMatch(/null|CHAIN_TOO_SHORT|breaks at/);
    expect(await page.locator(':focus').getAttribute('id')).toBe('verify-outcome');
    await expectAccessible(page);
  });

  it('says so when the queue is cut at its limit rather than cutting it silently', async () => {
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 9 }, (_, i) => signedPact(`Capped queue ${batch}-${i}`)),
      );
    }
    const page = await rig.signedInPage('coord.lab.southeast', '/queue');
    expect(await page.locator('.queue .card').count()).toBeLessThanOrEqual(50);
    expect(await page.locator('.notice').textContent()).toContain(
      'Showing the 50 most recent signed pacts only',
    );
  });
});
