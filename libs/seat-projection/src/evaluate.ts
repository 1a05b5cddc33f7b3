import { type BreakEven, breakEvens } from './break-even.js';
import { type DeterministicOutcome, projectDeterministic } from './deterministic.js';
import { type Odds, oddsFromOutcome, oddsFromTally } from './odds.js';
import { type PreparedScenario } from './prepare-scenario.js';
import { type Seed } from './random.js';
import { type BandSeats, type MonteCarloTally, type NoiseModel, simulate } from './simulate.js';

/** Options shared by {@link project}-style functions. */
export interface EvaluateOptions {
  /** Monte Carlo draws; 0 (default) gives the deterministic projection at central rates. */
  readonly draws?: number;
  /** Required for reproducibility when draws > 0; defaults to 0. */
  readonly seed?: Seed;
  readonly noise?: NoiseModel;
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
  /** Seats whose share bands are kept (default: those with a stand-aside). */
  readonly bands?: BandSeats;
}

/** Everything a projection, a pact impact or a suggestion is built from. */
export interface Evaluation {
  readonly outcome: DeterministicOutcome;
  readonly odds: Odds;
  readonly tally: MonteCarloTally | null;
  readonly breakEvens: readonly BreakEven[];
}

/** Evaluates a prepared scenario from an existing tally (e.g. merged from workers) or none. */
export function evaluateTally(p: PreparedScenario, tally: MonteCarloTally | null): Evaluation {
  const outcome = projectDeterministic(p);
  const odds = tally && tally.draws > 0 ? oddsFromTally(tally) : oddsFromOutcome(p, outcome);
  return { outcome, odds, tally, breakEvens: breakEvens(p) };
}

/** Evaluates a prepared scenario, running the Monte Carlo when `draws` > 0. */
export function evaluate(p: PreparedScenario, options: EvaluateOptions = {}): Evaluation {
  const draws = options.draws ?? 0;
  const tally =
    draws > 0
      ? simulate(p, {
          seed: options.seed ?? 0,
          draws,
          noise: options.noise,
          onProgress: options.onProgress,
          progressEvery: options.progressEvery,
          bands: options.bands,
        })
      : null;
  return evaluateTally(p, tally);
}
