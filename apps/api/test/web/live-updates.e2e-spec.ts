// Live updates in a real browser: a page left open shows what another person does without a
// reload — the pact page's signatures, status and trail, the desk's lists — announces it politely,
// never swaps a region the person is using (a notice says to reload instead), and stays accessible.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  expectAccessible,
  screenshot,
  signIn,
  useBrowserRig,
} from '../support/browser.js';
import { demoTokens, tokenIn, post, proposeHastingsForLewes } from '../support/pacts.js';

const rig = useBrowserRig();
let tokens: Record<string, string>;

beforeAll(async () => {
  tokens = await demoTokens(rig.t, ['officer.ld.hastings', 'officer.lab.lewes']);
}, 60_000);

interface PactBody {
  id: string;
  currentRevision: number;
  revision: { hash: string };
}

/** Hastings-for-Lewes proposed (and so signed) by the Hastings Lib Dems, over the API. */
async function proposed(title: string): Promise<PactBody> {
  const res = await proposeHastingsForLewes(rig.t, tokenIn(tokens, 'officer.ld.hastings'), {
    title,
  });
  expect(res.status).toBe(201);
  return res.body as PactBody;
}

/** Lewes Labour signs the pact's current revision, over the API. */
async function labSigns(pact: PactBody): Promise<void> {
  const res = await post(
    rig.t,
    tokenIn(tokens, 'officer.lab.lewes'),
    `/api/pacts/${pact.id}/sign`,
    {
      revision: pact.currentRevision,
      hash: pact.revision.hash,
    },
  );
  expect(res.status).toBe(200);
}

/** Marks the document, so that finding the mark later proves the page was never reloaded. */
async function mark(page: Page): Promise<void> {
  await page.evaluate('document.body.dataset.liveTest = "still here"');
}
async function expectNotReloaded(page: Page): Promise<void> {
  expect(await page.evaluate('document.body.dataset.liveTest')).toBe('still here');
}

/** Waits until the page's stream is open (the extension fires htmx:sseOpen once connected). */
async function streamOpen(page: Page): Promise<void> {
  await page.waitForFunction('window.__liveOpen === true');
}

/** Loads `path` and records when its live stream opens. */
async function openLive(page: Page, path: string): Promise<void> {
  await page.addInitScript(
    "document.addEventListener('htmx:sseOpen', () => { window.__liveOpen = true; });",
  );
  await page.goto(path);
  await streamOpen(page);
}

