// Issue 15: members have a voice. On Hastings-for-Lewes the Labour coordinator consults the Labour
// members of Lewes and of Hastings and Rye, in secret; five take part (one changes their mind, one
// blocks); results stay hidden until close; the outcome goes into the audit chain; approving against
// it needs a written reason; members of other parties cannot see or vote; a counter voids it.
import { describe, expect, it } from '@jest/globals';
import { createAccount } from '../support/factories.js';
import { demoPactFixture, get, localPartyId, post } from '../support/pacts.js';
import { sessionTokens } from '../support/sessions.js';

const f = demoPactFixture([
  'officer.ld.hastings',
  'officer.lab.lewes',
  'coord.lab.southeast',
  'coord.ld.southeast',
]);
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const put = (token: string, path: string, body: object) =>
  f.t.http.put(path).set('authorization', `Bearer ${token}`).send(body);
const revisionOf = (body: { revision: { number: number; hash: string } }) => ({
  revision: body.revision.number,
  hash: body.revision.hash,
});

/** Members attached to a local party (or, with `region`, to the party in a region), signed in. */
async function members(count: number, grant: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push((await createAccount(f.t, [{ role: 'member', ...grant }])).id);
  }
  return sessionTokens(f.t, ids);
}

/** Hastings-for-Lewes proposed by the Hastings Lib Dems and signed by Lewes Labour. */
async function signedPact(title: string) {
  const created = await f.create({ title });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const signed = await post(
    f.t,
    f.token('officer.lab.lewes'),
    `/api/pacts/${id}/sign`,
    revisionOf(created.body),
  );
  expect(signed.body.status).toBe('signed');
  return { id, rev: revisionOf(created.body) };
}

const open = (pactId: string, body: object = {}) =>
  post(f.t, f.token('coord.lab.southeast'), `/api/pacts/${pactId}/consultations`, {
    scope: 'local-parties',
    closesAt: inHours(48),
    secret: true,
    quorum: 20,
    threshold: 50,
    ...body,
  });

