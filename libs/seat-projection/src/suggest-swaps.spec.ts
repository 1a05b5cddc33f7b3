import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadBaseline } from './fixtures.spec-helper.js';
import {
  REGION_NEIGHBOURS,
  sameOrNeighbouring,
  suggestSwaps,
  type SwapOptions,
  type SwapSet,
  type SwapSuggestion,
} from './index.js';

const b2017 = loadBaseline('ge2017');
const b2024 = loadBaseline('ge2024');
const HASTINGS = 'E14000735';
const LEWES = 'E14000786';

function suggestions(options: SwapOptions, baseline = b2017): SwapSet {
  const found = suggestSwaps(baseline, options);
  if (!found.ok) {
    throw new Error(JSON.stringify(found.problems));
  }
  return found.value;
}

const seatsOf = (set: SwapSet) => set.swaps.flatMap((s) => s.legs.map((l) => l.onsCode));

const isHastingsForLewes = (s: SwapSuggestion) =>
  s.legs.some((l) => l.onsCode === LEWES && l.standsAside === 'lab' && l.beneficiary === 'ld') &&
  s.legs.some((l) => l.onsCode === HASTINGS && l.standsAside === 'ld' && l.beneficiary === 'lab');

describe('swap suggestions', () => {
  const options: SwapOptions = {
    parties: ['lab', 'ld'],
    region: 'south-east',
    transfers: 'upper-bound',
    seed: 2017,
  };
  const found = suggestions(options);

  it('rediscovers Hastings-for-Lewes from the GE2017 data as the swap for Hastings', () => {
    // In the whole South East Lewes has better partners than Hastings and Rye (Portsmouth South
    // with the calibrated noise), so the set pairs it elsewhere; asked for Hastings and Rye's
    // swaps, the best is Lewes.
    const forHastings = suggestions({ ...options, seats: [HASTINGS] });
    expect(forHastings.swaps).toHaveLength(1);
    const swap = forHastings.swaps.find(isHastingsForLewes);
    expect(swap).toBeDefined();
    expect(swap?.legs.find((l) => l.onsCode === LEWES)?.breakEven).toBeCloseTo(0.909, 3);
    expect(swap?.legs.find((l) => l.onsCode === HASTINGS)?.breakEven).toBeCloseTo(0.184, 3);
    expect(swap?.legs.every((l) => l.region === 'south-east')).toBe(true);
  });

  it('chooses swaps good for both sides, the best for both first, and totals them', () => {
    expect(found.swaps.length).toBeGreaterThan(3);
    expect(found).toMatchObject({ pairing: 'region', region: 'south-east' });
    for (const s of found.swaps) {
      const [a, b] = s.parties;
      expect(s.gains[a]).toBeGreaterThan(0);
      expect(s.gains[b]).toBeGreaterThan(0);
      expect(s.score).toBeCloseTo((s.gains[a] ?? 0) * (s.gains[b] ?? 0), 12);
      expect(s.legs[0].standsAside).toBe(a);
      expect(s.legs[1].standsAside).toBe(b);
    }
    // The first pick is the swap best for both (highest Nash product); later picks raise the Nash
    // product of the set's totals most, which favours the side behind.
    const scores = found.swaps.map((s) => s.score);
    expect(scores[0]).toBe(Math.max(...scores));
    const sum = (party: string) => found.swaps.reduce((t, s) => t + (s.gains[party] ?? 0), 0);
    expect(found.totals.lab).toBeCloseTo(sum('lab'), 12);
    expect(found.totals.ld).toBeCloseTo(sum('ld'), 12);
    expect(found.combined).toBeCloseTo(sum('lab') + sum('ld'), 12);
  });

  it('uses no seat twice and pairs within one region on GE2024 across Great Britain', () => {
    // The old ranking used South Shropshire and Farnham and Bordon 8 times each in its top 20.
    const set = suggestions({ parties: ['lab', 'ld'], transfers: 'central', seed: 1 }, b2024);
    expect(set.swaps).toHaveLength(20);
    expect(new Set(seatsOf(set)).size).toBe(40);
    expect(set.swaps.every((s) => s.legs[0].region === s.legs[1].region)).toBe(true);
    expect(new Set(set.swaps.map((s) => s.legs[0].region)).size).toBeGreaterThan(3);
  });

  it('keeps the set balanced between the two parties (GE2024 top 20: within 20 %)', () => {
    // Under one seat noise for all, swap by swap (each swap's own Nash product) the top 20 gave
    // Labour 3.57 and the Lib Dems 3.17 expected seats, and the set's own Nash product 3.50 and
    // 3.32. With the wider noise of small parties' strongholds the Lib Dems' gains in their
    // targets are less certain, and the swaps on offer favour Labour: 3.44 and 2.93 (a harmonic
    // rule picks the same totals).
    const set = suggestions({ parties: ['lab', 'ld'], transfers: 'central', seed: 1 }, b2024);
    const { lab = 0, ld = 0 } = set.totals;
    expect(Math.abs(lab - ld) / Math.max(lab, ld)).toBeLessThan(0.2);
    const product = (swaps: readonly { gains: Readonly<Record<string, number>> }[]) => {
      const total = (p: string) => swaps.reduce((t, s) => t + (s.gains[p] ?? 0), 0);
      return total('lab') * total('ld');
    };
    // Each pick is the one that raises the set's product most among the swaps still possible.
    set.swaps.forEach((pick, k) => {
      const before = set.swaps.slice(0, k);
      expect(product([...before, pick])).toBeGreaterThan(product(before));
    });
  });

  it('pairs bordering regions only when asked, and keeps one seat in the region asked', () => {
    const set = suggestions(
      { parties: ['lab', 'ld'], transfers: 'central', seed: 1, pairing: 'neighbours' },
      b2024,
    );
    expect(set.swaps.some((s) => s.legs[0].region !== s.legs[1].region)).toBe(true);
    for (const s of set.swaps) {
      expect(sameOrNeighbouring(s.legs[0].region, s.legs[1].region)).toBe(true);
    }
    const around = suggestions({ ...options, pairing: 'neighbours' });
    for (const s of around.swaps) {
      expect(s.legs.some((l) => l.region === 'south-east')).toBe(true);
    }
  });

  it('is deterministic for a seed', () => {
    expect(suggestions(options)).toEqual(found);
  });

  it('has only the locally weaker party stand aside', () => {
    for (const leg of found.swaps.flatMap((s) => s.legs)) {
      const seat = b2017.onsCodes.indexOf(leg.onsCode);
      const votes = (party: string) =>
        b2017.votes[seat * b2017.nParties + b2017.parties.indexOf(party)] ?? 0;
      expect(votes(leg.standsAside)).toBeLessThan(votes(leg.beneficiary));
    }
  });

  it('stops at the limit', () => {
    expect(suggestions({ ...options, limit: 2 }).swaps).toEqual(found.swaps.slice(0, 2));
  });

  it('returns problems for bad options', () => {
    const bad = suggestSwaps(b2017, {
      parties: ['lab'],
      region: 'atlantis',
      transfers: 'nope',
      pairing: 'anywhere' as 'region',
    });
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['parties', 'region', 'pairing']);
    const unknown = suggestSwaps(b2017, { parties: ['lab', 'ld'], transfers: 'nope' });
    expect(unknown.ok ? [] : unknown.problems.map((p) => p.code)).toEqual(['UNKNOWN_TRANSFER_SET']);
  });
});