describe('live updates', () => {
  it('shows a signature on the open pact page and the desk without a reload', async () => {
    const pact = await proposed('Live Hastings for Lewes');
    const context = await rig.person(DESKTOP);
    const page = await context.newPage();
    await signIn(page, 'officer.ld.hastings');
    await openLive(page, `/pact/${pact.id}`);
    const desk = await context.newPage();
    await openLive(desk, '/');
    await mark(page);
    await mark(desk);
    const signatures = page.getByRole('table', { name: 'Who signed revision 1' });
    expect(await signatures.locator('tbody tr').count()).toBe(1);

    await labSigns(pact);

    // The pact page: the new signature, the status, the trail, and a polite line saying so.
    await signatures.locator('tbody tr', { hasText: 'Lewes Labour' }).waitFor();
    expect(await signatures.locator('tbody tr').count()).toBe(2);
    await page
      .locator('#live-status', { hasText: 'Updated: Lewes Labour signed revision 1.' })
      .waitFor();
    expect(await page.locator('#pact-facts .status').textContent()).toBe(
      'Signed, awaiting approval',
    );
    await page
      .getByRole('table', { name: /Audit events/ })
      .locator('tr', { hasText: 'signed' })
      .last()
      .waitFor();
    expect(await page.locator('#live-notice').isHidden()).toBe(true);
    await expectNotReloaded(page);
    await expectAccessible(page);
    await screenshot(page, 'live-pact-signed');

    // The desk: the card moved on, and the status line says what happened.
    const card = desk.locator('.card', { hasText: 'Live Hastings for Lewes' });
    await card.locator('.status', { hasText: 'Signed' }).waitFor();
    await desk.locator('#live-status', { hasText: 'Updated:' }).waitFor();
    await expectNotReloaded(desk);
    await expectAccessible(desk);
  });

  it('leaves a form the person is filling in alone and says the pact changed', async () => {
    const pact = await proposed('Live mid-edit');
    const page = await (await rig.person(DESKTOP)).newPage();
    await signIn(page, 'officer.ld.hastings');
    await openLive(page, `/pact/${pact.id}`);
    await page.getByText('Withdraw this pact…').click();
    await page.getByLabel('Why do you withdraw it?').fill('Our members voted against it');

    await labSigns(pact);

    await page.locator('#live-notice').waitFor({ state: 'visible' });
    expect(await page.locator('#live-notice').textContent()).toContain(
      'This pact changed while you were using this page.',
    );
    // What they typed is still there, and still has the focus; the rest of the page moved on.
    expect(await page.getByLabel('Why do you withdraw it?').inputValue()).toBe(
      'Our members voted against it',
    );
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'reason-withdraw',
    );
    await page
      .getByRole('table', { name: 'Who signed revision 1' })
      .locator('tbody tr', { hasText: 'Lewes Labour' })
      .waitFor();
    await expectAccessible(page);
  });

  it('only shows a notice on the counter form: what was typed stays', async () => {
    const pact = await proposed('Live counter');
    const page = await (await rig.person(DESKTOP)).newPage();
    await signIn(page, 'officer.ld.hastings');
    await openLive(page, `/pact/${pact.id}/counter`);
    await mark(page);
    const notice = page.locator(`[data-live-notice="pact-${pact.id}"]`);
    expect(await notice.isHidden()).toBe(true);
    const typed = page.locator('#pact-form input[type="text"]').first();
    await typed.fill('Lewes');

    await labSigns(pact);

    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toContain('What you typed stays here');
    expect(await typed.inputValue()).toBe('Lewes');
    await expectNotReloaded(page);
    await expectAccessible(page);
  });

  it('shows the header inbox count and updates it when an item arrives', async () => {
    const users: { id: string }[] = await rig.t.dataSource.query(
      "SELECT id FROM users WHERE email = 'officer.lab.lewes@pactroom.test'",
    );
    // The earlier tests' pacts left news in this inbox: read it all, so the badge starts hidden.
    await rig.t.dataSource.query('UPDATE inbox_items SET read_at = now() WHERE user_id = $1', [
      users[0]?.id,
    ]);
    const page = await (await rig.person(DESKTOP)).newPage();
    await signIn(page, 'officer.lab.lewes');
    await openLive(page, '/');
    const badge = page.locator('[data-inbox-badge]');
    expect(await badge.isHidden()).toBe(true);
    const before: { n: number }[] = await rig.t.dataSource.query(
      'SELECT count(*)::int AS n FROM inbox_items WHERE user_id = $1 AND read_at IS NULL',
      [users[0]?.id],
    );
    const eventId = crypto.randomUUID();
    await rig.t.dataSource.query(
      `INSERT INTO notification_events (id, kind, data, occurred_at) VALUES ($1, 'pact.signed', '{}', now())`,
      [eventId],
    );
    await rig.t.dataSource.query(
      `INSERT INTO inbox_items (id, user_id, event_id, kind, created_at) VALUES ($1, $2, $3, 'pact.signed', now())`,
      [crypto.randomUUID(), users[0]?.id, eventId],
    );
    const expected = String((before[0]?.n ?? 0) + 1);
    await page.locator('[data-inbox-count]', { hasText: expected }).waitFor();
    expect(await badge.isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: `Inbox ${expected} unread` }).count()).toBe(1);
    await expectAccessible(page);
    // A page loaded now renders the same count on the server.
    await page.reload();
    expect(await page.locator('[data-inbox-count]').textContent()).toBe(expected);
  });
});
