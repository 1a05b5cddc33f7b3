import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadBaseline } from './fixtures.spec-helper.js';
import {
  customTransferSet,
  prepareScenario,
  project,
  projectDeterministic,
  simulate,
  type Swing,
  type PreparedScenario,
  type Scenario,
  type StandAside,
  type TransferSet,
} from './index.js';

const b2017 = loadBaseline('ge2017');
const PARTIES = ['lab', 'ld', 'green', 'snp', 'pc'];

function prepared(scenario: Scenario): PreparedScenario {
  const p = prepareScenario(b2017, scenario);
  if (!p.ok) {
    throw new Error(JSON.stringify(p.problems));
  }
  return p.value;
}

/** Up to 30 stand-asides in distinct seats, each between two different progressive parties. */
const standAsides: fc.Arbitrary<StandAside[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 649 }), { maxLength: 30 })
  .chain((seats) =>
    fc.tuple(
      ...seats.map((seat) =>
        fc
          .tuple(fc.constantFrom(...PARTIES), fc.constantFrom(...PARTIES))
          .filter(([a, b]) => a !== b)
          .map(([party, beneficiary]) => ({
            party,
            beneficiary,
            constituency: b2017.onsCodes[seat] ?? '',
          })),
      ),
    ),
  );

const swing: fc.Arbitrary<Swing | undefined> = fc.option(
  fc.record({
    model: fc.constantFrom('uniform' as const, 'proportional' as const),
    shares: fc.record({
      con: fc.integer({ min: 25, max: 50 }),
      lab: fc.integer({ min: 25, max: 45 }),
    }),
  }),
  { nil: undefined },
);

const transfers = fc.constantFrom('central', 'low', 'high', 'upper-bound');

function fixedRate(r: number): TransferSet {
  // Lab → LD and Green → LD vary; the other legs stay put.
  const set = customTransferSet('r', {
    lab: { ld: r, green: 0.1 },
    green: { lab: 0.5, ld: r / 4 },
  });
  if (!set.ok) {
    throw new Error('invalid');
  }
  return set.value;
}

describe('invariants', () => {
  it('seats sum to 650 in every draw and nobody gets negative seats', () => {
    fc.assert(
      fc.property(standAsides, swing, transfers, fc.integer(), (sa, sw, t, seed) => {
        const p = prepared({ standAsides: sa, transfers: t, swing: sw });
        const tally = simulate(p, { seed, draws: 12, keepDrawTotals: true });
        const totals = tally.drawTotals ?? new Int32Array();
        for (let d = 0; d < tally.draws; d++) {
          const row = totals.subarray(d * p.nParties, (d + 1) * p.nParties);
          expect(row.reduce((a, b) => a + b, 0)).toBe(650);
          expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
        }
        const det = project(p);
        expect(Object.values(det.seats).reduce((n, s) => n + s.after, 0)).toBe(650);
      }),
      { numRuns: 20 },
    );
  });

  it('a stand-aside never lowers the beneficiary’s deterministic vote, and no vote is negative', () => {
    fc.assert(
      fc.property(standAsides, swing, transfers, (sa, sw, t) => {
        const p = prepared({ standAsides: sa, transfers: t, swing: sw });
        const outcome = projectDeterministic(p);
        for (let k = 0; k < p.standAsides.length; k++) {
          const e = p.saBeneficiaryEntry[k] ?? -1;
          expect(outcome.votesAfter[e]).toBeGreaterThanOrEqual(p.entryVotes[e] ?? Infinity);
        }
        expect(Math.min(...outcome.votesAfter, ...p.entryVotes)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 40 },
    );
  });

  it('a higher transfer rate to the beneficiary never lowers its win probability (same seed)', () => {
    const pairs = fc
      .tuple(
        fc.double({ min: 0, max: 0.85, noNaN: true }),
        fc.double({ min: 0, max: 0.85, noNaN: true }),
      )
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
    const toLd = standAsides.map((list) =>
      list.map((s) => ({ ...s, party: s.party === 'ld' ? 'green' : s.party, beneficiary: 'ld' })),
    );
    fc.assert(
      fc.property(toLd, pairs, fc.integer(), (sa, [low, high], seed) => {
        const valid = sa.filter((s) => s.party !== 'ld');
        const lower = prepared({ standAsides: valid, transfers: fixedRate(low) });
        const higher = prepared({ standAsides: valid, transfers: fixedRate(high) });
        const a = simulate(lower, { seed, draws: 40 });
        const b = simulate(higher, { seed, draws: 40 });
        const ld = lower.parties.indexOf('ld');
        for (let seat = 0; seat < lower.nSeats; seat++) {
          expect(b.winsAfter[seat * lower.nParties + ld]).toBeGreaterThanOrEqual(
            a.winsAfter[seat * lower.nParties + ld] ?? Infinity,
          );
        }
      }),
      { numRuns: 25 },
    );
  });

  it('is reproducible from the seed', () => {
    fc.assert(
      fc.property(standAsides, transfers, fc.oneof(fc.integer(), fc.string()), (sa, t, seed) => {
        const p = prepared({ standAsides: sa, transfers: t });
        const run = () => JSON.stringify(project(p, { seed, draws: 15, include: 'touched' }));
        expect(run()).toBe(run());
      }),
      { numRuns: 15 },
    );
  });
});
