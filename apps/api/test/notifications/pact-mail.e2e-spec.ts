// Issue 13: the Hastings-for-Lewes negotiation produces exactly the expected mail, to the expected
// people, received by a real SMTP server on loopback and parsed; and the matching inbox entries.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type TestApp } from '../support/test-app.js';
import {
  HASTINGS_FOR_LEWES,
  inAMonth,
  localPartyId,
  tokenIn,
  post,
  proposeHastingsForLewes,
} from '../support/pacts.js';
import { type ReceivedMail, type SmtpSink } from '../support/smtp-sink.js';
import { startMailApp, stopMailApp } from '../support/mail-app.js';

const PUBLIC_URL = 'https://pactroom.example.org';
let sink: SmtpSink;
let t: TestApp;
let tokens: Record<string, string>;
const token = (name: string) => tokenIn(tokens, name);
const addr = (name: string) => `${name}@pactroom.test`;
const brief = (m: ReceivedMail) => `${m.to.replace('@pactroom.test', '')} | ${m.subject}`;

beforeAll(async () => {
  ({ t, sink, tokens } = await startMailApp(
    {
      PACTROOM_PUBLIC_URL: PUBLIC_URL,
      PACTROOM_MAIL_FROM: 'Pactroom <pacts@example.org>',
      PACTROOM_RETRY_DELAY_SECONDS: '1',
    },
    ['officer.ld.hastings', 'officer.lab.lewes', 'coord.ld.southeast', 'coord.lab.southeast'],
  ));
});

afterAll(() => stopMailApp(t, sink));

/** How many mails had arrived before the command under test was sent (set with `markMail`). */
let mark = 0;
const markMail = () => {
  mark = sink.mails.length;
};

/**
 * Mail arriving since `markMail`: waits for `count`, then checks nothing more comes. The mark is
 * taken before the request, not after its answer: a ratification answers after issuing its
 * certificate, by when some of its mail may already have arrived.
 */
async function nextMail(count: number): Promise<string[]> {
  const before = mark;
  const got = await sink.waitFor(before + count);
  await new Promise((r) => setTimeout(r, 300));
  expect(sink.mails.length).toBe(before + count);
  return got.slice(before).map(brief).sort();
}

