// Suggestions priced where pacts are (issue 16): by default on the current scenario of the next
// election on the results asked about, `?scenario=<id>` on another published one, `none` on the
// results themselves; the response says which, in a pact impact's words, and a bad pick is
// refused with a pact impact's codes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoTokens, get, post, tokenIn } from '../support/pacts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { LABOUR_SLUMP } from '../support/scenario-fixtures.js';

let t: TestApp;
let as: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  as = await demoTokens(t, ['member.lab', 'admin']);
});
afterAll(async () => {
  await t.close();
});

interface SwapSet {
  election: string;
  scenario: { id: string; name: string; source: string; asOf: string } | null;
  projectedOn: string;
  items: { legs: { onsCode: string }[]; gains: Record<string, number> }[];
  totals: Record<string, number>;
  candidates: number;
}

const SOUTH_WEST =
  '/api/projections/suggestions?election=ge2024&parties=lab,ld&region=south-west&transfers=central';

const put = (path: string, body: object) =>
  t.http
    .put(path)
    .set('authorization', `Bearer ${tokenIn(as, 'admin')}`)
    .send(body);

async function suggestions(query: string): Promise<SwapSet> {
  const res = await get(t, tokenIn(as, 'member.lab'), query);
  expect(res.status).toBe(200);
  return res.body as SwapSet;
}

const seatsOf = (set: SwapSet) => set.items.flatMap((s) => s.legs.map((l) => l.onsCode));

describe('suggestions on a scenario', () => {
  it('price on the next election’s current scenario by default, the result itself with none', async () => {
    // No current scenario yet: the 2024 result, and `none` says the same.
    const baseline = await suggestions(SOUTH_WEST);
    expect(baseline).toMatchObject({
      election: 'ge2024',
      scenario: null,
      projectedOn: 'baseline: GE2024 result',
    });
    expect(baseline.items.length).toBeGreaterThan(0);
    expect(await suggestions(`${SOUTH_WEST}&scenario=none`)).toEqual(baseline);

    const published = await post(t, tokenIn(as, 'admin'), '/api/scenarios', LABOUR_SLUMP);
    expect(published.status).toBe(201);
    const id = published.body.id as string;
    const set = await put('/api/contests/next-general/scenario', { scenario: id });
    expect(set.status).toBe(200);

    // GE2024 results are the next general election's baseline: its scenario is now the default.
    const slump = await suggestions(SOUTH_WEST);
    expect(slump.scenario).toEqual({
      id,
      name: 'Labour slump',
      source: 'Test polls',
      asOf: '2026-11-28',
    });
    expect(slump.projectedOn).toBe('Labour slump (Test polls, as of 2026-11-28)');
    // Ten points off Labour changes which swaps pay and what they pay.
    expect(seatsOf(slump)).not.toEqual(seatsOf(baseline));
    expect(slump.totals).not.toEqual(baseline.totals);
    // Naming it gives the same set; `none` still gives the 2024 result's.
    expect(await suggestions(`${SOUTH_WEST}&scenario=${id}`)).toEqual(slump);
    expect(await suggestions(`${SOUTH_WEST}&scenario=none`)).toEqual(baseline);

    // GE2017 results are another contest's baseline (GE2019, no scenario): untouched.
    const ge2017 = await suggestions(
      '/api/projections/suggestions?election=ge2017&parties=lab,ld&region=south-east&limit=3',
    );
    expect(ge2017).toMatchObject({ scenario: null, projectedOn: 'baseline: GE2017 result' });

    const cleared = await put('/api/contests/next-general/scenario', { scenario: null });
    expect(cleared.status).toBe(200);
    expect(await suggestions(SOUTH_WEST)).toEqual(baseline);
  });

  it('refuses a scenario that is not published (422), malformed (400) or on other boundaries (422)', async () => {
    const token = tokenIn(as, 'member.lab');
    const unknown = await get(
      t,
      token,
      `${SOUTH_WEST}&scenario=00000000-0000-4000-8000-000000000000`,
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('UNKNOWN_SCENARIO');
    expect(unknown.body.message).toMatch(/^scenario:/);

    const malformed = await get(t, token, `${SOUTH_WEST}&scenario=bogus`);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('scenario');

    // Published on GE2017, so on the 2010 boundaries: not for the 2024 seats.
    const old = await post(t, tokenIn(as, 'admin'), '/api/scenarios', {
      ...LABOUR_SLUMP,
      name: 'Polls, December 2019',
      election: 'ge2017',
      swing: { model: 'uniform', shares: { con: 44, lab: 32, ld: 12 } },
    });
    expect(old.status).toBe(201);
    const mismatch = await get(t, token, `${SOUTH_WEST}&scenario=${old.body.id}`);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('SCENARIO_BOUNDARY_MISMATCH');
    expect(mismatch.body.message).toContain('2010 boundaries');
  });
});
