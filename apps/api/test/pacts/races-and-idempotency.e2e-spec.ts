import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '@pactroom/audit-chain';
import { bearer } from '../support/factories.js';
import { HASTINGS_FOR_LEWES, demoPactFixture, get, inAMonth, post } from '../support/pacts.js';

const f = demoPactFixture(['officer.ld.hastings', 'officer.lab.lewes', 'coord.ld.southeast'], {
  PACTROOM_DB_POOL_SIZE: '20',
});
const ld = () => f.token('officer.ld.hastings');
const lab = () => f.token('officer.lab.lewes');

async function proposed(): Promise<{ id: string; revision: { number: number; hash: string } }> {
  const res = await f.create({ title: 'Race pact' });
  expect(res.status).toBe(201);
  return { id: res.body.id, revision: res.body.revision };
}

async function chainOf(id: string) {
  const verify = await get(f.t, ld(), `/api/pacts/${id}/audit/verify`);
  expect(verify.body).toMatchObject({ valid: true, firstBrokenSeq: null });
  const events: { seq: number }[] = (await get(f.t, ld(), `/api/pacts/${id}/audit`)).body.items;
  expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
  return events;
}

describe('races', () => {
  it('lets exactly one of two conflicting counters on the same revision win', async () => {
    const pact = await proposed();
    const counter = (text: string, token: string) =>
      post(f.t, token, `/api/pacts/${pact.id}/counter`, {
        baseRevision: 1,
        terms: { ...HASTINGS_FOR_LEWES, commitments: [{ party: 'ld', text }] },
      });
    const [a, b] = await Promise.all([counter('Offer A', lab()), counter('Offer B', ld())]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.code).toBe('STALE_REVISION');
    const final = await get(f.t, ld(), `/api/pacts/${pact.id}`);
    expect(final.body.currentRevision).toBe(2);
    expect(final.body.revision.terms.commitments).toEqual(winner.body.revision.terms.commitments);
    expect((await chainOf(pact.id)).length).toBe(3);
  });

  it('turns 50 concurrent identical signatures into one signature row and a gapless chain', async () => {
    const pact = await proposed();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        post(f.t, lab(), `/api/pacts/${pact.id}/sign`, {
          revision: pact.revision.number,
          hash: pact.revision.hash,
        }),
      ),
    );
    expect(
      results.map((r) => `${r.status} ${r.body.code ?? ''}`).filter((s) => !s.startsWith('200')),
    ).toEqual([]);
    const rows: { n: number }[] = await f.t.dataSource.query(
      'SELECT count(*)::int AS n FROM pact_signatures WHERE pact_id = $1 AND local_party_id = $2',
      [pact.id, f.labLewes],
    );
    expect(rows[0]?.n).toBe(1);
    const events = await chainOf(pact.id);
    expect(events.map((e) => (e as unknown as { action: string }).action)).toEqual([
      'pact.drafted',
      'pact.proposed',
      'pact.signed',
    ]);
    expect((await get(f.t, ld(), `/api/pacts/${pact.id}`)).body.status).toBe('signed');
  });
});

describe('Idempotency-Key', () => {
  it('replays the stored response for the same key and body, and acts once', async () => {
    const pact = await proposed();
    const send = () =>
      f.t.http
        .post(`/api/pacts/${pact.id}/counter`)
        .set('authorization', bearer(lab()))
        .set('idempotency-key', 'counter-once')
        .send({
          baseRevision: 1,
          terms: {
            ...HASTINGS_FOR_LEWES,
            commitments: [{ party: 'lab', text: 'Leaflet together' }],
          },
        });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((await get(f.t, ld(), `/api/pacts/${pact.id}`)).body.currentRevision).toBe(2);
  });

  it('refuses the same key with another body with 422', async () => {
    const pact = await proposed();
    const base = f.t.http
      .post(`/api/pacts/${pact.id}/decline`)
      .set('authorization', bearer(lab()))
      .set('idempotency-key', 'k-1');
    const other = f.t.http
      .post(`/api/pacts/${pact.id}/decline`)
      .set('authorization', bearer(lab()))
      .set('idempotency-key', 'k-1');
    expect((await base.send({ reason: 'first reason' })).status).toBe(200);
    const res = await other.send({ reason: 'another reason' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('executes concurrent duplicates once', async () => {
    const pact = await proposed();
    const send = () =>
      f.t.http
        .post(`/api/pacts/${pact.id}/counter`)
        .set('authorization', bearer(lab()))
        .set('idempotency-key', 'concurrent')
        .send({
          baseRevision: 1,
          terms: { ...HASTINGS_FOR_LEWES, commitments: [{ party: 'lab', text: 'Once only' }] },
        });
    const results = await Promise.all(Array.from({ length: 8 }, send));
    expect(results.map((r) => `${r.status} ${r.body.code ?? ''}`)).toEqual(Array(8).fill('200 '));
    // jsonb stores the replayed body with its own key order: compare canonically.
    expect(new Set(results.map((r) => canonicalJson(r.body))).size).toBe(1);
    expect((await chainOf(pact.id)).length).toBe(3);
  });

  it('replays a create, so a retried POST /api/pacts makes one pact', async () => {
    const body = {
      title: 'Idempotent create',
      election: 'ge2017',
      localParties: [f.ldHastings, f.labLewes],
      terms: HASTINGS_FOR_LEWES,
      respondBy: inAMonth(),
    };
    const send = () =>
      f.t.http
        .post('/api/pacts')
        .set('authorization', bearer(ld()))
        .set('idempotency-key', 'create-1')
        .send(body);
    const [a, b] = await Promise.all([send(), send()]);
    expect(a.body.id).toBe(b.body.id);
    const rows: { n: number }[] = await f.t.dataSource.query(
      `SELECT count(*)::int AS n FROM pacts WHERE title = 'Idempotent create'`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('refuses a malformed key with 400', async () => {
    const pact = await proposed();
    const res = await f.t.http
      .post(`/api/pacts/${pact.id}/decline`)
      .set('authorization', bearer(lab()))
      .set('idempotency-key', 'has space')
      .send({ reason: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_IDEMPOTENCY_KEY');
  });

  it('hashes a form-encoded body like any other: a refusal, never a server error', async () => {
    // Found by the fuzzer: the form parser's objects have no prototype, which the hash refused.
    const draft = await f.create({ title: 'Form body', propose: false });
    const res = await f.t.http
      .post(`/api/pacts/${draft.body.id as string}/propose`)
      .set('authorization', bearer(ld()))
      .set('idempotency-key', 'Yx\\3\\')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('hello');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
