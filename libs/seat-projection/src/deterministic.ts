import { OFF_BALLOT, leaderOf, runnerUpOf } from './ballot.js';
import { type PreparedScenario } from './prepare-scenario.js';
import { applyStandAsides } from './stand-aside.js';

/** The projection at the transfer set's central rates, with no noise. Party indexes throughout. */
export interface DeterministicOutcome {
  /** Votes per entry after stand-asides; a party standing aside has 0. */
  readonly votesAfter: Float64Array;
  readonly winnerBefore: Int32Array;
  readonly winnerAfter: Int32Array;
  /** Runner-up after stand-asides (−1 if the winner was alone on the ballot). */
  readonly runnerUpAfter: Int32Array;
  /** Winner's votes minus the runner-up's, after stand-asides. */
  readonly marginAfter: Float64Array;
}

/**
 * Projects every seat at fixed transfer rates (`rates[pair]`, default the central values):
 * winner before and after the stand-asides, the runner-up and the margin.
 */
export function projectDeterministic(
  p: PreparedScenario,
  rates: Float64Array = p.pairCentral,
): DeterministicOutcome {
  const votesAfter = new Float64Array(p.entryVotes.length);
  const winnerBefore = new Int32Array(p.nSeats);
  const winnerAfter = new Int32Array(p.nSeats);
  const runnerUpAfter = new Int32Array(p.nSeats);
  const marginAfter = new Float64Array(p.nSeats);
  const w = new Float64Array(p.maxRow);
  for (let seat = 0; seat < p.nSeats; seat++) {
    const base = p.rowStart[seat];
    const count = p.rowStart[seat + 1] - base;
    for (let j = 0; j < count; j++) {
      w[j] = p.entryVotes[base + j];
    }
    const before = leaderOf(w, count);
    applyStandAsides(p, seat, w, rates);
    const after = leaderOf(w, count);
    const runnerUp = runnerUpOf(w, count, after);
    for (let j = 0; j < count; j++) {
      votesAfter[base + j] = w[j] === OFF_BALLOT ? 0 : w[j];
    }
    winnerBefore[seat] = p.entryParty[base + before];
    winnerAfter[seat] = p.entryParty[base + after];
    runnerUpAfter[seat] = runnerUp < 0 ? -1 : p.entryParty[base + runnerUp];
    marginAfter[seat] = w[after] - (runnerUp < 0 ? 0 : w[runnerUp]);
  }
  return { votesAfter, winnerBefore, winnerAfter, runnerUpAfter, marginAfter };
}
