// Issue 13: preferences (now / daily digest / off; security mail always), the 72- and 24-hour
// reminders, dead letters and their replay, and the idempotency of a repeated fan-out.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DigestService } from '../../src/notifications/digest.service.js';
import { FanOutService } from '../../src/notifications/fan-out.service.js';
import { MailDeliveryService } from '../../src/notifications/mail-delivery.service.js';
import { Outbox } from '../../src/notifications/outbox.js';
import { PactScheduler } from '../../src/pacts/pact-scheduler.js';
import { type TestApp } from '../support/test-app.js';
import { HASTINGS_FOR_LEWES, localPartyId, post, tokenIn } from '../support/pacts.js';
import { type SmtpSink } from '../support/smtp-sink.js';
import { startMailApp, stopMailApp } from '../support/mail-app.js';

let sink: SmtpSink;
let t: TestApp;
let tokens: Record<string, string>;
const HOUR = 3_600_000;
const LEWES = 'officer.lab.lewes@pactroom.test';

beforeAll(async () => {
  ({ t, sink, tokens } = await startMailApp(
    {
      PACTROOM_RETRY_DELAY_SECONDS: '1',
      PACTROOM_RETRY_LIMIT: '1',
      // The sweep is driven by the test.
      PACTROOM_EXPIRY_SWEEP_SECONDS: '0',
    },
    ['officer.ld.hastings', 'officer.lab.lewes'],
  ));
});

afterAll(() => stopMailApp(t, sink));

