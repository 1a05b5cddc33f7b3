import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateSecret } from '@pactroom/webhooks';
import { WebhookSender } from '../../src/webhooks/webhook-sender.js';
import { WebhooksService } from '../../src/webhooks/webhooks.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  HASTINGS_FOR_LEWES,
  demoTokens,
  get,
  inAMonth,
  localPartyId,
  post,
  tokenIn,
} from '../support/pacts.js';
import { startReceiver } from './receiver.js';

// Delivery to a receiver on loopback (allow-listed), which verifies every signature with the
// webhooks lib. Each test proposes a pact; the fan-out owes its outbox event to the endpoints
// (deliveriesFor + notify.webhook jobs, in the fan-out's transaction).
const TIMEOUT_MS = 1000;
let t: TestApp;
let tokens: Record<string, string>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let ldHastings: string;
let labLewes: string;

const coordinator = () => tokenIn(tokens, 'coord.lab.southeast');

interface Hook {
  id: string;
  secret: string;
}

interface Delivery {
  id: string;
  eventId: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  log: { attempt: number; statusCode: number | null; error: string | null; durationMs: number }[];
}

beforeAll(async () => {
  receiver = await startReceiver({
    '/flaky': [500, 200],
    '/redirect': [302],
    '/slow': ['none'],
    '/rotating': [200],
    '/green': [200],
  });
  t = await createTestApp({
    demo: true,
    env: {
      PACTROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      PACTROOM_RETRY_DELAY_SECONDS: '1',
      PACTROOM_RETRY_LIMIT: '1',
      PACTROOM_WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
    },
  });
  tokens = await demoTokens(t, [
    'coord.lab.southeast',
    'coord.ld.southeast',
    'coord.green.southeast',
    'officer.ld.hastings',
    'officer.lab.lewes',
    'admin',
  ]);
  ldHastings = await localPartyId(t, 'Hastings and Rye Liberal Democrats');
  labLewes = await localPartyId(t, 'Lewes Labour');
});

afterAll(async () => {
  await t.close();
  await receiver.close();
});

async function register(path: string, token = coordinator()): Promise<Hook> {
  const res = await post(t, token, '/api/webhooks', {
    url: receiver.url(path),
    description: `receiver ${path}`,
  });
  expect(res.status).toBe(201);
  return res.body as Hook;
}

async function disable(hook: Hook): Promise<void> {
  expect((await post(t, coordinator(), `/api/webhooks/${hook.id}/disable`)).status).toBe(200);
}

