// What one projection bench run does: its scenario, sample counts, time budget and targets, and its
// log, shared by the run (projection.bench.ts) and its report (report.ts).
import { msSince } from '../support/stats.js';

export const ELECTION = 'ge2017';
export const SEED = 2019;
export const DET_WARMUP = 200;
export const DET_ROUNDS = 5;
export const DET_BLOCK = 400; // DET_ROUNDS × DET_BLOCK = 2,000 timed runs per variant
export const MC_DRAWS = 10_000;
export const MC_WARMUP_DRAWS = 1_000;
export const MC_MIN_ROUNDS = 5;
export const MC_MAX_ROUNDS = 9;
/** Extra Monte Carlo rounds (beyond the minimum) only start while the bench is under this. */
export const EXTRA_ROUND_BUDGET_MS = 40_000;
export const DET_TARGET_MS = 2;
export const MC_TARGET_MS = 1_500;

export const started = process.hrtime.bigint();

export function log(line: string): void {
  process.stdout.write(`[${(msSince(started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
}