const userId = async (email: string) => {
  const rows = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE email = $1`, [
    email,
  ]);
  return rows[0]?.id ?? '';
};

async function propose(title: string, respondBy: Date) {
  const res = await post(t, tokenIn(tokens, 'officer.ld.hastings'), '/api/pacts', {
    title,
    election: 'ge2017',
    localParties: [
      await localPartyId(t, 'Hastings and Rye Liberal Democrats'),
      await localPartyId(t, 'Lewes Labour'),
    ],
    terms: HASTINGS_FOR_LEWES,
    respondBy: respondBy.toISOString(),
    propose: true,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const deliveries = (pactId: string) =>
  t.dataSource.query<{ id: string; kind: string; status: string; to: string }[]>(
    `SELECT d.id, d.kind, d.status, d.to_address AS "to" FROM email_deliveries d
       JOIN notification_events e ON e.id = d.event_id WHERE e.pact_id = $1 ORDER BY d.created_at`,
    [pactId],
  );

async function settle(pactId: string, count: number) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = await deliveries(pactId);
    if (rows.length >= count && rows.every((r) => r.status !== 'pending')) {
      return rows;
    }
    if (Date.now() > deadline) {
      throw new Error(`deliveries did not settle: ${JSON.stringify(rows)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('preferences', () => {
  it('holds a digest kind for the daily mail and skips an off kind, keeping the inbox', async () => {
    const lewes = await userId(LEWES);
    await t.dataSource.query(
      `INSERT INTO notification_preferences (user_id, kind, mode) VALUES ($1, 'pact.proposed', 'digest')`,
      [lewes],
    );
    const first = await propose('Digest one', new Date(Date.now() + 30 * 24 * HOUR));
    const second = await propose('Digest two', new Date(Date.now() + 30 * 24 * HOUR));
    expect((await settle(first, 1))[0]?.status).toBe('digest');
    expect((await settle(second, 1))[0]?.status).toBe('digest');
    const before = sink.mails.length;
    expect(await t.app.get(DigestService).sendDigests()).toBe(1);
    const [digest] = await sink.waitFor(before + 1);
    const mail = sink.mails[before];
    expect(mail?.to).toBe(LEWES);
    expect(mail?.subject).toBe('Your Pactroom digest: 2 updates');
    expect(mail?.text).toContain('“Digest one”');
    expect(mail?.text).toContain('“Digest two”');
    expect(digest).toBeDefined();
    expect((await deliveries(first))[0]?.status).toBe('sent');
    // A second run has nothing left to send.
    expect(await t.app.get(DigestService).sendDigests()).toBe(0);

    await t.dataSource.query(
      `UPDATE notification_preferences SET mode = 'off' WHERE user_id = $1`,
      [lewes],
    );
    const third = await propose('Off pact', new Date(Date.now() + 30 * 24 * HOUR));
    expect((await settle(third, 1))[0]?.status).toBe('skipped');
    const inbox = await t.dataSource.query(
      `SELECT i.kind FROM inbox_items i JOIN notification_events e ON e.id = i.event_id
        WHERE e.pact_id = $1 AND i.user_id = $2`,
      [third, lewes],
    );
    expect(inbox).toEqual([{ kind: 'pact.proposed' }]);
    await t.dataSource.query(`DELETE FROM notification_preferences WHERE user_id = $1`, [lewes]);
  });

  it('always sends security mail, whatever the preferences', async () => {
    const lewes = await userId(LEWES);
    await t.dataSource.query(
      `INSERT INTO notification_preferences (user_id, kind, mode) VALUES ($1, 'account.password-reset', 'off')`,
      [lewes],
    );
    await t.dataSource.transaction((manager) =>
      t.app.get(Outbox).record(manager, {
        kind: 'account.password-reset',
        subjectUserId: lewes,
        data: { token: 'tok-123', expiresAt: new Date(Date.now() + HOUR / 2).toISOString() },
      }),
    );
    const [mail] = await sink.waitFor(1, (m) => m.subject === 'Reset your Pactroom password');
    expect(mail?.to).toBe(LEWES);
    expect(mail?.text).toContain('/password-reset/tok-123');
    expect(mail?.header('list-unsubscribe')).toBeUndefined();
    // With a real SMTP server, the kept copy and the event lose the live token.
    const kept = await t.dataSource.query(
      `SELECT text_body FROM outgoing_mail WHERE subject = 'Reset your Pactroom password'`,
    );
    expect(JSON.stringify(kept)).not.toContain('tok-123');
    await t.dataSource.query(`DELETE FROM notification_preferences WHERE user_id = $1`, [lewes]);
  });
});

describe('reminders', () => {
  it('warns the unsigned side 72 and 24 hours before the respond-by, once each', async () => {
    const respondBy = new Date(Date.now() + 60 * HOUR);
    const pactId = await propose('Reminder pact', respondBy);
    await settle(pactId, 1);
    const scheduler = t.app.get(PactScheduler);
    expect(await scheduler.sweepExpiring()).toBeGreaterThanOrEqual(1);
    expect(await scheduler.sweepExpiring()).toBe(0);
    const [warn72] = await sink.waitFor(
      1,
      (m) => m.subject === 'Respond-by date near: Reminder pact',
    );
    expect(warn72?.to).toBe(LEWES);
    // 40 hours later, the 24-hour notice, once.
    const later = new Date(Date.now() + 40 * HOUR);
    expect(await scheduler.sweepExpiring(later)).toBeGreaterThanOrEqual(1);
    expect(await scheduler.sweepExpiring(later)).toBe(0);
    await sink.waitFor(2, (m) => m.subject === 'Respond-by date near: Reminder pact');
    const kinds = await t.dataSource.query(
      `SELECT data->>'window' AS window FROM notification_events
        WHERE pact_id = $1 AND kind = 'pact.expiring' ORDER BY occurred_at`,
      [pactId],
    );
    expect(kinds).toEqual([{ window: '72h' }, { window: '24h' }]);
  });
});

describe('dead letters', () => {
  it('marks a delivery dead after its last retry, and a replay sends it once', async () => {
    sink.failNext(1_000);
    const pactId = await propose('Dead pact', new Date(Date.now() + 30 * 24 * HOUR));
    const deadline = Date.now() + 20_000;
    let rows = await deliveries(pactId);
    while (rows[0]?.status !== 'dead' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await deliveries(pactId);
    }
    expect(rows[0]?.status).toBe('dead');
    sink.failNext(0);
    const mailer = t.app.get(MailDeliveryService);
    expect(await t.dataSource.transaction((m) => mailer.replay(m, rows[0]?.id ?? ''))).toBe(true);
    await sink.waitFor(1, (m) => m.subject === 'Proposed to you: Dead pact');
    expect((await settle(pactId, 1))[0]?.status).toBe('sent');
    // A sent delivery is not replayed.
    expect(await t.dataSource.transaction((m) => mailer.replay(m, rows[0]?.id ?? ''))).toBe(false);
  });

  it('changes nothing when an event is fanned out again', async () => {
    const pactId = await propose('Twice pact', new Date(Date.now() + 30 * 24 * HOUR));
    await settle(pactId, 1);
    const [event] = await t.dataSource.query(
      `SELECT id FROM notification_events WHERE pact_id = $1`,
      [pactId],
    );
    await t.app.get(FanOutService).fanOut((event as { id: string }).id);
    await t.dataSource.query(
      `UPDATE notification_events SET fanned_out_at = NULL WHERE pact_id = $1`,
      [pactId],
    );
    await t.app.get(FanOutService).fanOut((event as { id: string }).id);
    expect(await deliveries(pactId)).toHaveLength(1);
    const items = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM inbox_items i JOIN notification_events e ON e.id = i.event_id
        WHERE e.pact_id = $1`,
      [pactId],
    );
    expect(items).toEqual([{ n: 1 }]);
  });
});
