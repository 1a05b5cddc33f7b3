// The pact page in a real browser: who signed by name, the seat table and chart, the audit trail
// verified with and without JavaScript, signing after a confirmation that names the exact
// revision (and what a stale one does), approvals to ratification, the certificate download, a
// diff between revisions, a hidden pact's 404, accessibility and keyboard-only signing.
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
  inAMonth,
  localPartyId,
  post,
  tokenIn,
} from '../support/pacts.js';

const UUID_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-/;

const rig = useBrowserRig();
let tokens: Record<string, string>;
let ldHastings: string;
let labLewes: string;

beforeAll(async () => {
  tokens = await demoTokens(rig.t, ['officer.ld.hastings', 'officer.lab.lewes']);
  ldHastings = await localPartyId(rig.t, 'Hastings and Rye Liberal Democrats');
  labLewes = await localPartyId(rig.t, 'Lewes Labour');
}, 60_000);

interface PactBody {
  id: string;
  currentRevision: number;
  status: string;
  revision: { hash: string };
  signatures: unknown[];
}

/** Hastings-for-Lewes proposed (and so signed) by the Hastings Lib Dems. */
async function proposed(title: string): Promise<PactBody> {
  const res = await post(rig.t, tokenIn(tokens, 'officer.ld.hastings'), '/api/pacts', {
    title,
    election: 'ge2017',
    localParties: [ldHastings, labLewes],
    terms: HASTINGS_FOR_LEWES,
    respondBy: inAMonth(),
    propose: true,
  });
  expect(res.status).toBe(201);
  return res.body as PactBody;
}

async function pactNow(id: string): Promise<PactBody> {
  const res = await get(rig.t, tokenIn(tokens, 'officer.ld.hastings'), `/api/pacts/${id}`);
  expect(res.status).toBe(200);
  return res.body as PactBody;
}

async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').textContent()) ?? '';
}

