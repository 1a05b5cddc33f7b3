import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadBaseline } from './fixtures.spec-helper.js';
import {
  applySwing,
  FIRST_DEFENCE_BONUS,
  nationalShares,
  prepareScenario,
  project,
  swingProblems,
  type Swing,
} from './index.js';

const b2017 = loadBaseline('ge2017');

function seatsUnder(swing: Swing | undefined): Record<string, number> {
  const prepared = prepareScenario(b2017, { standAsides: [], transfers: 'central', swing });
  if (!prepared.ok) {
    throw new Error(JSON.stringify(prepared.problems));
  }
  return Object.fromEntries(
    Object.entries(project(prepared.value).seats).map(([p, s]) => [p, s.after]),
  );
}

describe('national swing', () => {
  it('starts from national shares that sum to 100 %', () => {
    const shares = nationalShares(b2017);
    expect(Object.values(shares).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    expect(shares.con).toBeCloseTo(42.3, 1);
    expect(shares.lab).toBeCloseTo(40.0, 1);
  });

  it.each(['uniform', 'proportional'] as const)(
    '%s swing to the baseline shares changes nothing (without the first-defence bonus)',
    (model) => {
      const same = { model, shares: nationalShares(b2017, 'gb'), firstDefence: false };
      const swung = applySwing(b2017, same);
      const worst = swung.votes.reduce(
        (m, v, i) => Math.max(m, Math.abs(v - (b2017.votes[i] ?? NaN))),
        0,
      );
      expect(worst).toBeLessThan(1e-6);
      expect(seatsUnder(same)).toEqual(seatsUnder(undefined));
    },
  );

  it("gives first-term MPs' seats their bonus and still meets the shares", () => {
    const shares = nationalShares(b2017, 'gb');
    const swung = applySwing(b2017, { model: 'uniform', shares });
    const n = b2017.nParties;
    const shareOf = (votes: Float64Array, seat: number, p: number) =>
      votes[seat * n + p] / b2017.validVotes[seat];
    let first = 0;
    let moved = 0;
    let rest = 0;
    let others = 0;
    for (let seat = 0; seat < b2017.nSeats; seat++) {
      if (b2017.regions[seat] === 'northern-ireland') {
        continue;
      }
      const w = b2017.winners[seat];
      const change = shareOf(swung.votes, seat, w) - shareOf(b2017.votes, seat, w);
      if (b2017.firstTerm[seat]) {
        first++;
        moved += change;
      } else {
        rest++;
        others += change;
      }
    }
    expect(first).toBeGreaterThan(80);
    // Relative to the winners' other seats the first-term seats gain about the bonus.
    const mean = moved / first - others / rest;
    expect(mean).toBeGreaterThan(0.6 * FIRST_DEFENCE_BONUS);
    expect(mean).toBeLessThan(1.1 * FIRST_DEFENCE_BONUS);
    const met = nationalShares({ ...b2017, votes: swung.votes, residual: swung.residual }, 'gb');
    for (const [party, target] of Object.entries(shares)) {
      expect(met[party]).toBeCloseTo(target, 1);
    }
  });

  it.each(['uniform', 'proportional'] as const)(
    '%s swing from Con to Lab moves seats to Labour',
    (model) => {
      const seats = seatsUnder({ model, shares: { con: 38, lab: 44 } });
      expect(seats.lab).toBeGreaterThan(262);
      expect(seats.con).toBeLessThan(317);
      expect(Object.values(seats).reduce((a, b) => a + b, 0)).toBe(650);
    },
  );

  it('names the problems of a bad poll', () => {
    const codes = swingProblems(b2017, {
      model: 'uniform',
      shares: { con: 60, lab: 50, reform: 5, ld: -1 },
    }).map((p) => [p.code, p.path]);
    expect(codes).toEqual([
      ['INVALID_SWING', 'swing.shares.ld'],
      ['INVALID_SWING', 'swing.shares'],
    ]);
  });

  it('never gives votes to a party that fielded no candidate', () => {
    const swung = applySwing(b2017, { model: 'uniform', shares: { green: 20 } });
    expect(swung.votes.some((v, i) => b2017.votes[i] === 0 && v !== 0)).toBe(false);
  });

  it('keeps shares non-negative and each seat on its turnout, for any valid poll', () => {
    const parties = ['con', 'lab', 'ld', 'snp', 'green', 'ukip', 'pc'];
    const poll = fc
      .tuple(
        fc.constantFrom('uniform' as const, 'proportional' as const),
        fc.array(fc.integer({ min: 0, max: 60 }), {
          minLength: parties.length,
          maxLength: parties.length,
        }),
      )
      .map(([model, raw]) => {
        const total = raw.reduce((a, b) => a + b, 0) || 1;
        const scale = Math.min(1, 100 / total);
        return {
          model,
          shares: Object.fromEntries(parties.map((p, i) => [p, (raw[i] ?? 0) * scale * 0.999])),
        };
      });
    fc.assert(
      fc.property(poll, (swing) => {
        expect(swingProblems(b2017, swing)).toEqual([]);
        const { votes, residual } = applySwing(b2017, swing);
        let lowest = Infinity;
        let worstTurnout = 0;
        for (let seat = 0; seat < b2017.nSeats; seat++) {
          let sum = 0;
          for (let p = 0; p < b2017.nParties; p++) {
            const cell = seat * b2017.nParties + p;
            lowest = Math.min(lowest, votes[cell] ?? NaN);
            sum += (votes[cell] ?? 0) + (residual[cell] ?? 0);
          }
          worstTurnout = Math.max(worstTurnout, Math.abs(sum - (b2017.validVotes[seat] ?? NaN)));
        }
        expect(lowest).toBeGreaterThanOrEqual(0);
        expect(worstTurnout).toBeLessThan(1e-6);
      }),
      { numRuns: 25 },
    );
  });
});
