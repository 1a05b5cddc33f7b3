import { type CompiledBaseline } from './compile-baseline.js';
import { regionalShares } from './shares.js';

/**
 * An MP who does not stand again takes part of their party's vote with them: the personal vote
 * built up as the local MP. In the shipped results, the engine's regional uniform swing (with the
 * first-defence bonus elsewhere) over-projected the party of a winner who did not stand again by
 * 1.23 points on GE2015 → GE2017 (40 GB seats) and by 2.12 on GE2017 → GE2019 (86), and the loss
 * grows with how far the party ran ahead of its region in the seat (North Norfolk 2019: Norman
 * Lamb's Lib Dems 40 points above the East of England, −23.6). Taking this fraction of that excess
 * before the swing leaves those seats' mean error at zero on GE2015 → GE2017 (`fitStandingDown`,
 * refitted by a test); out of sample, on GE2017 → GE2019, their mean error falls to −0.94 points
 * and their RMSE from 4.98 to 4.56, and 603 GB seats are called right instead of 602. Who stands
 * again is known only from the next election's nominations, so the seats are an input
 * (`Swing.standingDown`).
 */
export const STANDING_DOWN_PENALTY = 0.126;

/** Seats whose baseline winner does not stand again; `penalty` overrides the fitted fraction. */
export interface StandingDown {
  /** ONS codes of the baseline's seats. */
  readonly seats: readonly string[];
  /** Fraction of the party's excess over its regional share that leaves with the MP (0–1). */
  readonly penalty?: number;
}

/** Seat indexes of `standingDown` in `baseline` (unknown codes are refused before this). */
export function standingDownSeats(
  baseline: CompiledBaseline,
  standingDown: StandingDown | undefined,
): Uint8Array {
  const flags = new Uint8Array(baseline.nSeats);
  if (!standingDown) {
    return flags;
  }
  const wanted = new Set(standingDown.seats);
  baseline.onsCodes.forEach((code, seat) => {
    flags[seat] = wanted.has(code) ? 1 : 0;
  });
  return flags;
}

/**
 * Takes from the winning party of each flagged seat `penalty` × its excess over its regional share
 * (of the baseline, when positive), and gives it to every other candidate in proportion to their
 * votes, so the seat's valid vote is unchanged. Applied to the baseline before a swing, like the
 * first-defence bonus. `votes` and `residual` are seat × party with `nParties` columns.
 */
export function takePersonalVotes(
  baseline: CompiledBaseline,
  seats: Uint8Array,
  votes: Float64Array,
  residual: Float64Array,
  nParties: number,
  penalty = STANDING_DOWN_PENALTY,
): void {
  if (!seats.includes(1)) {
    return;
  }
  const regional = regionalShares(baseline, 'uk');
  for (let seat = 0; seat < baseline.nSeats; seat++) {
    if (!seats[seat]) {
      continue;
    }
    const row = seat * nParties;
    const party = baseline.winners[seat];
    const winner = row + party;
    const valid = baseline.validVotes[seat];
    const share = (votes[winner] + residual[winner]) / valid;
    const area = (regional[baseline.regions[seat]]?.[baseline.parties[party]] ?? 0) / 100;
    const loss = Math.min(votes[winner], penalty * Math.max(0, share - area) * valid);
    const others = valid - votes[winner] - residual[winner];
    if (loss <= 0 || others <= 0) {
      continue;
    }
    const grow = (others + loss) / others;
    for (let cell = row; cell < row + nParties; cell++) {
      if (cell !== winner) {
        votes[cell] *= grow;
        residual[cell] *= grow;
      }
    }
    votes[winner] -= loss;
  }
}
