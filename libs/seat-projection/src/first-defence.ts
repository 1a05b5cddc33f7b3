import { type CompiledBaseline } from './compile-baseline.js';

/**
 * A first-term MP defending the seat for the first time gains votes of their own (the "sophomore
 * surge": name recognition, casework, a local record). In the shipped results, regional uniform
 * swing under-projected the party of a winner first elected at the baseline by 1.82 points on
 * GE2015 → GE2017 (178 GB seats) and 1.90 on GE2017 → GE2019 (93). Given to those seats before the
 * swing (so the area's shares are still met, and a region where most seats are new, like Scotland
 * in 2015, gains little from it), the bonus that leaves their mean error at zero on GE2015 → GE2017
 * is 2.91 points (`fitFirstDefence`, refitted by a test). Out of sample it calls 602 GB seats of
 * 2019 right instead of 594 (`npm run backtest`). Retiring MPs' losses were smaller and less stable
 * (−0.71 and −1.80 points) and need the next election's candidates, so they are left out.
 */
export const FIRST_DEFENCE_BONUS = 0.0291;

/**
 * Gives each seat whose winner was first elected at the baseline `bonus` (a fraction) of its valid
 * vote, taken from every other candidate in proportion to their votes: applied to the baseline
 * before a swing, so the swing's area targets are still met and the bonus is relative to the
 * area. Assumes the MP stands again unless the seat is flagged in `standingDown` (known from the
 * next election's nominations).
 * `votes` and `residual` are seat × party with `nParties` columns (the baseline's parties first).
 */
export function addFirstDefence(
  baseline: CompiledBaseline,
  votes: Float64Array,
  residual: Float64Array,
  nParties: number,
  bonus = FIRST_DEFENCE_BONUS,
  standingDown?: Uint8Array,
): void {
  for (let seat = 0; seat < baseline.nSeats; seat++) {
    if (!baseline.firstTerm[seat] || standingDown?.[seat]) {
      continue;
    }
    const row = seat * nParties;
    const winner = row + baseline.winners[seat];
    const valid = baseline.validVotes[seat];
    const others = valid - votes[winner] - residual[winner];
    if (others <= 0) {
      continue;
    }
    const gain = Math.min(bonus * valid, others);
    const keep = (others - gain) / others;
    for (let cell = row; cell < row + nParties; cell++) {
      if (cell !== winner) {
        votes[cell] *= keep;
        residual[cell] *= keep;
      }
    }
    votes[winner] += gain;
  }
}
