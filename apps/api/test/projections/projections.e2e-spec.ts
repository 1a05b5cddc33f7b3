import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseUniteToRemain } from '@pactroom/election-data';
import { bearer, createAccount, login } from '../support/factories.js';
import { demoTokens, get, HASTINGS_FOR_LEWES, proposeHastingsForLewes } from '../support/pacts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let as: Record<string, string>;
let member: string;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  as = await demoTokens(t, ['officer.ld.hastings', 'officer.lab.lewes', 'member.green']);
  member = (await login(t, (await createAccount(t, [{ role: 'member', party: 'lab' }])).email))
    .accessToken;
});
afterAll(async () => {
  await t.close();
});

const project = (body: object, query = '') =>
  t.http.post(`/api/projections${query}`).set('authorization', bearer(member)).send(body);
const SEATS_2017 = {
  con: 317,
  lab: 262,
  snp: 35,
  ld: 12,
  dup: 10,
  sf: 7,
  pc: 4,
  green: 1,
  speaker: 1,
  ind: 1,
};

describe('transfer matrices', () => {
  it('lists the named, sourced sets, the upper bound labelled as such', async () => {
    const res = await get(t, member, '/api/transfer-matrices');
    expect(res.status).toBe(200);
    const names = res.body.items.map((s: { name: string }) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['central', 'pessimistic', 'optimistic', 'upper-bound']),
    );
    const upper = res.body.items.find((s: { name: string }) => s.name === 'upper-bound');
    expect(upper.kind).toBe('upper-bound');
    expect(upper.description.toLowerCase()).toContain('upper bound');
  });

  it('shows every rate with its range and citation', async () => {
    const res = await get(t, member, '/api/transfer-matrices/central');
    const greenToLab = res.body.rates.find(
      (r: { from: string; to: string }) => r.from === 'green' && r.to === 'lab',
    );
    expect(greenToLab.low).toBeLessThanOrEqual(greenToLab.central);
    expect(greenToLab.central).toBeLessThanOrEqual(greenToLab.high);
    expect(greenToLab.source.length).toBeGreaterThan(10);
    expect((await get(t, member, '/api/transfer-matrices/nope')).status).toBe(404);
  });
});

