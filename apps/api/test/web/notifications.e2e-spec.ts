// Issue 13 in a real browser, with no SMTP server (the default rig: mail is kept for the
// development mailbox): the Lewes officer hears of a proposal in the header badge and the inbox,
// opens the pact from it, marks all read, chooses email per kind; the mailbox shows the mail with
// a working link; the admin replays a dead delivery. Every new page: axe, phone and desktop, keyboard.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  PHONE,
  expectAccessible,
  expectKeyboardReachable,
  screenshot,
  signIn,
  useBrowserRig,
} from '../support/browser.js';
import { demoTokens, tokenIn, proposeHastingsForLewes } from '../support/pacts.js';
import { MailDeliveryService } from '../../src/notifications/mail-delivery.service.js';

const rig = useBrowserRig();
const LEWES = 'officer.lab.lewes@pactroom.test';
let tokens: Record<string, string>;
let lewesId = '';

beforeAll(async () => {
  tokens = await demoTokens(rig.t, ['officer.ld.hastings']);
  const [row] = await rig.t.dataSource.query<{ id: string }[]>(
    'SELECT id FROM users WHERE email = $1',
    [LEWES],
  );
  lewesId = row?.id ?? '';
}, 60_000);

/** Hastings-for-Lewes proposed by the Hastings Lib Dems over the API; its id. */
async function proposed(title: string): Promise<string> {
  const res = await proposeHastingsForLewes(rig.t, tokenIn(tokens, 'officer.ld.hastings'), {
    title,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Waits until the fan-out (a pg-boss job) has put `count` items in the Lewes officer's inbox. */
async function inboxHolds(count: number): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const [row] = await rig.t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM inbox_items WHERE user_id = $1',
      [lewesId],
    );
    if ((row?.n ?? 0) >= count) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the inbox never held ${count} items`);
}

async function checked(page: Page, kind: string, mode: string): Promise<boolean> {
  return page.getByRole('group', { name: kind }).getByLabel(mode).isChecked();
}

describe('notifications in the browser', () => {
  let pactId = '';

  it('shows the proposal in the badge and the inbox, opens the pact, marks all read', async () => {
    pactId = await proposed('Hastings for Lewes');
    await proposed('Rye for Brighton');
    await inboxHolds(2);
    const page = await (await rig.person(DESKTOP)).newPage();
    await signIn(page, 'officer.lab.lewes');
    await page.getByRole('link', { name: 'Inbox 2 unread' }).click();
    await page.waitForURL('**/inbox');
    await expect(page.getByRole('heading', { level: 1, name: 'Inbox' }).isVisible()).resolves.toBe(
      true,
    );
    const first = page.locator('.inbox-item', { hasText: '“Hastings for Lewes”' });
    expect(await first.textContent()).toContain(
      'Hastings LD Officer (Hastings and Rye Liberal Democrats) proposed “Hastings for Lewes” (revision 1) to your local party.',
    );
    expect(await first.getByText('Unread', { exact: true }).isVisible()).toBe(true);
    await expectAccessible(page);
    await expectKeyboardReachable(page);

    await first.getByRole('button', { name: 'Hastings for Lewes', exact: true }).click();
    await page.waitForURL(`**/pact/${pactId}`);
    expect(await page.getByRole('link', { name: 'Inbox 1 unread' }).count()).toBe(1);

    await page.goto('/inbox');
    expect(await page.getByText('1 unread notification.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByText('Every notification is marked as read.').waitFor();
    expect(await page.locator('[data-inbox-badge]').isHidden()).toBe(true);
    expect(await page.getByText('No unread notifications.').isVisible()).toBe(true);

    // Live: a new proposal appears in the open inbox without a reload.
    await proposed('Bexhill for Eastbourne');
    await page.locator('.inbox-item.unread', { hasText: 'Bexhill for Eastbourne' }).waitFor();
    await page.locator('[data-inbox-count]', { hasText: '1' }).waitFor();
    await expectAccessible(page);

    // Not under the person's hands: with focus in the list, it is left alone and a notice says so.
    await page.getByRole('button', { name: /^Mark read/ }).focus();
    await proposed('Seaford for Newhaven');
    await page.locator('[data-inbox-count]', { hasText: '2' }).waitFor();
    await page.locator('#live-notice').waitFor({ state: 'visible' });
    expect(await page.locator('#inbox-list').textContent()).not.toContain('Seaford for Newhaven');
    expect(
      await page.evaluate('document.activeElement && document.activeElement.textContent'),
    ).toMatch(/^Mark read/);
  });

  it('saves email choices per kind, shown as saved', async () => {
    const page = await (await rig.person(PHONE)).newPage();
    await signIn(page, 'officer.lab.lewes');
    await page.getByRole('link', { name: 'Email settings' }).click();
    await page.waitForURL('**/account/notifications');
    expect(await page.title()).toBe('Email notifications · Pactroom');
    expect(await checked(page, 'The other side counters', 'Immediately')).toBe(true);
    await expectAccessible(page);
    await expectKeyboardReachable(page);
    await page
      .getByRole('group', { name: 'The other side counters' })
      .getByLabel('Daily digest')
      .check();
    await page
      .getByRole('group', { name: 'A pact is proposed to your local party' })
      .getByLabel('Off')
      .check();
    await page.getByRole('button', { name: 'Save email notifications' }).click();
    await page.getByText('Your email notifications are saved.').waitFor();
    await page.reload();
    expect(await checked(page, 'The other side counters', 'Daily digest')).toBe(true);
    expect(await checked(page, 'A pact is proposed to your local party', 'Off')).toBe(true);
    expect(await checked(page, 'A pact is withdrawn', 'Immediately')).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'notifications');
  });

  it('keeps the mail in the development mailbox with a working link to the pact', async () => {
    const page = await (await rig.person(DESKTOP)).newPage();
    await signIn(page, 'officer.lab.lewes');
    await page.goto('/mailbox');
    expect(
      await page
        .getByText('Development mailbox — mail is kept here because no SMTP server is configured')
        .isVisible(),
    ).toBe(true);
    await page.getByLabel('Show mail to').fill(LEWES);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/\/mailbox\?to=/);
    await expectAccessible(page);
    await expectKeyboardReachable(page);
    await page.getByRole('link', { name: 'Proposed to you: Hastings for Lewes' }).click();
    await page.waitForURL(/\/mailbox\/[0-9a-f-]{36}$/);
    expect(await page.locator('.mail-text').textContent()).toContain('Dear Lewes Labour Officer,');
    await expectAccessible(page);
    await expectKeyboardReachable(page);
    await page
      .locator('.mail-text')
      .getByRole('link', { name: new RegExp(`/pact/${pactId}$`) })
      .click();
    await page.waitForURL(`**/pact/${pactId}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Hastings for Lewes',
    );
  });

  it('lets the admin replay a dead delivery, which then reaches the mailbox', async () => {
    // No SMTP server here, so no delivery dies by itself: the test kills one in the database,
    // as the dead-letter handler would after the last failed retry.
    const [delivery] = await rig.t.dataSource
      .query<{ id: string }[]>(
        `UPDATE email_deliveries SET status = 'dead', attempts = 14,
              last_error = '451 mailbox temporarily unavailable (set by the test)'
        WHERE id = (SELECT id FROM email_deliveries WHERE to_address = $1 AND kind = 'pact.proposed'
                    AND status = 'sent' ORDER BY created_at LIMIT 1)
        RETURNING id`,
        [LEWES],
      )
      .then((r: unknown) => (r as [{ id: string }[], number])[0]);
    expect(delivery?.id).toBeDefined();
    const mailCount = async () =>
      (
        await rig.t.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM outgoing_mail WHERE to_address = $1',
          [LEWES],
        )
      )[0]?.n ?? 0;
    const before = await mailCount();

    const page = await (await rig.person(DESKTOP)).newPage();
    await signIn(page, 'admin', '/admin');
    await page.getByRole('link', { name: 'Email deliveries' }).click();
    await page.waitForURL('**/admin/deliveries');
    const row = page.getByRole('row', { name: new RegExp(LEWES.replace(/\./g, '\\.')) });
    expect(await row.textContent()).toContain('451 mailbox temporarily unavailable');
    await expectAccessible(page);
    await expectKeyboardReachable(page);
    await row.getByRole('button', { name: /^Replay/ }).click();
    await page.getByText('The delivery is queued again').waitFor();
    for (let i = 0; i < 100 && (await mailCount()) === before; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await mailCount()).toBe(before + 1);
    await page.goto(`/mailbox?to=${encodeURIComponent(LEWES)}`);
    expect(
      await page.getByRole('link', { name: 'Proposed to you: Hastings for Lewes' }).count(),
    ).toBe(2);
  });

  it('passes axe and the keyboard on every new page, phone and desktop', async () => {
    const token = rig.t.app.get(MailDeliveryService).unsubscribe.issue(lewesId, 'pact.expiring');
    const [mail] = await rig.t.dataSource.query<{ id: string }[]>(
      'SELECT id FROM outgoing_mail ORDER BY created_at DESC LIMIT 1',
    );
    for (const viewport of [PHONE, DESKTOP]) {
      const lewes = await (await rig.person(viewport)).newPage();
      await signIn(lewes, 'officer.lab.lewes');
      const admin = await (await rig.person(viewport)).newPage();
      await signIn(admin, 'admin');
      const visitor = await (await rig.person(viewport)).newPage();
      const pages: [Page, string][] = [
        [lewes, '/inbox'],
        [lewes, '/account/notifications'],
        [visitor, '/mailbox'],
        [visitor, `/mailbox/${mail?.id ?? ''}`],
        [admin, '/admin/deliveries'],
        [visitor, `/unsubscribe/${token}`],
      ];
      for (const [page, path] of pages) {
        const res = await page.goto(path);
        expect(res?.status()).toBe(200);
        if (viewport === PHONE && path === '/inbox') {
          await screenshot(page, 'inbox');
        }
        if (viewport === DESKTOP && path === '/account/notifications') {
          await screenshot(page, 'notifications-desktop');
        }
        await expectAccessible(page);
        await expectKeyboardReachable(page);
      }
      if (viewport === DESKTOP) {
        await visitor.getByRole('button', { name: 'Stop these emails' }).click();
        await visitor.getByText('Done — you will get no more emails').waitFor();
        await expectAccessible(visitor);
      }
    }
    const [pref] = await rig.t.dataSource.query<{ mode: string }[]>(
      `SELECT mode FROM notification_preferences WHERE user_id = $1 AND kind = 'pact.expiring'`,
      [lewesId],
    );
    expect(pref?.mode).toBe('off');
  });
});