describe('a secret consultation of Lewes and Hastings Labour members', () => {
  let pactId = '';
  let rev = { revision: 0, hash: '' };
  let consultation = '';
  let voters: string[] = [];
  let others: string[] = [];

  it('is opened by the Labour coordinator on the signed revision', async () => {
    ({ id: pactId, rev } = await signedPact('Consulted: Hastings for Lewes'));
    const lewes = await members(3, { localPartyId: await localPartyId(f.t, 'Lewes Labour') });
    const hastings = await members(2, {
      localPartyId: await localPartyId(f.t, 'Hastings and Rye Labour'),
    });
    voters = [...lewes, ...hastings];
    others = [
      ...(await members(1, {
        localPartyId: await localPartyId(f.t, 'Brighton Pavilion Green Party'),
      })),
      ...(await members(1, { localPartyId: await localPartyId(f.t, 'Lewes Liberal Democrats') })),
    ];
    const opened = await open(pactId);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      pactId,
      revision: rev.revision,
      revisionHash: rev.hash,
      party: 'lab',
      region: 'south-east',
      scope: 'local-parties',
      secret: true,
      electorate: 5,
      voters: 0,
      status: 'open',
      result: null,
    });
    expect(opened.body.localParties.map((lp: { name: string }) => lp.name)).toEqual([
      'Hastings and Rye Labour',
      'Lewes Labour',
    ]);
    consultation = opened.body.id as string;
    // One per party, region and revision.
    expect((await open(pactId)).body.code).toBe('CONSULTATION_EXISTS');
  });

  it('shows the members consulted the terms and signatures they answer on', async () => {
    const seen = await get(f.t, voters[0] ?? '', `/api/consultations/${consultation}`);
    expect(seen.status).toBe(200);
    expect(seen.body.terms.standAsides).toHaveLength(2);
    expect(
      seen.body.signatures.map((s: { localPartyName: string }) => s.localPartyName).sort(),
    ).toEqual(['Hastings and Rye Liberal Democrats', 'Lewes Labour']);
    expect(seen.body.you).toEqual({ consulted: true, opened: false, stance: null, history: [] });
    expect(seen.body.impact).toMatchObject({ election: 'ge2017' });
    // The pact itself stays closed to members until ratified.
    expect((await get(f.t, voters[0] ?? '', `/api/pacts/${pactId}`)).status).toBe(404);
  });

  it('takes stances until close, the latest counting, reasons required to disagree or block', async () => {
    const [a, b, c, d, e] = voters as [string, string, string, string, string];
    const path = `/api/consultations/${consultation}/stance`;
    const noReason = await put(c, path, { stance: 'disagree' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('REASON_REQUIRED');
    expect(
      (await put(a, path, { stance: 'disagree', reason: 'Lewes is ours to win' })).status,
    ).toBe(200);
    expect((await put(a, path, { stance: 'agree' })).status).toBe(200); // changed their mind
    expect((await put(b, path, { stance: 'agree' })).status).toBe(200);
    expect(
      (await put(c, path, { stance: 'disagree', reason: 'Too little in return' })).status,
    ).toBe(200);
    expect((await put(d, path, { stance: 'block', reason: 'We were never asked' })).status).toBe(
      200,
    );
    const last = await put(e, path, { stance: 'abstain' });
    expect(last.body).toMatchObject({ voters: 5, result: null, status: 'open' });
    const mine = await get(f.t, a, `/api/consultations/${consultation}`);
    expect(mine.body.you.history.map((s: { stance: string }) => s.stance)).toEqual([
      'disagree',
      'agree',
    ]);
    expect(mine.body.you.stance.stance).toBe('agree');
    // The coordinator sees how many took part, not how.
    const coord = await get(
      f.t,
      f.token('coord.lab.southeast'),
      `/api/consultations/${consultation}`,
    );
    expect(coord.body).toMatchObject({ voters: 5, result: null });
  });

  it('is invisible to members of other parties, who cannot vote either', async () => {
    for (const token of others) {
      expect((await get(f.t, token, `/api/consultations/${consultation}`)).status).toBe(404);
      const vote = await put(token, `/api/consultations/${consultation}/stance`, {
        stance: 'agree',
      });
      expect(vote.status).toBe(404);
    }
  });

  it('holds back the approval while open, and closes early only by its opener', async () => {
    const early = await post(
      f.t,
      f.token('coord.lab.southeast'),
      `/api/pacts/${pactId}/approve`,
      rev,
    );
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CONSULTATION_OPEN');
    const byOther = await post(
      f.t,
      f.token('coord.ld.southeast'),
      `/api/consultations/${consultation}/close`,
    );
    expect(byOther.status).toBe(403);
    const closed = await post(
      f.t,
      f.token('coord.lab.southeast'),
      `/api/consultations/${consultation}/close`,
    );
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.result.outcome).toMatchObject({
      electorate: 5,
      voters: 5,
      agree: 2,
      abstain: 1,
      disagree: 1,
      block: 1,
      cast: 4,
      turnout: 100,
      agreeShare: 50,
      quorumMet: true,
      thresholdMet: false,
      blocked: true,
      passed: false,
    });
    // Secret: who took part, not how; the reasons without names.
    expect(closed.body.result.stances).toBeNull();
    expect(closed.body.result.voters).toHaveLength(5);
    expect(closed.body.result.reasons).toEqual([
      { stance: 'disagree', reason: 'Too little in return' },
      { stance: 'block', reason: 'We were never asked' },
    ]);
    const late = await put(voters[4] ?? '', `/api/consultations/${consultation}/stance`, {
      stance: 'agree',
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('CONSULTATION_CLOSED');
  });

  it('records the outcome in the chain; approving against it needs a reason, recorded', async () => {
    const refused = await post(
      f.t,
      f.token('coord.lab.southeast'),
      `/api/pacts/${pactId}/approve`,
      rev,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CONSULTATION_OVERRIDE_REQUIRED');
    const approved = await post(
      f.t,
      f.token('coord.lab.southeast'),
      `/api/pacts/${pactId}/approve`,
      {
        ...rev,
        consultationOverride: 'The regional executive weighed the block and the deadline',
      },
    );
    expect(approved.status).toBe(200);
    const trail = await get(f.t, f.token('coord.lab.southeast'), `/api/pacts/${pactId}/audit`);
    const events = trail.body.items as { action: string; payload: Record<string, unknown> }[];
    expect(events.map((e) => e.action).slice(-4)).toEqual([
      'pact.consultation_opened',
      'pact.consultation_closed',
      'pact.consultation_overridden',
      'pact.approved',
    ]);
    const closedEvent = events.find((e) => e.action === 'pact.consultation_closed');
    expect(closedEvent?.payload).toMatchObject({
      closedEarly: true,
      outcome: { passed: false, blocked: true },
    });
    expect(JSON.stringify(closedEvent?.payload)).not.toContain('never asked');
    const verify = await get(
      f.t,
      f.token('coord.lab.southeast'),
      `/api/pacts/${pactId}/audit/verify`,
    );
    expect(verify.body.valid).toBe(true);
  });

  it('puts the outcome and the reason into the certificate of the ratified revision', async () => {
    const ratified = await post(
      f.t,
      f.token('coord.ld.southeast'),
      `/api/pacts/${pactId}/approve`,
      rev,
    );
    expect(ratified.body.status).toBe('ratified');
    const cert = await get(f.t, f.token('coord.ld.southeast'), `/api/pacts/${pactId}/certificate`);
    expect(cert.status).toBe(200);
    expect(cert.body.certificate.payload.consultations).toEqual([
      {
        consultationId: consultation,
        party: 'lab',
        region: 'south-east',
        outcome: expect.objectContaining({ voters: 5, passed: false, blocked: true }),
        approvedAgainstItBecause: 'The regional executive weighed the block and the deadline',
      },
    ]);
  });
});

describe('a counter', () => {
  it('voids the open consultation: it was about other terms', async () => {
    const { id } = await signedPact('Countered while consulting');
    await members(1, { localPartyId: await localPartyId(f.t, 'Lewes Labour') });
    const opened = await open(id, { secret: false });
    expect(opened.status).toBe(201);
    const countered = await post(f.t, f.token('officer.lab.lewes'), `/api/pacts/${id}/counter`, {
      baseRevision: 1,
      terms: {
        standAsides: [
          { party: 'ld', constituency: 'E14000735', beneficiary: 'lab' },
          { party: 'lab', constituency: 'E14000786', beneficiary: 'ld' },
        ],
        commitments: [{ party: 'lab', text: 'A joint leaflet' }],
      },
    });
    expect(countered.status).toBe(200);
    const after = await get(
      f.t,
      f.token('coord.lab.southeast'),
      `/api/consultations/${opened.body.id}`,
    );
    expect(after.body.status).toBe('voided');
    const trail = await get(f.t, f.token('coord.lab.southeast'), `/api/pacts/${id}/audit`);
    expect((trail.body.items as { action: string }[]).map((e) => e.action)).toContain(
      'pact.consultation_voided',
    );
    // Signed again, the new revision can have its own consultation.
    const resigned = await post(f.t, f.token('officer.ld.hastings'), `/api/pacts/${id}/sign`, {
      revision: 2,
      hash: countered.body.revision.hash,
    });
    expect(resigned.body.status).toBe('signed');
    const again = await open(id);
    expect(again.status).toBe(201);
    expect(again.body.revision).toBe(2);
  });
});

describe('many members at once', () => {
  it('counts exactly 200 stances from 200 members answering together', async () => {
    const { id } = await signedPact('Two hundred voices');
    const tokens = await members(199, { region: 'south-east', party: 'lab' });
    // One voice per member, whatever their grants: a member of the region and of Lewes Labour.
    const twoGrants = await createAccount(f.t, [
      { role: 'member', party: 'lab', region: 'south-east' },
      { role: 'member', localPartyId: await localPartyId(f.t, 'Lewes Labour') },
    ]);
    tokens.push(...(await sessionTokens(f.t, [twoGrants.id])));
    const opened = await open(id, { scope: 'region' });
    expect(opened.status).toBe(201);
    expect(opened.body.electorate).toBeGreaterThanOrEqual(200);
    const listed = await f.t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM consultation_electors WHERE consultation_id = $1 AND user_id = $2',
      [opened.body.id, twoGrants.id],
    );
    expect(listed).toEqual([{ n: 1 }]);
    const path = `/api/consultations/${opened.body.id}/stance`;
    const answers = await Promise.all(
      tokens.map((token, i) => put(token, path, { stance: i % 2 === 0 ? 'agree' : 'abstain' })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(200);
    const closed = await post(
      f.t,
      f.token('coord.lab.southeast'),
      `/api/consultations/${opened.body.id}/close`,
    );
    expect(closed.body.result.outcome).toMatchObject({ voters: 200, agree: 100, abstain: 100 });
  }, 120_000);
});