describe('POST /api/projections', () => {
  it.each([
    ['ge2015', { con: 330, lab: 232, snp: 56 }],
    ['ge2017', SEATS_2017],
    ['ge2019', { con: 365, lab: 202, snp: 48, ld: 11 }],
    ['ge2024', { lab: 411, con: 121, ld: 72, reform: 5 }],
  ])('reproduces %s exactly with no stand-asides', async (election, expected) => {
    const res = await project({ election, standAsides: [] });
    expect(res.status).toBe(200);
    for (const [party, seats] of Object.entries(expected)) {
      expect(res.body.seats[party]).toMatchObject({ before: seats, after: seats });
    }
    expect(
      Object.values(res.body.seats as Record<string, { after: number }>).reduce(
        (a, s) => a + s.after,
        0,
      ),
    ).toBe(650);
    expect(res.body.flips).toEqual([]);
  });

  it('gives the Hastings and Lewes break-evens under the upper bound', async () => {
    const res = await project({
      election: 'ge2017',
      standAsides: HASTINGS_FOR_LEWES.standAsides,
      transfers: 'upper-bound',
    });
    const constituencies = res.body.constituencies as {
      onsCode: string;
      breakEven: { from: string; to: string; rate: number };
    }[];
    const seat = (code: string) => constituencies.find((c) => c.onsCode === code);
    expect(seat('E14000735')?.breakEven).toMatchObject({ from: 'ld', to: 'lab' });
    expect(seat('E14000735')?.breakEven.rate).toBeCloseTo(0.184, 3);
    expect(seat('E14000786')?.breakEven.rate).toBeCloseTo(0.909, 3);
    expect(res.body.transferSet).toMatchObject({ name: 'upper-bound', kind: 'upper-bound' });
    expect(res.body.constituencies).toHaveLength(2);
    expect(
      (
        await project(
          { election: 'ge2017', standAsides: HASTINGS_FOR_LEWES.standAsides },
          '?all=true',
        )
      ).body.constituencies,
    ).toHaveLength(650);
  });

  it('fills a missing beneficiary with the party the stand-aside’s voters favour', async () => {
    const res = await project({
      election: 'ge2017',
      standAsides: [{ party: 'ld', constituency: 'E14000735' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.constituencies[0].breakEven).toMatchObject({ from: 'ld', to: 'lab' });
  });

  it('projects the 60 Unite to Remain stand-asides on the 2017 baseline', async () => {
    const seats = parseUniteToRemain(
      readFileSync(
        new URL('../../../../libs/election-data/data/unite_to_remain_2019.csv', import.meta.url),
        'utf8',
      ),
    ).filter((s) => s.arrangement === 'unite_to_remain');
    const standAsides = seats.flatMap((s) =>
      s.partiesStandingAside.map((party) => ({
        party,
        constituency: s.onsCode,
        beneficiary: s.beneficiary,
      })),
    );
    const res = await project({ election: 'ge2017', standAsides });
    expect(res.status).toBe(200);
    expect(res.body.constituencies).toHaveLength(60);
    for (const c of res.body.constituencies as { winnerAfter: string; breakEven?: unknown }[]) {
      expect(typeof c.winnerAfter).toBe('string');
      expect(c).toHaveProperty('breakEven');
    }
  });

  it('is reproducible: the same seed gives a byte-identical Monte Carlo response', async () => {
    const body = {
      election: 'ge2017',
      standAsides: HASTINGS_FOR_LEWES.standAsides,
      simulations: 2000,
      seed: 42,
    };
    const [a, b] = await Promise.all([project(body), project(body)]);
    expect(a.status).toBe(200);
    expect(a.text).toBe(b.text);
    const other = await project({ ...body, seed: 43 });
    expect(other.text).not.toBe(a.text);
    const hastings = a.body.constituencies.find(
      (c: { onsCode: string }) => c.onsCode === 'E14000735',
    );
    const p = hastings.winProbability as Record<string, number>;
    expect(Object.values(p).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
  });

  it('keeps the event loop free while a large run is in the worker', async () => {
    const big = project({
      election: 'ge2017',
      standAsides: HASTINGS_FOR_LEWES.standAsides,
      simulations: 20_000,
      seed: 7,
    });
    let healthDone = false;
    let bigDone = false;
    const [health] = await Promise.all([
      t.http.get('/api/health').then((r) => {
        healthDone = !bigDone;
        return r;
      }),
      big.then(() => {
        bigDone = true;
      }),
    ]);
    expect(health.status).toBe(200);
    expect(healthDone).toBe(true);
  });

  it.each([
    ['more than 20,000 simulations', { simulations: 20_001 }, 400, 'VALIDATION_FAILED'],
    ['a negative seed', { seed: -1 }, 400, 'VALIDATION_FAILED'],
    ['a rate above 1', { transfers: { ld: { lab: 1.5 } } }, 400, 'INVALID_TRANSFERS'],
    [
      'a row summing above 1',
      { transfers: { ld: { lab: 0.7, green: 0.5 } } },
      400,
      'INVALID_TRANSFERS',
    ],
    ['a malformed matrix', { transfers: { ld: ['lab'] } }, 400, 'VALIDATION_FAILED'],
    ['an unknown election', { election: 'ge1997' }, 422, 'UNKNOWN_ELECTION'],
    [
      'an unknown constituency',
      { standAsides: [{ party: 'ld', constituency: 'E14999999', beneficiary: 'lab' }] },
      422,
      'INVALID_SCENARIO',
    ],
    ['an unknown transfer set', { transfers: 'hopeful' }, 422, 'INVALID_SCENARIO'],
    [
      'a swing to an unknown region',
      { swing: { model: 'uniform', regions: { atlantis: { lab: 40 } } } },
      422,
      'INVALID_SCENARIO',
    ],
    [
      'a swing with a malformed region',
      { swing: { model: 'uniform', regions: { Atlantis: { lab: 40 } } } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a swing over 100 %',
      { swing: { model: 'uniform', shares: { lab: 80, con: 40 } } },
      422,
      'INVALID_SCENARIO',
    ],
  ])('refuses %s', async (_name, patch, status, code) => {
    const res = await project({
      election: 'ge2017',
      standAsides: HASTINGS_FOR_LEWES.standAsides,
      ...patch,
    });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('accepts a valid custom matrix and a swing', async () => {
    const res = await project({
      election: 'ge2017',
      standAsides: HASTINGS_FOR_LEWES.standAsides,
      transfers: { ld: { lab: 0.5, con: 0.2 }, lab: { ld: { low: 0.2, central: 0.3, high: 0.4 } } },
      swing: { model: 'proportional', shares: { con: 38, lab: 38, ld: 10 } },
    });
    expect(res.status).toBe(200);
    expect(res.body.transferSet.name).toBe('custom');
  });
});

describe('POST /api/projections with a regional swing', () => {
  it('swings Scotland on its own shares, names a new party after a proxy and gives share bands', async () => {
    const res = await project({
      election: 'ge2017',
      standAsides: [{ party: 'ld', constituency: 'E14000735', beneficiary: 'lab' }],
      swing: {
        model: 'uniform',
        shares: { con: 40, lab: 38, ld: 10, brexit: 4 },
        regions: { scotland: { snp: 45, lab: 20, con: 22, ld: 9 } },
        proxies: { brexit: 'ukip' },
      },
      simulations: 500,
      seed: 7,
    });
    expect(res.status).toBe(200);
    expect(res.body.swing).toMatchObject({ regions: { scotland: { snp: 45 } } });
    const [hastings] = res.body.constituencies as {
      shareBands: Record<string, { p5: number; p50: number; p95: number }>;
      votesBefore: Record<string, number>;
    }[];
    expect(hastings?.votesBefore.brexit).toBeGreaterThan(0);
    const lab = hastings?.shareBands.lab;
    expect(lab?.p5).toBeLessThan(lab?.p50 ?? 0);
    expect(lab?.p50).toBeLessThan(lab?.p95 ?? 0);
    expect(hastings?.shareBands.ld).toBeUndefined();
  });
});

describe('pact impact', () => {
  it('shows the impact of a visible pact’s current revision, lopsided under central rates and calibrated noise', async () => {
    const created = await proposeHastingsForLewes(t, as['officer.ld.hastings'] ?? '', {
      title: 'Impact',
    });
    // The same seeded draws as /impact by default (issue 16: one impact).
    expect(created.body.impact).toMatchObject({
      election: 'ge2017',
      transferSet: 'central',
      draws: 2000,
      seed: 1,
      scenario: null,
    });
    const id = created.body.id;
    const impact = await get(t, as['officer.lab.lewes'] ?? '', `/api/pacts/${id}/impact?seed=3`);
    expect(impact.status).toBe(200);
    expect(impact.body.seats).toHaveLength(2);
    const { lab, ld } = impact.body.balance as Record<string, { net: number; gains: number }>;
    // Lopsided: Hastings (346 votes in 2017) is already a coin flip for Labour, so the few Lib Dem
    // votes it receives move it little; Labour's larger vote moves Lewes more for the Lib Dems.
    expect(ld?.gains).toBeGreaterThan(2 * (lab?.gains ?? 0));
    expect(ld?.net).toBeGreaterThan(0);
    expect(lab?.net).toBeLessThan(0);
    expect((await get(t, as['member.green'] ?? '', `/api/pacts/${id}/impact`)).status).toBe(404);
    expect(
      (await get(t, as['officer.lab.lewes'] ?? '', `/api/pacts/${id}`)).body.impact.seats,
    ).toHaveLength(2);
  });

  it('answers many askers of one impact with one run, beyond one account’s two projections', async () => {
    const created = await proposeHastingsForLewes(t, as['officer.ld.hastings'] ?? '', {
      title: 'Impact asked at once',
    });
    const id = created.body.id as string;
    // A seed nobody has asked for: the first asker starts the run, the other seven share it
    // (without sharing, the account's third concurrent projection would be 429).
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        get(t, as['officer.lab.lewes'] ?? '', `/api/pacts/${id}/impact?seed=4242`),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const bodies = new Set(answers.map((a) => JSON.stringify(a.body.balance)));
    expect(bodies.size).toBe(1);
  });
});

describe('suggestions', () => {
  it('rediscovers Hastings-for-Lewes for lab,ld in the South East on GE2017 under the upper bound', async () => {
    // The whole South East pairs Lewes with a better partner; Hastings and Rye's own swap is Lewes.
    const res = await get(
      t,
      member,
      '/api/projections/suggestions?election=ge2017&parties=lab,ld&region=south-east&seats=E14000735&transfers=upper-bound&limit=10',
    );
    expect(res.status).toBe(200);
    const found = (
      res.body.items as {
        legs: { onsCode: string; standsAside: string; beneficiary: string }[];
        gains: Record<string, number>;
      }[]
    ).find(
      (s) =>
        s.legs.some((l) => l.onsCode === 'E14000735' && l.standsAside === 'ld') &&
        s.legs.some((l) => l.onsCode === 'E14000786' && l.standsAside === 'lab'),
    );
    expect(found).toBeDefined();
    expect(Object.keys(found?.gains ?? {}).sort()).toEqual(['lab', 'ld']);
  });

  it('refuses a single party', async () => {
    expect(
      (await get(t, member, '/api/projections/suggestions?election=ge2017&parties=lab')).status,
    ).toBe(400);
  });
});

describe('hemicycle', () => {
  it('draws 650 seats before and after, coloured by party, with the majority line', async () => {
    const res = await get(
      t,
      member,
      '/api/projections/hemicycle.svg?election=ge2017&standAsides=ld:E14000735:lab,lab:E14000786:ld&transfers=upper-bound',
    )
      .buffer(true)
      .parse((stream, done) => {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        stream.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    const svg = res.body as string;
    expect(svg).toContain('<svg');
    expect(svg).toContain('326');
    const charts = svg.split('<g class="chart"').slice(1);
    expect(charts).toHaveLength(2);
    const count = (chart: string) => {
      const counts: Record<string, number> = {};
      for (const m of chart.matchAll(/<circle[^>]*class="seat"[^>]*data-party="([a-z]+)"/g)) {
        counts[m[1] ?? ''] = (counts[m[1] ?? ''] ?? 0) + 1;
      }
      return counts;
    };
    const before = count(charts[0] ?? '');
    const after = count(charts[1] ?? '');
    expect(before).toEqual(SEATS_2017);
    // And by colour, as a reader sees it: each party's colour (GET /api/parties) on its seat count.
    const parties = (await get(t, member, '/api/parties')).body.items as {
      code: string;
      colour: string;
    }[];
    const colourOf = Object.fromEntries(parties.map((p) => [p.code, p.colour]));
    const byColour: Record<string, number> = {};
    for (const m of (charts[0] ?? '').matchAll(
      /<circle[^>]*class="seat"[^>]*fill="(#[0-9A-Fa-f]{6})"/g,
    )) {
      byColour[m[1] ?? ''] = (byColour[m[1] ?? ''] ?? 0) + 1;
    }
    const expectedByColour: Record<string, number> = {};
    for (const [party, n] of Object.entries(SEATS_2017)) {
      const colour = colourOf[party] ?? '';
      expectedByColour[colour] = (expectedByColour[colour] ?? 0) + n;
    }
    expect(byColour).toEqual(expectedByColour);
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(650);
    // Under the upper bound Labour gains Hastings and Rye (majority 346 < 1,885 LD votes) and the
    // Lib Dems gain Lewes (majority 5,508 < 6,060 Labour votes), both from the Conservatives.
    expect(after).toEqual({ ...SEATS_2017, con: 315, lab: 263, ld: 13 });
  });
});
