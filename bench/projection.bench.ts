// Seat projection benchmark (`npm run bench`): the engine against the minimal typed-array kernel
// of `bench-kernel.ts`, in one process, on GE2017 with the 60 Unite to Remain stand-asides.
//
// - projection-deterministic: prepareScenario + project(draws 0, include 'touched'), the path the
//   API runs on the request thread; target median < 2 ms. Baseline: kernelDeterministic.
// - projection-monte-carlo: project(draws 10,000, include 'touched') over 650 seats, the path the
//   projection worker runs; target ≤ 1,500 ms wall. Baseline: kernelMonteCarlo, same draws.
//
// Variants run in alternating blocks (A, B, A, B …) so drift (thermal, noisy neighbours, GC) hits
// them alike; medians are reported. Results are merged into bench/results.json by name.
// `--strict` sets a non-zero exit code when a target is missed.
//
// The scenario and the kernel check are in projection/scenario.ts, the alternating timing in
// projection/variants.ts, the results and the table in projection/report.ts; here, what is timed.
import {
  DEFAULT_NOISE,
  compileBaseline,
  prepareScenario,
  project,
  simulate,
  type Scenario,
} from '@pactroom/seat-projection';
// The kernel is the bench's baseline, not part of the lib's public API: imported by its path.
import {
  kernelDeterministic,
  kernelInputFrom,
  kernelMonteCarlo,
} from '../libs/seat-projection/src/bench-kernel.js';
import { report } from './projection/report.js';
import {
  checkKernelAgainstEngine,
  loadResults,
  prepare,
  uniteToRemain,
} from './projection/scenario.js';
import {
  DET_BLOCK,
  DET_ROUNDS,
  DET_WARMUP,
  ELECTION,
  EXTRA_ROUND_BUDGET_MS,
  log,
  MC_DRAWS,
  MC_MAX_ROUNDS,
  MC_MIN_ROUNDS,
  MC_WARMUP_DRAWS,
  SEED,
  started,
} from './projection/settings.js';
import { interleave, variant } from './projection/variants.js';
import { machine, repoRoot } from './support/results.js';
import { msSince } from './support/stats.js';

const root = repoRoot();

/** Keeps results observable so no timed call can be optimised away. */
let sink = 0;

// ── setup ────────────────────────────────────────────────────────────────────────────────────────

log(`projection bench: ${ELECTION}, node ${process.version}, ${machine().cores} cores`);
const baseline = compileBaseline(loadResults(ELECTION));
const standAsides = uniteToRemain();
const pact: Scenario = { standAsides, transfers: 'central' };
const noPact: Scenario = { standAsides: [], transfers: 'central' };
const prepared = prepare(baseline, pact);
const input = kernelInputFrom(prepared);
const pactSeats = new Set(standAsides.map((s) => s.constituency)).size;
log(
  `scenario: ${prepared.nSeats} seats, ${prepared.nParties} parties, ${standAsides.length} stand-asides ` +
    `in ${pactSeats} seats (Unite to Remain), transfers central; kernel keeps ${input.saSeat.length} ` +
    `beneficiary legs of ${prepared.trEntry.length}`,
);
if (prepared.nSeats !== 650) {
  throw new Error(`expected 650 seats, got ${prepared.nSeats}`);
}

checkKernelAgainstEngine(baseline, standAsides);

// ── deterministic ────────────────────────────────────────────────────────────────────────────────

const detFull = variant('prepare+project', () => {
  const p = prepareScenario(baseline, pact);
  if (!p.ok) {
    throw new Error('scenario became invalid');
  }
  sink += project(p.value, { draws: 0, include: 'touched' }).flips.length;
});
const detProject = variant('project', () => {
  sink += project(prepared, { draws: 0, include: 'touched' }).flips.length;
});
const detNoPact = variant('no-pact', () => {
  const p = prepareScenario(baseline, noPact);
  if (!p.ok) {
    throw new Error('scenario became invalid');
  }
  sink += project(p.value, { draws: 0, include: 'touched' }).flips.length;
});
const detKernel = variant('kernel', () => {
  const seats = new Int32Array(input.nParties);
  kernelDeterministic(input, seats);
  sink += seats[0];
});
const detVariants = [detFull, detKernel, detProject, detNoPact];

log(`deterministic: warm-up ${DET_WARMUP} runs per variant`);
for (const v of detVariants) {
  for (let i = 0; i < DET_WARMUP; i++) {
    v.run();
  }
}
log(`deterministic: ${DET_ROUNDS} rounds × ${DET_BLOCK} runs per variant, alternating`);
interleave(detVariants, DET_BLOCK, DET_ROUNDS);

// ── Monte Carlo ──────────────────────────────────────────────────────────────────────────────────

const mcProject = variant('project', () => {
  const r = project(prepared, { draws: MC_DRAWS, seed: SEED, include: 'touched' });
  sink += r.seats.con?.expected ?? 0;
});
const mcSimulate = variant('simulate', () => {
  sink += simulate(prepared, { seed: SEED, draws: MC_DRAWS }).winsAfter[0];
});
const mcKernel = variant('kernel', () => {
  const wins = new Int32Array(input.nSeats * input.nParties);
  kernelMonteCarlo(input, MC_DRAWS, SEED, DEFAULT_NOISE, wins);
  sink += wins[0];
});
const mcVariants = [mcProject, mcKernel, mcSimulate];

log(`Monte Carlo: warm-up ${MC_WARMUP_DRAWS} draws per variant`);
project(prepared, { draws: MC_WARMUP_DRAWS, seed: SEED + 1, include: 'touched' });
simulate(prepared, { seed: SEED + 1, draws: MC_WARMUP_DRAWS });
kernelMonteCarlo(
  input,
  MC_WARMUP_DRAWS,
  SEED + 1,
  DEFAULT_NOISE,
  new Int32Array(input.nSeats * input.nParties),
);
log(
  `Monte Carlo: ${MC_DRAWS.toLocaleString('en-GB')} draws × ${input.nSeats} seats, ` +
    `${MC_MIN_ROUNDS}–${MC_MAX_ROUNDS} rounds, alternating`,
);
const mcRounds = interleave(
  mcVariants,
  1,
  MC_MIN_ROUNDS,
  (round) => round < MC_MAX_ROUNDS && msSince(started) < EXTRA_ROUND_BUDGET_MS,
);

// ── results ──────────────────────────────────────────────────────────────────────────────────────

const pass = report(
  {
    detFull,
    detKernel,
    detProject,
    detNoPact,
    mcProject,
    mcKernel,
    mcSimulate,
    mcRounds,
    standAsides: standAsides.length,
    pactSeats,
    legs: prepared.trEntry.length,
    kernelLegs: input.saSeat.length,
    seats: input.nSeats,
  },
  root,
  sink,
);

if (process.argv.includes('--strict') && !pass) {
  process.exitCode = 1;
}
