import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type pg from 'pg';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startReceiver } from '../webhooks/receiver.js';
import { createBody, demoSession, type DemoSession } from './support/pact-client.js';
import { call, FaultLab, waitFor, type ApiProcess } from './support/processes.js';

// Issue 13: kill -9 of the API while mail and webhooks are being delivered, then another process
// on the same database: every event reaches every recipient (nothing lost) and none twice (every
// Message-ID and webhook-id once among what the receivers acknowledged).

const TIMEOUT = 240_000;
const PACTS = 12;
const lab = new FaultLab();
let sink: SmtpSink;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let databaseUrl = '';
let db: pg.Client;
let api: ApiProcess;
let session: DemoSession;
let env: Record<string, string> = {};

beforeAll(async () => {
  sink = await startSmtpSink();
  // A slow mail server and webhook receiver keep deliveries in flight when the kill lands.
  sink.delay(150);
  receiver = await startReceiver({ '/crm': [] }, 150);
  env = {
    PACTROOM_SMTP_URL: sink.url,
    PACTROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    PACTROOM_RETRY_DELAY_SECONDS: '1',
    PACTROOM_JOB_EXPIRE_SECONDS: '4',
    PACTROOM_JOB_MAINTENANCE_SECONDS: '1',
  };
  const cluster = await lab.cluster();
  databaseUrl = await cluster.createDatabase('pactroom_notify_crash_test');
  api = await lab.api('api#0', databaseUrl, env);
  session = await demoSession(api);
  db = await lab.pg(databaseUrl);
}, TIMEOUT);

afterAll(async () => {
  await lab.dispose();
  await sink?.close();
  await receiver?.close();
}, TIMEOUT);

it(
  'loses and duplicates no mail or webhook when the API is killed mid-delivery',
  async () => {
    const hook = await call<{ id: string }>(api, 'POST', '/api/webhooks', {
      token: session.coordLab,
      body: { url: receiver.url('/crm'), description: 'Labour South East CRM' },
    });
    expect(hook.status).toBe(201);
    for (let i = 0; i < PACTS; i++) {
      const created = await call(api, 'POST', '/api/pacts', {
        token: session.ld,
        body: createBody(session, `Crash pact ${i}`),
      });
      expect(created.status).toBe(201);
    }
    // Kill once some, not all, mail has been acknowledged.
    await waitFor('the first mail', () => sink.mails.length >= 2, 60_000, 10);
    await api.kill9();
    const delivered = sink.mails.length;
    const requestsBeforeKill = receiver.received.length;
    expect(delivered).toBeLessThan(PACTS);

    api = await lab.api('api#1', databaseUrl, env);
    await waitFor(
      'every delivery to finish',
      async () => {
        const { rows } = await db.query<{ pending: number }>(
          `SELECT (SELECT count(*) FROM email_deliveries WHERE status <> 'sent')
                + (SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered')
                + (SELECT count(*) FROM notification_events WHERE fanned_out_at IS NULL) AS pending`,
        );
        return Number(rows[0]?.pending) === 0;
      },
      120_000,
      200,
    );
    // Mail: one per pact to Lewes Labour's officer, each Message-ID once.
    const mails = sink.mails.filter((m) => m.subject.startsWith('Proposed to you: Crash pact'));
    expect(new Set(mails.map((m) => m.subject)).size).toBe(PACTS);
    expect(mails).toHaveLength(PACTS);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(PACTS);
    // Webhooks: one event per pact reached the CRM under one webhook-id. A request the receiver
    // answered just as the sender was killed is sent again (the sender never saw the answer): the
    // same webhook-id, which is how a Standard Webhooks receiver recognises it; only a request
    // already in flight at the kill may repeat.
    const acked = receiver.received.filter((r) => r.answered === 200);
    const ids = acked.map((r) => String(r.headers['webhook-id']));
    expect(new Set(ids).size).toBe(PACTS);
    const inFlight = new Set(
      receiver.received.slice(0, requestsBeforeKill).map((r) => String(r.headers['webhook-id'])),
    );
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(repeated.filter((id) => !inFlight.has(id))).toEqual([]);
    process.stderr.write(
      `[notify-crash] killed after ${delivered}/${PACTS} mails; webhook requests ${receiver.received.length} (acknowledged ${acked.length})\n`,
    );
  },
  TIMEOUT,
);
