import { type PreparedScenario } from './prepare-scenario.js';
import { type Seed } from './random.js';
import {
  type MonteCarloTally,
  type NoiseModel,
  type SimulateOptions,
  simulate,
} from './simulate.js';

/** One party's seat distribution over the draws. */
export interface SeatDistribution {
  /** Mean seats with the stand-asides, and without them under the same noise. */
  readonly expected: number;
  readonly expectedBefore: number;
  /** Seat-total quantiles (nearest rank: the smallest n with at least q of the draws ≤ n). */
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

/** Win probabilities of one seat, listing only parties that won at least one draw. */
export interface ConstituencyOdds {
  readonly onsCode: string;
  readonly winProbability: Readonly<Record<string, number>>;
  readonly winProbabilityBefore: Readonly<Record<string, number>>;
}

/** Monte Carlo output as plain JSON-ready data; the same seed gives the same JSON, byte for byte. */
export interface MonteCarloSummary {
  readonly election: string;
  readonly transferSet: string;
  readonly seed: Seed;
  readonly draws: number;
  readonly noise: NoiseModel;
  /** Parties that won a seat in some draw, before or after. */
  readonly seats: Readonly<Record<string, SeatDistribution>>;
  readonly constituencies: readonly ConstituencyOdds[];
}

function quantile(
  hist: Int32Array,
  offset: number,
  size: number,
  draws: number,
  q: number,
): number {
  const rank = Math.max(1, Math.ceil(q * draws - 1e-9));
  let seen = 0;
  for (let n = 0; n < size; n++) {
    seen += hist[offset + n];
    if (seen >= rank) {
      return n;
    }
  }
  return size - 1;
}

/** Win probabilities of one seat from win counts (seat × party) over `draws`, in party order. */
export function oddsRecord(
  parties: readonly string[],
  wins: Int32Array | Float64Array,
  seat: number,
  draws: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  const row = seat * parties.length;
  parties.forEach((party, j) => {
    if (wins[row + j] > 0) {
      out[party] = wins[row + j] / draws;
    }
  });
  return out;
}

/** Turns a tally (of at least one draw) into probabilities, expected seats and quantiles. */
export function summariseTally(p: PreparedScenario, tally: MonteCarloTally): MonteCarloSummary {
  const { draws, nSeats } = tally;
  if (draws < 1) {
    throw new RangeError('a summary needs at least one draw');
  }
  const seats: Record<string, SeatDistribution> = {};
  const size = nSeats + 1;
  p.parties.forEach((party, j) => {
    let won = 0;
    let wonBefore = 0;
    for (let seat = 0; seat < nSeats; seat++) {
      won += tally.winsAfter[seat * p.nParties + j];
      wonBefore += tally.winsBefore[seat * p.nParties + j];
    }
    if (won + wonBefore > 0) {
      const at = (q: number) => quantile(tally.histAfter, j * size, size, draws, q);
      seats[party] = {
        expected: won / draws,
        expectedBefore: wonBefore / draws,
        p5: at(0.05),
        p50: at(0.5),
        p95: at(0.95),
      };
    }
  });
  return {
    election: p.election,
    transferSet: p.transferSet.name,
    seed: tally.seed,
    draws,
    noise: tally.noise,
    seats,
    constituencies: p.onsCodes.map((onsCode, seat) => ({
      onsCode,
      winProbability: oddsRecord(p.parties, tally.winsAfter, seat, draws),
      winProbabilityBefore: oddsRecord(p.parties, tally.winsBefore, seat, draws),
    })),
  };
}

/**
 * Runs a seeded Monte Carlo (at least one draw) and summarises it. Designed for a worker thread:
 * the prepared scenario and the summary are plain data; for a split run use {@link simulate} per
 * worker, then `mergeTallies` and {@link summariseTally}.
 */
export function runMonteCarlo(p: PreparedScenario, options: SimulateOptions): MonteCarloSummary {
  return summariseTally(p, simulate(p, options));
}