describe('the Hastings-for-Lewes negotiation by mail', () => {
  let pactId = '';

  it('tells each side of each move, by name, with a working link', async () => {
    markMail();
    const created = await proposeHastingsForLewes(t, token('officer.ld.hastings'));
    expect(created.status).toBe(201);
    pactId = created.body.id as string;
    expect(await nextMail(1)).toEqual(['officer.lab.lewes | Proposed to you: Hastings for Lewes']);
    const proposed = sink.mails.at(-1) as ReceivedMail;
    expect(proposed.text).toContain('Dear Lewes Labour Officer,');
    expect(proposed.text).toContain(
      'Hastings LD Officer (Hastings and Rye Liberal Democrats) proposed “Hastings for Lewes” (revision 1)',
    );
    expect(proposed.text).toContain(`${PUBLIC_URL}/pact/${pactId}`);
    expect(proposed.html).toContain(`href="${PUBLIC_URL}/pact/${pactId}"`);
    expect(proposed.header('list-unsubscribe')).toMatch(
      new RegExp(`^<${PUBLIC_URL}/unsubscribe/[\\w-]+\\.[\\w-]+>$`),
    );
    expect(proposed.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    markMail();
    const countered = await post(t, token('officer.lab.lewes'), `/api/pacts/${pactId}/counter`, {
      baseRevision: 1,
      terms: { ...HASTINGS_FOR_LEWES, commitments: [{ party: 'lab', text: 'Joint leaflet' }] },
    });
    expect(countered.status).toBe(200);
    // The Lib Dem HQ (a national account) acts for the Hastings Lib Dems: it hears what their
    // officers hear (but not what its own branch did: the proposal above, the signature below).
    expect(await nextMail(2)).toEqual([
      'hq.ld | Countered: Hastings for Lewes',
      'officer.ld.hastings | Countered: Hastings for Lewes',
    ]);

    markMail();
    const signed = await post(t, token('officer.ld.hastings'), `/api/pacts/${pactId}/sign`, {
      revision: 2,
      hash: countered.body.revision.hash,
    });
    expect(signed.body.status).toBe('signed');
    expect(await nextMail(4)).toEqual([
      'coord.lab.southeast | Approval needed: Hastings for Lewes',
      'coord.ld.southeast | Approval needed: Hastings for Lewes',
      'hq.ld | Signed by everyone: Hastings for Lewes',
      'officer.lab.lewes | Signed by everyone: Hastings for Lewes',
    ]);

    const hash = countered.body.revision.hash as string;
    markMail();
    const approved = await post(t, token('coord.ld.southeast'), `/api/pacts/${pactId}/approve`, {
      revision: 2,
      hash,
    });
    expect(approved.status).toBe(200);
    expect(await nextMail(4)).toEqual([
      'coord.lab.southeast | Approved: Hastings for Lewes',
      'hq.ld | Approved: Hastings for Lewes',
      'officer.lab.lewes | Approved: Hastings for Lewes',
      'officer.ld.hastings | Approved: Hastings for Lewes',
    ]);

    markMail();
    const ratified = await post(t, token('coord.lab.southeast'), `/api/pacts/${pactId}/approve`, {
      revision: 2,
      hash,
    });
    expect(ratified.body.status).toBe('ratified');
    expect(await nextMail(4)).toEqual([
      'coord.ld.southeast | Ratified: Hastings for Lewes',
      'hq.ld | Ratified: Hastings for Lewes',
      'officer.lab.lewes | Ratified: Hastings for Lewes',
      'officer.ld.hastings | Ratified: Hastings for Lewes',
    ]);
    // Every mail has its own stable Message-ID; none came twice.
    const ids = sink.mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the same news in each person’s inbox, as what it is to them', async () => {
    const rows: { email: string; kind: string }[] = await t.dataSource.query(
      `SELECT u.email, i.kind FROM inbox_items i
         JOIN users u ON u.id = i.user_id JOIN notification_events e ON e.id = i.event_id
        WHERE e.pact_id = $1 ORDER BY i.created_at, u.email`,
      [pactId],
    );
    const of = (name: string) => rows.filter((r) => r.email === addr(name)).map((r) => r.kind);
    expect(of('officer.lab.lewes')).toEqual([
      'pact.proposed',
      'pact.fully-signed',
      'pact.approved',
      'pact.ratified',
    ]);
    expect(of('officer.ld.hastings')).toEqual(['pact.countered', 'pact.approved', 'pact.ratified']);
    expect(of('coord.ld.southeast')).toEqual(['pact.approval-needed', 'pact.ratified']);
    expect(of('coord.lab.southeast')).toEqual(['pact.approval-needed', 'pact.approved']);
    expect(of('hq.ld')).toEqual([
      'pact.countered',
      'pact.fully-signed',
      'pact.approved',
      'pact.ratified',
    ]);
    // Nobody outside the pact heard of it.
    expect(rows.filter((r) => r.email.includes('green') || r.email.includes('member'))).toEqual([]);
  });
});

describe('delivery', () => {
  it('retries a refused mail with the same Message-ID and sends it once', async () => {
    sink.failNext(1);
    const created = await post(t, token('officer.ld.hastings'), '/api/pacts', {
      title: 'Retry pact',
      election: 'ge2017',
      localParties: [
        await localPartyId(t, 'Hastings and Rye Liberal Democrats'),
        await localPartyId(t, 'Lewes Labour'),
      ],
      terms: { standAsides: [{ party: 'ld', constituency: 'E14000735', beneficiary: 'lab' }] },
      respondBy: inAMonth(),
      propose: true,
    });
    expect(created.status).toBe(201);
    const [mail] = await sink.waitFor(1, (m) => m.subject === 'Proposed to you: Retry pact');
    // The sink has the mail as soon as it answers 250; the app records the delivery a moment later.
    const deliveryRow = async () => {
      const [row]: { attempts: number; status: string; lastError: string | null }[] =
        await t.dataSource.query(
          `SELECT d.attempts, d.status, d.last_error AS "lastError" FROM email_deliveries d
             JOIN notification_events e ON e.id = d.event_id WHERE e.pact_id = $1`,
          [created.body.id],
        );
      return row;
    };
    let delivery = await deliveryRow();
    for (let tries = 0; delivery?.status !== 'sent' && tries < 50; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      delivery = await deliveryRow();
    }
    expect(delivery).toMatchObject({ status: 'sent', attempts: 2 });
    expect(delivery?.lastError).toMatch(/try again later/);
    expect(mail?.messageId).toMatch(/^<[0-9a-f-]{36}@pactroom>$/);
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.mails.filter((m) => m.subject === 'Proposed to you: Retry pact')).toHaveLength(1);
  });
});
