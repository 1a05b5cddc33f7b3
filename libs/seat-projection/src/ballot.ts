// Reading a seat's row of votes: no imports, so the baseline compiler and the projection
// functions can share it without a module cycle.

/**
 * Marks an entry whose party stands aside: below any real vote count, so it can never win, and
 * distinguishable from a party on the ballot with zero votes.
 */
export const OFF_BALLOT = -1;

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
