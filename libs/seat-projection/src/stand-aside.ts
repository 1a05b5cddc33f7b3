import { type PreparedScenario } from './prepare-scenario.js';

/**
 * Marks an entry whose party stands aside: below any real vote count, so it can never win, and
 * distinguishable from a party on the ballot with zero votes.
 */
export const OFF_BALLOT = -1;

/**
 * Applies the stand-asides of `seat` to `w`, which holds the seat's entries (`w[e - rowStart]`):
 * each standing-aside party's votes move to the parties still on the ballot at `rates[pair]`, the
 * rest abstain, and its entry becomes {@link OFF_BALLOT}. Transfers never target a party that
 * also stands aside in the seat, so the order of stand-asides does not matter.
 */
export function applyStandAsides(
  p: PreparedScenario,
  seat: number,
  w: Float64Array,
  rates: Float64Array,
): void {
  const base = p.rowStart[seat];
  for (let k = p.seatSaStart[seat]; k < p.seatSaStart[seat + 1]; k++) {
    const x = p.saEntry[k];
    if (x < 0) {
      continue;
    }
    const moved = w[x - base];
    w[x - base] = OFF_BALLOT;
    for (let t = p.trStart[k]; t < p.trStart[k + 1]; t++) {
      w[p.trEntry[t] - base] += rates[p.trPair[t]] * moved;
    }
  }
}

/**
 * Index of the largest of `w[0 .. count)`. Exact ties go to the lower index; entries are in party
 * order (national votes descending), so a tie goes to the party with more national votes.
 */
export function leaderOf(w: Float64Array, count: number): number {
  let best = 0;
  let bestVotes = w[0];
  for (let j = 1; j < count; j++) {
    if (w[j] > bestVotes) {
      bestVotes = w[j];
      best = j;
    }
  }
  return best;
}

/** Index of the largest entry other than `winner` (−1 if there is none on the ballot). */
export function runnerUpOf(w: Float64Array, count: number, winner: number): number {
  let best = -1;
  let bestVotes = OFF_BALLOT;
  for (let j = 0; j < count; j++) {
    if (j !== winner && w[j] > bestVotes) {
      bestVotes = w[j];
      best = j;
    }
  }
  return best;
}
