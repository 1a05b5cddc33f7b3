import { type DeterministicOutcome } from './deterministic.js';
import { type PreparedScenario } from './prepare-scenario.js';
import { type MonteCarloTally } from './simulate.js';

/** Win probabilities, seat × party, without (`before`) and with (`after`) the stand-asides. */
export interface Odds {
  readonly draws: number;
  readonly before: Float64Array;
  readonly after: Float64Array;
}

/** Probabilities from a Monte Carlo tally of at least one draw. */
export function oddsFromTally(tally: MonteCarloTally): Odds {
  return {
    draws: tally.draws,
    before: Float64Array.from(tally.winsBefore, (n) => n / tally.draws),
    after: Float64Array.from(tally.winsAfter, (n) => n / tally.draws),
  };
}

/** Probabilities 1 for the deterministic winner and 0 otherwise (a projection with no draws). */
export function oddsFromOutcome(p: PreparedScenario, outcome: DeterministicOutcome): Odds {
  const before = new Float64Array(p.nSeats * p.nParties);
  const after = new Float64Array(p.nSeats * p.nParties);
  for (let seat = 0; seat < p.nSeats; seat++) {
    before[seat * p.nParties + outcome.winnerBefore[seat]] = 1;
    after[seat * p.nParties + outcome.winnerAfter[seat]] = 1;
  }
  return { draws: 0, before, after };
}
