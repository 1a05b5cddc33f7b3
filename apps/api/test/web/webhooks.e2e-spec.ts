// Webhook pages in a real browser: a coordinator registers a webhook (a private address refused
// beside the field), sees the secret once, reads the delivery log (500 then 200) and resends; an
// admin replays a dead delivery; another party's coordinator gets the 404 page.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  expectAccessible,
  expectKeyboardReachable,
  PHONE,
  screenshot,
  useBrowserRig,
} from '../support/browser.js';
import { demoTokens, proposeHastingsForLewes } from '../support/pacts.js';
import { startReceiver } from '../webhooks/receiver.js';

const rig = useBrowserRig({
  PACTROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  PACTROOM_RETRY_DELAY_SECONDS: '1',
  PACTROOM_RETRY_LIMIT: '1',
});
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let officerToken = '';

beforeAll(async () => {
  receiver = await startReceiver({ '/crm': [500, 200], '/moved': [302] });
  officerToken = (await demoTokens(rig.t, ['officer.ld.hastings']))['officer.ld.hastings'] ?? '';
}, 60_000);

afterAll(async () => {
  await receiver.close();
});

/** A new proposed pact, owed to the webhooks as the notification fan-out will do it. */
async function newEvent(): Promise<void> {
  const t = rig.t;
  const created = await proposeHastingsForLewes(t, officerToken, {
    title: `Hastings for Lewes ${randomBytes(3).toString('hex')}`,
  });
  expect(created.status).toBe(201);
  const [event]: { id: string }[] = await t.dataSource.query(
    'SELECT id FROM notification_events WHERE pact_id = $1',
    [(created.body as { id: string }).id],
  );
  // The fan-out owes the event to the endpoints (and queues their deliveries) by itself.
  await until('the fan-out', async () => {
    const rows = await t.dataSource.query<{ fanned: Date | null }[]>(
      'SELECT fanned_out_at AS fanned FROM notification_events WHERE id = $1',
      [event?.id],
    );
    return Boolean(rows[0]?.fanned);
  });
}

async function until(what: string, probe: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await probe())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function deliveryStatuses(): Promise<string[]> {
  const rows = await rig.t.dataSource.query<{ status: string }[]>(
    'SELECT status FROM webhook_deliveries ORDER BY created_at',
  );
  return rows.map((r) => r.status);
}

let hookPath = '';

describe('webhook pages', () => {
  it('registers a webhook, refusing a private address, and shows the secret once', async () => {
    const page = await rig.signedInPage('coord.lab.southeast', '/hooks');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Webhooks');
    await expectAccessible(page);
    await page.getByLabel('URL').fill('https://10.0.0.1/x');
    await page.getByRole('button', { name: 'Register webhook' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.locator('#url-error').textContent()).toContain('10.0.0.1');
    expect(await page.getByLabel('URL').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    await page.getByLabel('URL').fill(receiver.url('/crm'));
    await page.getByLabel('Description (optional)').fill('Regional CRM');
    await page.getByRole('button', { name: 'Register webhook' }).click();
    await page.waitForSelector('h1:has-text("Your signing secret")');
    const secret = await page.getByLabel(/Secret for/).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible(page);
    await screenshot(page, 'webhook-secret');
    await page.getByRole('link', { name: 'Go to the webhook' }).click();
    await page.waitForSelector('h1:has-text("Regional CRM")');
    hookPath = new URL(page.url()).pathname;
    expect(await page.content()).not.toContain(secret.slice(6));
    await page.goto('/hooks');
    expect(await page.content()).not.toContain(secret.slice(6));
    expect(await page.locator('table.webhooks').textContent()).toContain('Labour, South East');
  });

  it('shows the delivery log (500 then 200) and resends on a phone, by keyboard', async () => {
    await newEvent();
    await until('the delivery', async () => (await deliveryStatuses()).includes('delivered'));
    const page = await rig.signedInPage('coord.lab.southeast', hookPath, PHONE);
    const log = page.locator('table.deliveries');
    expect(await log.textContent()).toContain('pact.proposed');
    expect(await log.textContent()).toContain('Delivered');
    const attempts = await log.locator('ol.attempts li').allTextContents();
    expect(attempts.map((a) => /: (\d{3})[, ]/.exec(a)?.[1])).toEqual(['500', '200']);
    expect(attempts[0]).toContain('answered HTTP 500');
    await expectAccessible(page);
    await expectKeyboardReachable(page);
    await screenshot(page, 'webhook-log');
    await page.getByRole('button', { name: /^Resend pact\.proposed/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.success');
    expect(await page.locator('.success').textContent()).toContain('sent again');
    await until(
      'the resend',
      () => receiver.received.filter((r) => r.path === '/crm').length === 3,
    );
  });

  it('lets an admin replay a dead delivery', async () => {
    const t = rig.t;
    // Another webhook of the same party and region that answers with a redirect: never followed.
    const [lab] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM webhook_endpoints`);
    await t.dataSource.query(`UPDATE webhook_endpoints SET disabled_at = now() WHERE id = $1`, [
      lab?.id,
    ]);
    const page = await rig.signedInPage('admin', '/hooks');
    await page.getByLabel('URL').fill(receiver.url('/moved'));
    await page.getByLabel('Party').selectOption({ label: 'Labour' });
    await page.getByLabel('Region').selectOption({ label: 'South East' });
    await page.getByRole('button', { name: 'Register webhook' }).click();
    await page.waitForSelector('h1:has-text("Your signing secret")');
    await newEvent();
    await until('the dead letter', async () => (await deliveryStatuses()).includes('dead'));
    await page.goto('/hooks');
    const dead = page.locator('table.dead-deliveries');
    expect(await dead.textContent()).toContain('302');
    expect(await dead.textContent()).toContain('not followed');
    await expectAccessible(page);
    await page.getByRole('button', { name: /^Replay pact\.proposed/ }).click();
    await page.waitForSelector('.success');
    await until(
      'the replay',
      () => receiver.received.filter((r) => r.path === '/moved').length === 3,
    );
  });

  it('answers 404 to another party’s coordinator and refuses members', async () => {
    const ld = await rig.signedInPage('coord.ld.southeast', '/hooks');
    expect(await ld.locator('table.webhooks').count()).toBe(0);
    const response = await ld.goto(hookPath);
    expect(response?.status()).toBe(404);
    const member = await rig.signedInPage('member.lab', '/');
    expect(await member.locator('nav').textContent()).not.toContain('Webhooks');
    const refused = await member.goto('/hooks');
    expect(refused?.status()).toBe(403);
  });
});