describe('region adjacency', () => {
  it('is symmetric, irreflexive and names only known regions', () => {
    const regions = Object.keys(REGION_NEIGHBOURS);
    expect(regions.sort()).toEqual([...new Set(b2017.regions)].sort());
    for (const [region, neighbours] of Object.entries(REGION_NEIGHBOURS)) {
      expect(neighbours).not.toContain(region);
      for (const n of neighbours) {
        expect(REGION_NEIGHBOURS[n]).toContain(region);
      }
    }
    expect(REGION_NEIGHBOURS['northern-ireland']).toEqual([]);
    expect(sameOrNeighbouring('west-midlands', 'south-east')).toBe(true);
    expect(sameOrNeighbouring('london', 'south-west')).toBe(false);
    expect(sameOrNeighbouring('scotland', 'wales')).toBe(false);
  });
});

describe('swap sets (properties)', () => {
  const REGIONS = [...new Set(b2017.regions)].filter((r) => r !== 'northern-ireland');
  const optionsArb: fc.Arbitrary<SwapOptions> = fc.record({
    parties: fc.shuffledSubarray(['lab', 'ld', 'green', 'con', 'snp'], {
      minLength: 2,
      maxLength: 3,
    }),
    region: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
    pairing: fc.constantFrom('region' as const, 'neighbours' as const),
    transfers: fc.constantFrom('central', 'upper-bound'),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    limit: fc.integer({ min: 1, max: 60 }),
    draws: fc.constant(200),
    seats: fc.option(fc.uniqueArray(fc.constantFrom(...b2017.onsCodes), { maxLength: 40 }), {
      nil: undefined,
    }),
  });

  it('never uses a seat twice, respects the pairing, the region and the seats, and is deterministic', () => {
    fc.assert(
      fc.property(optionsArb, (options) => {
        const set = suggestions(options);
        const seats = seatsOf(set);
        expect(new Set(seats).size).toBe(seats.length);
        expect(set.swaps.length).toBeLessThanOrEqual(options.limit ?? 20);
        for (const s of set.swaps) {
          const [x, y] = s.legs;
          if (options.pairing === 'region') {
            expect(x.region).toBe(y.region);
          } else {
            expect(sameOrNeighbouring(x.region, y.region)).toBe(true);
          }
          if (options.region !== undefined) {
            expect([x.region, y.region]).toContain(options.region);
          }
          if (options.seats !== undefined) {
            expect(options.seats.includes(x.onsCode) || options.seats.includes(y.onsCode)).toBe(
              true,
            );
          }
          expect(Object.values(s.gains).every((g) => g > 0)).toBe(true);
        }
        expect(suggestions(options)).toEqual(set);
      }),
      { numRuns: 12, seed: 16 },
    );
  });
});
