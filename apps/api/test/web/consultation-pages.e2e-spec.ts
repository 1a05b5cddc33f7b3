// Members' consultations (issue 15) in a real browser: the Labour coordinator consults the members
// from the pact page; a member finds it on their desk, blocks (a reason is required), then agrees;
// the coordinator sees only how many took part until they close it; then everyone sees the result,
// and approving against a block needs a written reason.
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  DESKTOP,
  expectAccessible,
  pageSignedInAs,
  PHONE,
  screenshot,
  useBrowserRig,
} from '../support/browser.js';
import { bearer, createAccount, TEST_PASSWORD } from '../support/factories.js';
import { demoTokens, HASTINGS_FOR_LEWES, inAMonth, localPartyId } from '../support/pacts.js';
import { sessionTokens } from '../support/sessions.js';

const rig = useBrowserRig({ PACTROOM_COMMANDS_PER_MINUTE: '1000' });
let tokens: Record<string, string>;
beforeAll(async () => {
  tokens = await demoTokens(rig.t, [
    'officer.ld.hastings',
    'officer.lab.lewes',
    'coord.lab.southeast',
  ]);
}, 60_000);

const api = (token: string, path: string, body: object) =>
  rig.t.http.post(path).set('authorization', bearer(token)).send(body);

/** Hastings-for-Lewes proposed by the Hastings Lib Dems and signed by Lewes Labour. */
async function signedPact(title: string): Promise<string> {
  const created = await api(tokens['officer.ld.hastings'] ?? '', '/api/pacts', {
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
  const signed = await api(tokens['officer.lab.lewes'] ?? '', `/api/pacts/${id}/sign`, {
    revision,
    hash,
  });
  expect(signed.body.status).toBe('signed');
  return id;
}

/** A `datetime-local` value in UK time, `hours` from now. */
function ukLocalIn(hours: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + hours * 3_600_000));
  const v = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${v('year')}-${v('month')}-${v('day')}T${v('hour')}:${v('minute')}`;
}

describe('members’ consultation pages', () => {
  it('goes from opening to result to an approval with a written reason', async () => {
    const pactId = await signedPact('Consulted in the browser');
    const lewes = await localPartyId(rig.t, 'Lewes Labour');
    const member = await createAccount(rig.t, [{ role: 'member', localPartyId: lewes }]);
    const blocker = await createAccount(rig.t, [{ role: 'member', localPartyId: lewes }]);

    // The coordinator consults from the pact page; a missing closing time is named and linked.
    const coord = await rig.signedInPage('coord.lab.southeast', `/pact/${pactId}`, DESKTOP);
    await expectAccessible(coord);
    await coord.getByRole('button', { name: 'Consult your members' }).click();
    await coord.waitForSelector('#consult-errors');
    expect(await coord.locator('#consult-errors a').first().getAttribute('href')).toBe(
      '#consult-closesAt',
    );
    await expectAccessible(coord);
    await coord.getByLabel('Closes at (UK time)').fill(ukLocalIn(48));
    await coord.getByRole('button', { name: 'Consult your members' }).click();
    await coord.waitForURL((url) => url.pathname.startsWith('/consultation/'));
    const consultation = new URL(coord.url()).pathname;
    expect(await coord.locator('#turnout').textContent()).toMatch(/0 of \d+ have taken part/);
    await expectAccessible(coord);
    await screenshot(coord, 'consultation-coordinator-open');

    // The pact page lists it, and no longer offers to consult again.
    await coord.goto(`/pact/${pactId}`);
    expect(await coord.locator('#consultations-caption').textContent()).toContain('(1)');
    expect(await coord.getByRole('button', { name: 'Consult your members' }).count()).toBe(0);

    // A member finds it on their desk; block without a reason is refused in the service's words.
    const page = await pageSignedInAs(rig, member.email, TEST_PASSWORD, PHONE);
    await expectAccessible(page);
    await page.getByRole('link', { name: /Consulted in the browser/ }).click();
    await page.waitForURL((url) => url.pathname === consultation);
    expect(await page.locator('h1').textContent()).toBe('Members’ consultation');
    expect(await page.locator('table').first().textContent()).toContain('Lewes');
    await expectAccessible(page);
    await page.getByLabel(/^Block:/).check();
    await page.getByRole('button', { name: 'Record my stance' }).click();
    await page.waitForSelector('#error-summary');
    expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#reason');
    expect(await page.locator('#reason').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await page.locator('#error-summary a').click();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'reason',
    );
    await page.getByRole('textbox', { name: 'Reason' }).fill('Lewes deserves its own candidate.');
    await page.getByRole('button', { name: 'Record my stance' }).click();
    await page.waitForSelector('.success');
    await page.getByLabel(/^Agree:/).check();
    await page.getByRole('textbox', { name: 'Reason' }).fill('');
    await page.getByRole('button', { name: 'Record my stance' }).click();
    await page.waitForSelector('.success');
    const history = await page.locator('.stance-history li').allTextContents();
    expect(history).toHaveLength(2);
    expect(history[0]).toMatch(/You said block on .*Lewes deserves its own candidate/);
    expect(history[1]).toMatch(/You said agree on/);
    await expectAccessible(page);
    await screenshot(page, 'consultation-member');
    // The member reads the projected impact here; the pact page stays closed to them (no link).
    await expect(page.getByRole('heading', { name: 'Projected impact' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'The pact’s page' }).count()).resolves.toBe(0);
    // The member can read and add comments on these terms.
    await page.getByRole('link', { name: 'Comments on these terms' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/comments'));
    await expect(page.locator('main').textContent()).resolves.toContain('Hastings and Rye');
    await page.goBack();

    // Another member blocks (over the API); the coordinator sees only how many took part.
    const [blockerToken] = await sessionTokens(rig.t, [blocker.id]);
    const put = await rig.t.http
      .put(`/api${consultation.replace('/consultation/', '/consultations/')}/stance`)
      .set('authorization', bearer(blockerToken ?? ''))
      .send({ stance: 'block', reason: 'Not without a vote of the branch.' });
    expect(put.status).toBe(200);
    await coord.goto(consultation);
    expect(await coord.locator('#turnout').textContent()).toMatch(
      /2 of \d+ have taken part; results are hidden until it closes/,
    );
    expect(await coord.locator('#result-heading').count()).toBe(0);
    expect(await coord.getByRole('button', { name: 'Record my stance' }).count()).toBe(0);

    // Approving waits while it is open.
    await coord.goto(`/pact/${pactId}/approve`);
    expect(await coord.locator('.consultation-outcome').textContent()).toContain('open until');

    // The coordinator closes it; the member sees the result table with names (an open ballot).
    await coord.goto(consultation);
    await coord.getByRole('button', { name: 'Close now' }).click();
    await coord.waitForSelector('#result-heading');
    await expectAccessible(coord);
    await page.reload();
    const result = await page.locator('table.consultation-result').textContent();
    expect(result).toMatch(/Agree\s*1/);
    expect(result).toMatch(/Block\s*1/);
    expect(await page.locator('#result-heading').textContent()).toContain('a member blocked');
    expect(await page.locator('main').textContent()).toContain('Not without a vote of the branch.');
    expect(await page.getByRole('button', { name: 'Record my stance' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'consultation-result');

    // Approving against a block needs a reason: refused without one (the service's 422), then done.
    await coord.goto(`/pact/${pactId}/approve`);
    expect(await coord.locator('.consultation-outcome').textContent()).toContain(
      'a member blocked',
    );
    await expectAccessible(coord);
    // Past the browser's own check, to see the service's refusal.
    await coord.evaluate(
      "document.getElementById('consultationOverride').removeAttribute('required')",
    );
    await coord.getByRole('button', { name: /^Approve revision/ }).click();
    await coord.waitForSelector('#error-summary');
    expect(await coord.locator('#error-summary').textContent()).toContain('Why approve anyway');
    await expectAccessible(coord);
    await coord.getByLabel('Why approve anyway').fill('The branch vote was too small to bind us.');
    await coord.getByRole('button', { name: /^Approve revision/ }).click();
    await coord.waitForURL((url) => url.search === '?done=approved');
    const approved = await coord.locator('.success').textContent();
    expect(approved).toContain('You approved');
  }, 120_000);

  it('shows a voided consultation with why, on a phone and a desktop', async () => {
    const pactId = await signedPact('Countered while consulting in the browser');
    const lewes = await localPartyId(rig.t, 'Lewes Labour');
    const member = await createAccount(rig.t, [{ role: 'member', localPartyId: lewes }]);
    const opened = await api(
      tokens['coord.lab.southeast'] ?? '',
      `/api/pacts/${pactId}/consultations`,
      {
        closesAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
        secret: true,
      },
    );
    expect(opened.status).toBe(201);
    const consultation = `/consultation/${opened.body.id as string}`;

    // Open: the coordinator's pact page and consultation page on a phone, the member's on a desktop.
    const coord = await rig.signedInPage('coord.lab.southeast', `/pact/${pactId}`, PHONE);
    expect(await coord.locator('#consultations-caption').textContent()).toContain('(1)');
    await expectAccessible(coord);
    await coord.goto(consultation);
    expect(await coord.locator('#turnout').textContent()).toMatch(/0 of \d+ have taken part/);
    await expectAccessible(coord);
    const page = await pageSignedInAs(rig, member.email, TEST_PASSWORD, DESKTOP);
    expect(await page.locator('#consultations-heading').textContent()).toBe(
      'Consultations open to you',
    );
    await expectAccessible(page);
    await page.goto(consultation);
    expect(await page.locator('main').textContent()).toContain('Secret: the result will name');
    await expectAccessible(page);

    await coord.goto(`/pact/${pactId}/approve`);
    expect(await coord.locator('.consultation-outcome').textContent()).toContain('open until');
    await expectAccessible(coord);

    // A counter voids it: the page says why, takes no stance, and the desk no longer lists it.
    const countered = await api(tokens['officer.lab.lewes'] ?? '', `/api/pacts/${pactId}/counter`, {
      baseRevision: 1,
      terms: { ...HASTINGS_FOR_LEWES, commitments: [{ party: 'lab', text: 'A joint leaflet' }] },
    });
    expect(countered.status).toBe(200);
    await page.reload();
    expect(await page.locator('.notice').first().textContent()).toContain(
      'voided: the terms changed: revision 2 replaced revision 1',
    );
    expect(await page.getByRole('button', { name: 'Record my stance' }).count()).toBe(0);
    await expectAccessible(page);
    await page.goto('/');
    expect(await page.locator('#consultations-heading').count()).toBe(0);
  }, 60_000);
});
