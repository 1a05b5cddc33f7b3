import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type pg from 'pg';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startReceiver } from '../webhooks/receiver.js';
import { createBody, demoSession, type DemoSession } from './support/pact-client.js';
import { call, FaultLab, sleep, waitFor, type ApiProcess } from './support/processes.js';

// Issue 13: kill -9 of the API while mail and webhooks are being delivered, then another process
// on the same database: every event reaches every recipient (nothing lost) under one Message-ID /
// webhook-id each; a delivery is repeated only if the receiver accepted it in the instant before
// the kill (then with the same id, which is how receivers recognise it).

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
    // What was in flight at the kill finishes arriving (the servers answer 150 ms late and parse
    // after that); anything arriving later was sent by the next process.
    await sleep(1_000);
    const mailsBeforeRestart = sink.mails.length;
    const requestsBeforeRestart = receiver.received.length;
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
    // Mail: one per pact to Lewes Labour's officer under one Message-ID each. SMTP has no two-phase
    // commit: a mail the server accepted in the instant before the kill, whose delivery row had not
    // yet committed, is sent again by the next process — with the same Message-ID, by which a mail
    // system recognises it. Only a mail already arrived by the kill may repeat.
    const crash = (m: { subject: string }) => m.subject.startsWith('Proposed to you: Crash pact');
    const mails = sink.mails.filter(crash);
    const mailIds = mails.map((m) => m.messageId);
    expect(new Set(mails.map((m) => m.subject)).size).toBe(PACTS);
    expect(new Set(mailIds).size).toBe(PACTS);
    const arrivedByKill = new Set(sink.mails.slice(0, mailsBeforeRestart).map((m) => m.messageId));
    const repeatedMail = mailIds.filter((id, i) => mailIds.indexOf(id) !== i);
    expect(repeatedMail.filter((id) => !arrivedByKill.has(id))).toEqual([]);
    // Webhooks: one event per pact reached the CRM under one webhook-id. A request the receiver
    // answered just as the sender was killed is sent again (the sender never saw the answer): the
    // same webhook-id, which is how a Standard Webhooks receiver recognises it; only a request
    // already in flight at the kill may repeat.
    const acked = receiver.received.filter((r) => r.answered === 200);
    const ids = acked.map((r) => String(r.headers['webhook-id']));
    expect(new Set(ids).size).toBe(PACTS);
    const inFlight = new Set(
      receiver.received.slice(0, requestsBeforeRestart).map((r) => String(r.headers['webhook-id'])),
    );
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(repeated.filter((id) => !inFlight.has(id))).toEqual([]);
    process.stderr.write(
      `[notify-crash] killed after ${delivered}/${PACTS} mails; mails received ${mails.length} (repeated ${repeatedMail.length}); webhook requests ${receiver.received.length} (acknowledged ${acked.length})\n`,
    );
  },
  TIMEOUT,
);