/** A new proposed pact, once the fan-out has owed its outbox event to the endpoints. */
async function newEventDelivered(): Promise<{ eventId: string; deliveryIds: string[] }> {
  const created = await post(t, tokenIn(tokens, 'officer.ld.hastings'), '/api/pacts', {
    title: `Hastings for Lewes ${randomBytes(3).toString('hex')}`,
    election: 'ge2017',
    localParties: [ldHastings, labLewes],
    terms: HASTINGS_FOR_LEWES,
    respondBy: inAMonth(),
    propose: true,
  });
  expect(created.status).toBe(201);
  const pactId = (created.body as { id: string }).id;
  const events: { id: string }[] = await t.dataSource.query(
    `SELECT id FROM notification_events WHERE pact_id = $1 AND kind = 'pact.proposed'`,
    [pactId],
  );
  const eventId = events[0]?.id ?? '';
  const deliveryIds = await until('the fan-out', async () => {
    const done: { fanned: Date | null }[] = await t.dataSource.query(
      `SELECT fanned_out_at AS fanned FROM notification_events WHERE id = $1`,
      [eventId],
    );
    if (!done[0]?.fanned) {
      return undefined;
    }
    const rows: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM webhook_deliveries WHERE event_id = $1 ORDER BY created_at`,
      [eventId],
    );
    return rows.map((r) => r.id);
  });
  return { eventId, deliveryIds };
}

async function deliveriesOf(hook: Hook, token = coordinator()): Promise<Delivery[]> {
  const res = await get(t, token, `/api/webhooks/${hook.id}/deliveries`);
  expect(res.status).toBe(200);
  return (res.body as { items: Delivery[] }).items;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 25_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const at = (path: string) => receiver.received.filter((r) => r.path === path);

describe('webhook delivery', () => {
  it('retries a 500 with the same webhook-id, delivers once, logs 500 then 200', async () => {
    const hook = await register('/flaky');
    expect(hook.secret).toMatch(/^whsec_/);
    const green = await register('/green', tokenIn(tokens, 'coord.green.southeast'));
    const { eventId, deliveryIds } = await newEventDelivered();
    // The Greens of the South East may not see a Lib Dem–Labour pact: nothing is owed to them.
    expect(deliveryIds).toHaveLength(1);
    const [delivery] = await until('the delivery', async () => {
      const list = await deliveriesOf(hook);
      return list[0]?.status === 'delivered' ? list : undefined;
    });
    expect(delivery).toMatchObject({ eventId, attempts: 2, lastStatusCode: 200 });
    expect(delivery?.log.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    const requests = at('/flaky');
    expect(requests.map((r) => r.answered)).toEqual([500, 200]);
    for (const r of requests) {
      expect(receiver.verifies(r, hook.secret)).toBe(true);
      expect(r.headers['webhook-id']).toBe(eventId);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['user-agent']).toBe('Pactroom-Webhooks/1');
    }
    expect(at('/green')).toHaveLength(0);
    const body = JSON.parse(requests[1]?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      id: eventId,
      type: 'pact.proposed',
      pact: {
        status: 'proposed',
        election: 'ge2017',
        url: expect.stringMatching(/\/pact\/[0-9a-f-]{36}$/),
        revision: 1,
        participants: expect.arrayContaining([
          { localParty: 'Lewes Labour', party: 'lab' },
          { localParty: 'Hastings and Rye Liberal Democrats', party: 'ld' },
        ]),
      },
      // A Lib Dem officer acted: Labour's systems learn the local party, not the person.
      actor: { localParty: 'Hastings and Rye Liberal Democrats', party: 'ld' },
    });
    expect(requests[1]?.body).not.toMatch(/@|E14000735|standAsides/);

    // Idempotent: owing it again creates nothing; a duplicate job sends nothing.
    const again = await t.dataSource.transaction((m) =>
      t.app.get(WebhooksService).deliveriesFor(m, eventId),
    );
    expect(again).toEqual([]);
    await t.app.get(WebhookSender).deliver(delivery?.id ?? '');
    expect(at('/flaky')).toHaveLength(2);

    // Resend: a new attempt with the same webhook-id.
    const resent = await post(t, coordinator(), `/api/webhooks/deliveries/${delivery?.id}/resend`);
    expect(resent.status).toBe(202);
    await until('the resend', () => (at('/flaky').length === 3 ? true : undefined));
    expect(at('/flaky')[2]?.headers['webhook-id']).toBe(eventId);
    const log = await until('the resend logged', async () => {
      const [d] = await deliveriesOf(hook);
      return d?.attempts === 3 && d.status === 'delivered' ? d.log : undefined;
    });
    expect(log.map((a) => a.statusCode)).toEqual([500, 200, 200]);
    await disable(hook);
    await disable(green).catch(() => undefined);
  });

  it('shows a webhook only to its (party, region) and admins: others get 404', async () => {
    const hook = await register('/green');
    const [delivery] = await deliveriesOf(hook);
    const ld = tokenIn(tokens, 'coord.ld.southeast');
    for (const path of [`/api/webhooks/${hook.id}`, `/api/webhooks/${hook.id}/deliveries`]) {
      const res = await get(t, ld, path);
      expect([path, res.status, (res.body as { code: string }).code]).toEqual([
        path,
        404,
        'WEBHOOK_NOT_FOUND',
      ]);
    }
    for (const action of ['rotate-secret', 'disable']) {
      const res = await post(t, ld, `/api/webhooks/${hook.id}/${action}`);
      expect([action, res.status]).toEqual([action, 404]);
    }
    const list = await get(t, ld, '/api/webhooks');
    expect((list.body as { items: { id: string }[] }).items.map((w) => w.id)).not.toContain(
      hook.id,
    );
    const officer = await get(t, tokenIn(tokens, 'officer.lab.lewes'), '/api/webhooks');
    expect(officer.status).toBe(403);
    const admin = await get(t, tokenIn(tokens, 'admin'), `/api/webhooks/${hook.id}`);
    expect(admin.status).toBe(200);
    expect(admin.body).not.toHaveProperty('secret');
    expect(delivery).toBeUndefined();
    await disable(hook);
  });

  it('signs with both secrets during a rotation; each verifies', async () => {
    const hook = await register('/rotating');
    const rotated = await post(t, coordinator(), `/api/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const fresh = (rotated.body as Hook & { activeSecrets: number }).secret;
    expect(fresh).not.toBe(hook.secret);
    expect(rotated.body).toMatchObject({ activeSecrets: 2 });
    await newEventDelivered();
    const [request] = await until('the rotated delivery', () =>
      at('/rotating').length > 0 ? at('/rotating') : undefined,
    );
    expect(String(request?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    if (!request) {
      throw new Error('no request');
    }
    expect(receiver.verifies(request, hook.secret)).toBe(true);
    expect(receiver.verifies(request, fresh)).toBe(true);
    expect(receiver.verifies(request, generateSecret(randomBytes(32)))).toBe(false);
    await disable(hook);
  });

  it('does not follow a 302: a failure, retried, then dead; an admin replays it', async () => {
    const hook = await register('/redirect');
    await newEventDelivered();
    const [dead] = await until('the dead letter', async () => {
      const list = await deliveriesOf(hook);
      return list[0]?.status === 'dead' ? list : undefined;
    });
    expect(dead).toMatchObject({ attempts: 2, lastStatusCode: 302 });
    expect(dead?.lastError).toContain('not followed');
    expect(receiver.received.filter((r) => r.path === '/elsewhere')).toHaveLength(0);
    const admin = tokenIn(tokens, 'admin');
    const deadList = await get(t, admin, '/api/webhooks/deliveries/dead');
    expect((deadList.body as { items: { id: string }[] }).items.map((d) => d.id)).toContain(
      dead?.id,
    );
    const replay = await post(t, admin, `/api/webhooks/deliveries/${dead?.id}/resend`);
    expect(replay.status).toBe(202);
    await until('the replay', () => (at('/redirect').length >= 3 ? true : undefined));
    expect(new Set(at('/redirect').map((r) => r.headers['webhook-id'])).size).toBe(1);
    await disable(hook);
  });

  it('gives up on a receiver that never answers after the timeout', async () => {
    const hook = await register('/slow');
    await newEventDelivered();
    const [delivery] = await until('the timed-out attempt', async () => {
      const list = await deliveriesOf(hook);
      return (list[0]?.attempts ?? 0) >= 1 ? list : undefined;
    });
    const attempt = delivery?.log[0];
    expect(attempt?.statusCode).toBeNull();
    expect(attempt?.error).toBe(`timed out after ${TIMEOUT_MS} ms`);
    expect(attempt?.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(attempt?.durationMs).toBeLessThan(TIMEOUT_MS + 1500);
    await disable(hook);
  });
  it('checks the address again at send time: a name now resolving to loopback is refused', async () => {
    const hook = await register('/rebound');
    // As if DNS had been re-pointed after registration: the stored host now resolves to
    // loopback and is not on the allow-list (127.0.0.1 is; the name localhost is not).
    const port = new URL(receiver.url('/')).port;
    await t.dataSource.query('UPDATE webhook_endpoints SET url = $2 WHERE id = $1', [
      hook.id,
      `http://localhost:${port}/rebound`,
    ]);
    await newEventDelivered();
    const [delivery] = await until('the refused attempt', async () => {
      const list = await deliveriesOf(hook);
      return (list[0]?.attempts ?? 0) >= 1 ? list : undefined;
    });
    expect(delivery?.log[0]?.statusCode).toBeNull();
    expect(delivery?.log[0]?.error).toMatch(
      /^refused: localhost now resolves to the forbidden address (127\.0\.0\.1|::1)$/,
    );
    expect(at('/rebound')).toHaveLength(0);
    await disable(hook);
  });
});
