// Issue 15: members hear of a consultation by mail and in their inbox — when it opens, a day before
// it closes (only those who have not answered), and when it closes (with its outcome, also to the
// coordinator who opened it); each kind can be turned off. The clock closes it at its closing time.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConsultationScheduler } from '../../src/consultations/consultation-scheduler.js';
import { createAccount } from '../support/factories.js';
import {
  HASTINGS_FOR_LEWES,
  get,
  inAMonth,
  localPartyId,
  post,
  tokenIn,
} from '../support/pacts.js';
import { sessionTokens } from '../support/sessions.js';
import { type SmtpSink } from '../support/smtp-sink.js';
import { startMailApp, stopMailApp } from '../support/mail-app.js';
import { type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'https://pactroom.example.org';
let sink: SmtpSink;
let t: TestApp;
let tokens: Record<string, string>;

beforeAll(async () => {
  ({ t, sink, tokens } = await startMailApp(
    {
      PACTROOM_PUBLIC_URL: PUBLIC_URL,
      PACTROOM_RETRY_DELAY_SECONDS: '1',
      PACTROOM_EXPIRY_SWEEP_SECONDS: '0',
    },
    ['officer.ld.hastings', 'officer.lab.lewes', 'coord.lab.southeast'],
  ));
});

afterAll(() => stopMailApp(t, sink));

const HOUR = 3_600_000;
const mailsTo = (email: string) => sink.mails.filter((m) => m.to === email);

describe('a consultation by mail', () => {
  it('tells the members it asks when it opens, reminds those who have not answered, and gives the outcome', async () => {
    const lewes = await localPartyId(t, 'Lewes Labour');
    const [ann, bob] = [
      await createAccount(t, [{ role: 'member', localPartyId: lewes }]),
      await createAccount(t, [{ role: 'member', localPartyId: lewes }]),
    ];
    const [annToken] = await sessionTokens(t, [ann.id]);
    const created = await post(t, tokenIn(tokens, 'officer.ld.hastings'), '/api/pacts', {
      title: 'Mailed consultation',
      election: 'ge2017',
      localParties: [await localPartyId(t, 'Hastings and Rye Liberal Democrats'), lewes],
      terms: HASTINGS_FOR_LEWES,
      respondBy: inAMonth(),
      propose: true,
    });
    const rev = { revision: 1, hash: created.body.revision.hash as string };
    await post(t, tokenIn(tokens, 'officer.lab.lewes'), `/api/pacts/${created.body.id}/sign`, rev);
    const opened = await post(
      t,
      tokenIn(tokens, 'coord.lab.southeast'),
      `/api/pacts/${created.body.id}/consultations`,
      { closesAt: new Date(Date.now() + 2 * HOUR).toISOString(), secret: false },
    );
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;

    await sink.waitFor(2, (m) => m.subject === 'Your view is asked: Mailed consultation');
    const invite = mailsTo(ann.email).find((m) => m.subject.startsWith('Your view is asked'));
    expect(invite?.text).toContain('Labour South East Coordinator (coordinator, South East) asks');
    expect(invite?.text).toContain(`${PUBLIC_URL}/consultation/${id}`);

    // Ann answers; a day before the close only Bob is reminded, and only once.
    await t.http
      .put(`/api/consultations/${id}/stance`)
      .set('authorization', `Bearer ${annToken}`)
      .send({ stance: 'agree' });
    const scheduler = t.app.get(ConsultationScheduler);
    expect(await scheduler.remindClosing()).toBe(1);
    expect(await scheduler.remindClosing()).toBe(0);
    await sink.waitFor(1, (m) => m.subject === 'Closing soon: Mailed consultation');
    expect(mailsTo(ann.email).some((m) => m.subject.startsWith('Closing soon'))).toBe(false);

    // Bob turns off the outcome mail; the clock closes the consultation at its time.
    await t.dataSource.query(
      `INSERT INTO notification_preferences (user_id, kind, mode) VALUES ($1, 'consultation.closed', 'off')`,
      [bob.id],
    );
    expect(await scheduler.sweep(new Date(Date.now() + 3 * HOUR))).toBe(1);
    await sink.waitFor(2, (m) => m.subject === 'Consultation closed: Mailed consultation');
    const outcome = mailsTo(ann.email).find((m) => m.subject.startsWith('Consultation closed'));
    expect(outcome?.text).toContain('it passed (1 of 2 took part: 1 agree');
    expect(mailsTo('coord.lab.southeast@pactroom.test').map((m) => m.subject)).toContain(
      'Consultation closed: Mailed consultation',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(bob.email).some((m) => m.subject.startsWith('Consultation closed'))).toBe(false);
    // Still in Bob's inbox, as everything is.
    const inbox = await t.dataSource.query<{ kind: string }[]>(
      `SELECT i.kind FROM inbox_items i WHERE i.user_id = $1 ORDER BY i.created_at`,
      [bob.id],
    );
    expect(inbox.map((r) => r.kind)).toEqual([
      'consultation.opened',
      'consultation.closing',
      'consultation.closed',
    ]);
    // Closed by the clock: the chain says so, and the result is published.
    const after = await get(t, tokenIn(tokens, 'coord.lab.southeast'), `/api/consultations/${id}`);
    expect(after.body).toMatchObject({
      status: 'closed',
      result: { stances: [expect.any(Object)] },
    });
    const trail = await get(
      t,
      tokenIn(tokens, 'coord.lab.southeast'),
      `/api/pacts/${created.body.id}/audit`,
    );
    const closed = (trail.body.items as { action: string; actor: { role: string } }[]).find(
      (e) => e.action === 'pact.consultation_closed',
    );
    expect(closed?.actor.role).toBe('system');
  });
});
