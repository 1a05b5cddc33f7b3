import { describe, expect, it } from '@jest/globals';
import { seatsStandingDown, type ElectionResults } from '@pactroom/election-data';
import { loadBaseline, loadResults } from './fixtures.spec-helper.js';
import {
  applySwing,
  fitStandingDown,
  prepareScenario,
  regionalShares,
  STANDING_DOWN_PENALTY,
  standingDownSeats,
  swingProblems,
  winnerErrors,
  type CompiledBaseline,
  type Swing,
} from './index.js';

/** Who stood at `next`, as nominations. */
const nomineesOf = (next: ElectionResults) =>
  next.constituencies.flatMap((c) =>
    c.candidates.map((x) => ({ onsCode: c.onsCode, name: x.name })),
  );

/** The retiring seats' errors (actual − projected, winner's party) with `penalty`. */
function retiringErrors(
  from: CompiledBaseline,
  to: CompiledBaseline,
  seats: readonly string[],
  penalty: number,
): number[] {
  const swing: Swing = {
    model: 'uniform',
    regions: regionalShares(to, 'gb'),
    standingDown: { seats, penalty },
  };
  const checked = prepareScenario(from, { standAsides: [], transfers: 'central', swing });
  if (!checked.ok) {
    throw new Error(JSON.stringify(checked.problems));
  }
  return winnerErrors(checked.value, from, to, standingDownSeats(from, { seats }));
}

const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const rms = (xs: readonly number[]) => Math.sqrt(mean(xs.map((x) => x * x)));

describe('MPs standing down', () => {
  const b2015 = loadBaseline('ge2015');
  const b2017 = loadBaseline('ge2017');
  const b2019 = loadBaseline('ge2019');
  const leaving2015 = seatsStandingDown(loadResults('ge2015'), nomineesOf(loadResults('ge2017')));
  const leaving2017 = seatsStandingDown(loadResults('ge2017'), nomineesOf(loadResults('ge2019')));

  it('are the winners not nominated again in the same seat', () => {
    expect(leaving2015).toHaveLength(41);
    expect(leaving2017).toHaveLength(90);
    const code = (name: string) => b2017.onsCodes[b2017.names.indexOf(name)];
    // Norman Lamb retired in 2019; Amber Rudd did not stand again in Hastings and Rye.
    expect(leaving2017).toEqual(
      expect.arrayContaining([code('North Norfolk'), code('Hastings and Rye')]),
    );
    // Caroline Lucas stood again, as did "Tim" Farron as Timothy and "Rebecca Long Bailey" as
    // Long-Bailey; Kate Griffiths stood in Burton instead of Andrew Griffiths.
    expect(leaving2017).not.toContain(code('Brighton, Pavilion'));
    expect(leaving2017).not.toContain(code('Westmorland and Lonsdale'));
    expect(leaving2017).not.toContain(code('Salford and Eccles'));
    expect(leaving2017).toContain(code('Burton'));
    // A seat whose nominations are not known yet keeps its MP.
    const partial = nomineesOf(loadResults('ge2019')).filter(
      (n) => n.onsCode !== code('North Norfolk'),
    );
    expect(seatsStandingDown(loadResults('ge2017'), partial)).not.toContain(code('North Norfolk'));
  });

  it('ships the penalty fitted on GE2015 → GE2017, which lowers the error out of sample', () => {
    const swing: Swing = { model: 'uniform', regions: regionalShares(b2017, 'gb') };
    expect(fitStandingDown(b2015, b2017, swing, leaving2015)).toBeCloseTo(STANDING_DOWN_PENALTY, 3);
    expect(
      Math.abs(mean(retiringErrors(b2015, b2017, leaving2015, STANDING_DOWN_PENALTY))),
    ).toBeLessThan(1e-4);
    // GE2017 → GE2019, not used in the fit: the retiring MPs' parties are over-projected less.
    const without = retiringErrors(b2017, b2019, leaving2017, 0);
    const withIt = retiringErrors(b2017, b2019, leaving2017, STANDING_DOWN_PENALTY);
    expect(without.length).toBeGreaterThan(80);
    expect(mean(without)).toBeLessThan(-0.015);
    expect(mean(withIt)).toBeGreaterThan(mean(without) + 0.01);
    expect(rms(withIt)).toBeLessThan(rms(without));
  });

  it('takes only from a party running ahead of its region, keeps the valid vote, and drops the first-term bonus', () => {
    const regions = regionalShares(b2019, 'gb');
    const code = (name: string) => b2017.onsCodes[b2017.names.indexOf(name)];
    const seats = [code('North Norfolk'), code('Hastings and Rye')];
    const plain = applySwing(b2017, { model: 'uniform', regions });
    const leaving = applySwing(b2017, { model: 'uniform', regions, standingDown: { seats } });
    const row = (
      s: { votes: Float64Array; residual: Float64Array; nParties: number },
      name: string,
    ) => {
      const seat = b2017.names.indexOf(name);
      const at = seat * s.nParties;
      return {
        votes: s.votes.subarray(at, at + s.nParties),
        residual: s.residual.subarray(at, at + s.nParties),
      };
    };
    const sum = (r: { votes: Float64Array; residual: Float64Array }) =>
      r.votes.reduce((a, x) => a + x, 0) + r.residual.reduce((a, x) => a + x, 0);
    const ld = plain.parties.indexOf('ld');
    const con = plain.parties.indexOf('con');
    // North Norfolk: the Lib Dems ran 40 points ahead of their region and lose part of it.
    const nnBefore = row(plain, 'North Norfolk');
    const nnAfter = row(leaving, 'North Norfolk');
    expect(nnAfter.votes[ld]).toBeLessThan(nnBefore.votes[ld] - 0.01 * sum(nnBefore));
    expect(nnAfter.votes[con]).toBeGreaterThan(nnBefore.votes[con]);
    expect(sum(nnAfter)).toBeCloseTo(sum(nnBefore), 6);
    // Hastings and Rye: the Conservatives ran behind their region, so nothing to take.
    expect(row(leaving, 'Hastings and Rye').votes).toEqual(row(plain, 'Hastings and Rye').votes);
    // Every other seat is as it was.
    expect(row(leaving, 'Lewes').votes).toEqual(row(plain, 'Lewes').votes);
    // A first-term winner who stands down gets no first-defence bonus there.
    const first = b2017.firstTerm.findIndex(
      (x, seat) => x === 1 && b2017.regions[seat] !== 'northern-ireland',
    );
    const firstCode = b2017.onsCodes[first];
    const name = b2017.names[first];
    const gone = applySwing(b2017, {
      model: 'uniform',
      regions,
      standingDown: { seats: [firstCode], penalty: 0 },
    });
    const w = plain.parties.indexOf(b2017.parties[b2017.winners[first]]);
    const kept = row(plain, name);
    // The 2.91-point bonus, less what the region's swing gives back: well over 2 points.
    expect(row(gone, name).votes[w]).toBeLessThan(kept.votes[w] - 0.02 * sum(kept));
  });

  it('are checked: unknown seats and a penalty outside 0–1 are named', () => {
    const problems = swingProblems(b2017, {
      model: 'uniform',
      shares: { con: 40 },
      standingDown: { seats: ['E14000735', 'X99'], penalty: 2 },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_CONSTITUENCY',
        path: 'swing.standingDown.seats[1]',
      }),
      expect.objectContaining({ code: 'INVALID_SWING', path: 'swing.standingDown.penalty' }),
    ]);
  });
});
