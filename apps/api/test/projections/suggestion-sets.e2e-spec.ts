// GET /api/projections/suggestions: a set of swaps that can be signed together, and for each leg
// the active local parties (of the party standing aside and of the beneficiary) that would carry it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalParty } from '../support/factories.js';
import { demoTokens, get, localPartyId, post, tokenIn } from '../support/pacts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let as: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  as = await demoTokens(t, ['member.lab', 'admin']);
});
afterAll(async () => {
  await t.close();
});

interface LocalPartyRef {
  id: string;
  name: string;
  region: string;
}
interface Leg {
  onsCode: string;
  name: string;
  region: string;
  standsAside: string;
  beneficiary: string;
  localParties: { standsAside: LocalPartyRef | null; beneficiary: LocalPartyRef | null };
}
interface Swap {
  parties: string[];
  legs: Leg[];
  gains: Record<string, number>;
  carried: boolean;
}
interface SwapSet {
  pairing: string;
  region: string | null;
  items: Swap[];
  totals: Record<string, number>;
  combined: number;
  candidates: number;
  nextCursor: null;
}

const HASTINGS = 'E14000735';
const LEWES = 'E14000786';
const PORTSMOUTH_SOUTH = 'E14000884';
const SE_UPPER =
  '/api/projections/suggestions?election=ge2017&parties=lab,ld&region=south-east&transfers=upper-bound';

async function suggestions(query: string): Promise<SwapSet> {
  const res = await get(t, tokenIn(as, 'member.lab'), query);
  expect(res.status).toBe(200);
  return res.body as SwapSet;
}

const legIn = (set: SwapSet, onsCode: string) =>
  set.items.flatMap((s) => s.legs).find((l) => l.onsCode === onsCode);

describe('suggested swap sets', () => {
  it('names the local parties that would carry Hastings-for-Lewes, each leg both sides', async () => {
    const set = await suggestions(`${SE_UPPER}&seats=${HASTINGS}`);
    expect(set).toMatchObject({ pairing: 'region', region: 'south-east', nextCursor: null });
    expect(set.items).toHaveLength(1);
    const [swap] = set.items;
    expect(swap?.carried).toBe(true);
    expect(legIn(set, HASTINGS)).toMatchObject({
      standsAside: 'ld',
      beneficiary: 'lab',
      region: 'south-east',
      localParties: {
        standsAside: {
          id: await localPartyId(t, 'Hastings and Rye Liberal Democrats'),
          name: 'Hastings and Rye Liberal Democrats',
        },
        beneficiary: {
          id: await localPartyId(t, 'Hastings and Rye Labour'),
          name: 'Hastings and Rye Labour',
        },
      },
    });
    expect(legIn(set, LEWES)?.localParties).toEqual({
      standsAside: {
        id: await localPartyId(t, 'Lewes Labour'),
        name: 'Lewes Labour',
        region: 'south-east',
      },
      beneficiary: {
        id: await localPartyId(t, 'Lewes Liberal Democrats'),
        name: 'Lewes Liberal Democrats',
        region: 'south-east',
      },
    });
    expect(set.totals.lab).toBeCloseTo(swap?.gains.lab ?? NaN, 12);
    expect(set.totals.ld).toBeCloseTo(swap?.gains.ld ?? NaN, 12);
  });

  it('uses no seat twice, pairs within one region, and says null where no local party exists', async () => {
    const set = await suggestions(
      '/api/projections/suggestions?election=ge2017&parties=lab,ld&transfers=central',
    );
    expect(set.items.length).toBeGreaterThan(5);
    const seats = set.items.flatMap((s) => s.legs.map((l) => l.onsCode));
    expect(new Set(seats).size).toBe(seats.length);
    for (const swap of set.items) {
      expect(swap.legs[0]?.region).toBe(swap.legs[1]?.region);
      expect(Object.values(swap.gains).every((g) => g > 0)).toBe(true);
      const missing = swap.legs.some(
        (l) => l.localParties.standsAside === null || l.localParties.beneficiary === null,
      );
      expect(swap.carried).toBe(!missing);
    }
    // The demo has local parties in three seats only: most legs have none.
    expect(set.items.some((s) => !s.carried)).toBe(true);
    const sum = set.items.reduce((x, s) => x + (s.gains.lab ?? 0), 0);
    expect(set.totals.lab).toBeCloseTo(sum, 12);
  });

  it('pairs bordering regions when asked, one seat in the region asked', async () => {
    const set = await suggestions(`${SE_UPPER}&pairing=neighbours`);
    expect(set.pairing).toBe('neighbours');
    for (const swap of set.items) {
      expect(swap.legs.some((l) => l.region === 'south-east')).toBe(true);
    }
  });

  it('counts a new local party at once and a retired one no longer', async () => {
    // Lewes's best partner in the South East at the upper bound is Portsmouth South.
    const query = `${SE_UPPER}&seats=${LEWES}`;
    const before = await suggestions(query);
    expect(legIn(before, PORTSMOUTH_SOUTH)?.localParties).toEqual({
      standsAside: null,
      beneficiary: null,
    });
    const id = await createLocalParty(t, 'lab', PORTSMOUTH_SOUTH, 'Portsmouth South Labour');
    const created = await suggestions(query);
    expect(legIn(created, PORTSMOUTH_SOUTH)?.localParties).toEqual({
      standsAside: null,
      beneficiary: { id, name: 'Portsmouth South Labour', region: 'south-east' },
    });
    const retired = await post(t, tokenIn(as, 'admin'), `/api/local-parties/${id}/retire`, {
      reason: 'Merged into Berkshire Labour',
    });
    expect(retired.status).toBe(200);
    const after = await suggestions(query);
    expect(legIn(after, PORTSMOUTH_SOUTH)?.localParties.beneficiary).toBeNull();
  });

  it('refuses a bad pairing (400, naming the field) and a seat not in the election (422)', async () => {
    const token = tokenIn(as, 'member.lab');
    const bad = await get(t, token, `${SE_UPPER}&pairing=anywhere`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('pairing');
    const malformed = await get(t, token, `${SE_UPPER}&seats=Hastings`);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('seats');
    // A 2024-boundary code is not a GE2017 seat.
    const unknown = await get(t, token, `${SE_UPPER}&seats=E14001274`);
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body)).toContain('E14001274');
  });
});