/** Presses Tab until the focused element is the link or button named `name`. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = page.locator('a:focus, button:focus');
    if ((await focused.count()) === 1 && (await focused.textContent())?.trim() === name) {
      return;
    }
  }
  throw new Error(`Tab never reached "${name}"`);
}

describe('the pact page', () => {
  it('lets the author propose a draft', async () => {
    const draft = await post(rig.t, tokenIn(tokens, 'officer.ld.hastings'), '/api/pacts', {
      title: 'A draft to propose',
      election: 'ge2017',
      localParties: [ldHastings, labLewes],
      terms: HASTINGS_FOR_LEWES,
      respondBy: inAMonth(),
    });
    expect(draft.status).toBe(201);
    const id = (draft.body as PactBody).id;
    const page = await (await rig.person()).newPage();
    await signIn(page, 'officer.ld.hastings', `/pact/${id}`);
    expect(await page.locator('dl.facts').textContent()).toContain('Draft');
    expect(await mainText(page)).toContain('Nobody has signed revision 1 yet.');
    await page.getByRole('button', { name: 'Propose to the other participants' }).click();
    await page.waitForURL((url) => url.search === '?done=proposed');
    expect(await page.locator('.success').textContent()).toContain('You proposed this pact');
    expect((await pactNow(id)).status).toBe('proposed');
  }, 60_000);

  it('shows a participant the pact by names, the seat table and the chart', async () => {
    const pact = await proposed('Names and seats');
    const context = await rig.person(DESKTOP);
    const page = await context.newPage();
    // The browser itself fetches the chart, with its session cookie, for the <img>.
    const chartLoad = page.waitForResponse((r) => r.url().includes('/hemicycle.svg'));
    await signIn(page, 'officer.lab.lewes', `/pact/${pact.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Names and seats');
    const text = await mainText(page);
    expect(text).not.toMatch(UUID_TEXT);
    expect(text).toContain('Proposed');
    expect(text).toContain('left)');
    // Who signed, by name and local party; the approvals still to come.
    const signatures = page.getByRole('table', { name: 'Who signed revision 1' });
    expect(await signatures.textContent()).toContain('Hastings LD Officer');
    expect(await signatures.textContent()).toContain('Hastings and Rye Liberal Democrats');
    const approvals = page.getByRole('table', { name: 'Approvals required to ratify' });
    expect(await approvals.textContent()).toMatch(/Labour, South East\s*Pending/);
    // Terms and seat impact by constituency name.
    const terms = page.getByRole('table', { name: /Stand-asides in revision 1/ });
    expect(await terms.textContent()).toContain('Hastings and Rye');
    expect(await terms.textContent()).toContain('Lewes');
    const seats = page.getByRole('table', { name: /What each stand-aside does to its seat/ });
    expect(await seats.locator('tbody tr').count()).toBe(2);
    expect(await seats.textContent()).toContain('Hastings and Rye');
    // The chart: an image of the page's own URL, served to this session as SVG.
    const chart = page.locator('figure.hemicycle img');
    expect(await chart.getAttribute('alt')).toMatch(/Parliament chart/);
    const loaded = await chartLoad;
    expect(loaded.status()).toBe(200);
    expect(loaded.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = await context.request.get(`/pact/${pact.id}/hemicycle.svg`);
    expect(svg.status()).toBe(200);
    expect(svg.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toContain('<svg');
    // The upper bound, when asked for, says so.
    await page.getByLabel('Vote transfers assumed').selectOption('upper-bound');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/transfers=upper-bound/);
    expect(await page.locator('#impact-heading + form + p').textContent()).toContain(
      'Upper bound, not a forecast',
    );
    await page.goto(`/pact/${pact.id}`);
    await expectAccessible(page);
    await screenshot(page, 'pact-page');
    await page.setViewportSize(PHONE);
    await expectAccessible(page);

    // Without a session: the sign-in page, for the page and for the chart.
    const stranger = await rig.person();
    const chartOut = await stranger.request.get(`/pact/${pact.id}/hemicycle.svg`, {
      maxRedirects: 0,
    });
    expect(chartOut.status()).toBe(303);
    expect(chartOut.headers().location).toMatch(/^\/sign-in\?next=/);
  }, 60_000);

  it('verifies the audit trail with htmx and without JavaScript', async () => {
    const pact = await proposed('Verified trail');
    const page = await (await rig.person()).newPage();
    await signIn(page, 'officer.lab.lewes', `/pact/${pact.id}`);
    const trail = page.getByRole('table', { name: /Audit events/ });
    expect(await trail.textContent()).toContain('Hastings LD Officer');
    expect(await trail.textContent()).toContain('Officer, Hastings and Rye Liberal Democrats');
    await page.getByRole('button', { name: 'Verify the trail' }).click();
    await page.waitForSelector('#verify-result .verify-result');
    expect(await page.locator('#verify-result').textContent()).toMatch(
      /The trail verified\.\s*All 2 events link up/,
    );
    expect(new URL(page.url()).pathname).toBe(`/pact/${pact.id}`);

    const noScript = await rig.browser.newContext({
      baseURL: rig.baseUrl,
      javaScriptEnabled: false,
    });
    try {
      const plain = await noScript.newPage();
      await signIn(plain, 'officer.lab.lewes', `/pact/${pact.id}`);
      await plain.getByRole('button', { name: 'Verify the trail' }).click();
      await plain.waitForURL((url) => url.pathname === `/pact/${pact.id}/verify`);
      expect(await plain.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Audit trail check',
      );
      expect(await mainText(plain)).toMatch(/The trail verified\.\s*All 2 events/);
    } finally {
      await noScript.close();
    }
    // axe needs JavaScript: the same full page, checked in the scripted browser.
    await page.goto(`/pact/${pact.id}/verify`);
    expect(await mainText(page)).toMatch(/The trail verified\.\s*All 2 events/);
    await expectAccessible(page);

    // Someone with database rights edits the proposal's event: the check says where it breaks.
    await rig.t.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query(
        `UPDATE audit_events SET payload = jsonb_set(payload, '{revision}', '7') WHERE pact_id = $1 AND seq = 2`,
        [pact.id],
      );
    });
    await page.goto(`/pact/${pact.id}`);
    await page.getByRole('button', { name: 'Verify the trail' }).click();
    await page.waitForSelector('#verify-result .verify-result');
    expect(await page.locator('#verify-result').textContent()).toMatch(
      /The trail did not verify\.\s*2 events checked; the chain breaks at event 2: an event was changed after it was written\./,
    );
  }, 60_000);

  it('confirms the exact revision, and a stale signature changes nothing', async () => {
    const pact = await proposed('Stale signature');
    const page = await (await rig.person()).newPage();
    await signIn(page, 'officer.lab.lewes', `/pact/${pact.id}`);
    await page.getByRole('link', { name: 'Sign revision 1' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${pact.id}/sign`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign revision 1?');
    expect(await page.locator('code.hash').textContent()).toBe(pact.revision.hash);
    await expectAccessible(page);
    await screenshot(page, 'pact-sign-confirm');

    // Meanwhile the Hastings Lib Dems counter: revision 2, without the Lewes stand-aside.
    const counter = await post(
      rig.t,
      tokenIn(tokens, 'officer.ld.hastings'),
      `/api/pacts/${pact.id}/counter`,
      {
        baseRevision: 1,
        terms: {
          standAsides: [HASTINGS_FOR_LEWES.standAsides[0]],
          commitments: [{ party: 'lab', text: 'A joint leaflet in Hastings' }],
        },
      },
    );
    expect(counter.status).toBe(200);
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Sign revision 1' }).click();
    expect((await response).status()).toBe(409);
    await page.waitForSelector('.error-summary');
    expect(await page.locator('.error-summary').textContent()).toContain(
      'The terms changed while you were reading: revision 2 is now current. Read it, then sign again.',
    );
    expect(await page.locator('dl.facts').textContent()).toMatch(/Current revision\s*2/);
    const after = await pactNow(pact.id);
    expect(after.currentRevision).toBe(2);
    expect(after.status).toBe('proposed');
    expect(after.signatures).toHaveLength(1);

    // The diff between the two revisions, in words and a table.
    await page.getByRole('button', { name: 'Show the changes' }).click();
    await page.waitForURL((url) => url.pathname === `/pact/${pact.id}/revisions`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Changes from revision 1 to revision 2',
    );
    const words = await page.locator('.diff-words').textContent();
    expect(words).toContain(
      'Removed: Labour no longer stand aside in Lewes (it was for Liberal Democrats).',
    );
    expect(words).toContain('Commitment added for Labour: “A joint leaflet in Hastings”');
    const table = page.getByRole('table', { name: /Stand-asides: revision 1/ });
    expect(await table.textContent()).toMatch(/Removed\s*Lewes\s*Labour\s*Liberal Democrats/);
    expect(await mainText(page)).not.toMatch(UUID_TEXT);
    await expectAccessible(page);
    await screenshot(page, 'pact-diff');
  }, 60_000);

  it('signs by keyboard alone, is approved by both coordinators and gives its certificate', async () => {
    const pact = await proposed('Keyboard & Approval');
    const page = await (await rig.person()).newPage();
    await signIn(page, 'officer.lab.lewes', `/pact/${pact.id}`);
    await tabTo(page, 'Sign revision 1');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/pact/${pact.id}/sign`);
    await tabTo(page, 'Sign revision 1');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.search === '?done=signed');
    expect(await page.locator('.success').textContent()).toBe('You signed the current revision.');
    expect((await pactNow(pact.id)).status).toBe('signed');

    for (const coordinator of ['coord.lab.southeast', 'coord.ld.southeast']) {
      const coord = await (await rig.person()).newPage();
      await signIn(coord, coordinator, `/pact/${pact.id}`);
      await coord.getByRole('link', { name: 'Approve revision 1' }).click();
      expect(await coord.locator('code.hash').textContent()).toBe(pact.revision.hash);
      await coord.getByRole('button', { name: 'Approve revision 1' }).click();
      await coord.waitForURL((url) => url.search === '?done=approved');
    }
    expect((await pactNow(pact.id)).status).toBe('ratified');

    await page.goto(`/pact/${pact.id}`);
    const approvals = page.getByRole('table', { name: 'Approvals required to ratify' });
    expect(await approvals.textContent()).toContain('Labour South East Coordinator');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the certificate' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('keyboard-and-approval-certificate.json');

    // A Green member may not see it: the same 404 page as for no pact at all.
    const green = await (await rig.person()).newPage();
    await signIn(green, 'member.green');
    const hidden = await green.goto(`/pact/${pact.id}`);
    expect(hidden?.status()).toBe(404);
    expect(await green.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    const hiddenChart = await green.request.get(`/pact/${pact.id}/hemicycle.svg`);
    expect(hiddenChart.status()).toBe(404);
  }, 90_000);

  it('ends a pact with a reason and gives a refused one back in words', async () => {
    const pact = await proposed('Declined with reason');
    const page = await (await rig.person(PHONE)).newPage();
    await signIn(page, 'officer.lab.lewes', `/pact/${pact.id}`);
    // A blank reason (as a browser without `required` would send it): refused in words.
    const blank = await page.request.post(`/pact/${pact.id}/decline`, {
      form: {
        _csrf: (await page.locator('input[name=_csrf]').first().getAttribute('value')) ?? '',
        reason: '',
      },
    });
    expect(blank.status()).toBe(400);
    const blankPage = await blank.text();
    expect(blankPage).toContain('Reason: give a reason of 1 to 2,000 characters.');
    expect(blankPage).toContain('<details class="end-form" open>');
    expect((await pactNow(pact.id)).status).toBe('proposed');
    await page.getByText('Decline this pact…').click();
    await page.getByLabel('Why do you decline it?').fill('Our members voted against the swap');
    await page.getByRole('button', { name: 'Decline', exact: true }).click();
    await page.waitForURL((url) => url.search === '?done=declined');
    expect(await page.locator('.success').textContent()).toBe('You declined this pact.');
    expect((await pactNow(pact.id)).status).toBe('declined');
    expect(await page.getByRole('table', { name: /Audit events/ }).textContent()).toContain(
      'declined',
    );
    const csrf = (await page.locator('input[name=_csrf]').first().getAttribute('value')) ?? '';
    // Declining again: the state moved on; the page says so (409) instead of failing.
    const again = await page.request.post(`/pact/${pact.id}/decline`, {
      form: { _csrf: csrf, reason: 'twice' },
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('Someone got there first');
  }, 60_000);
});
