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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ELECTIONS,
  parseElection,
  parseUniteToRemain,
  type ElectionResults,
} from '@pactroom/election-data';
import {
  DEFAULT_NOISE,
  compileBaseline,
  prepareScenario,
  project,
  simulate,
  type CompiledBaseline,
  type PreparedScenario,
  type Scenario,
  type StandAside,
} from '@pactroom/seat-projection';
// The kernel is the bench's baseline, not part of the lib's public API: imported by its path.
import {
  kernelDeterministic,
  kernelInputFrom,
  kernelMonteCarlo,
} from '../libs/seat-projection/src/bench-kernel.js';
import { type BenchEntry, machine, mergeResults, repoRoot } from './support/results.js';
import { fmt, median, msSince, percentile, significant, timeMs } from './support/stats.js';
import { renderTable, type TableRow } from './support/table.js';

const ELECTION = 'ge2017';
const SEED = 2019;
const DET_WARMUP = 200;
const DET_ROUNDS = 5;
const DET_BLOCK = 400; // DET_ROUNDS × DET_BLOCK = 2,000 timed runs per variant
const MC_DRAWS = 10_000;
const MC_WARMUP_DRAWS = 1_000;
const MC_MIN_ROUNDS = 5;
const MC_MAX_ROUNDS = 9;
/** Extra Monte Carlo rounds (beyond the minimum) only start while the bench is under this. */
const EXTRA_ROUND_BUDGET_MS = 40_000;
const DET_TARGET_MS = 2;
const MC_TARGET_MS = 1_500;

const started = process.hrtime.bigint();
const root = repoRoot();
const dataDir = join(root, 'libs', 'election-data', 'data');
const read = (file: string) => readFileSync(join(dataDir, file), 'utf8');

/** Keeps results observable so no timed call can be optimised away. */
let sink = 0;

function log(line: string): void {
  process.stdout.write(`[${(msSince(started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
}

function loadResults(code: string): ElectionResults {
  const info = ELECTIONS.find((e) => e.code === code);
  if (!info) {
    throw new Error(`no election ${code}`);
  }
  return parseElection(info, read(info.resultsFile), read(info.candidatesFile));
}

/** The 60 Unite to Remain seats as stand-asides: each listed party for the pact candidate. */
function uniteToRemain(): StandAside[] {
  return parseUniteToRemain(read('unite_to_remain_2019.csv'))
    .filter((s) => s.arrangement === 'unite_to_remain')
    .flatMap((s) =>
      s.partiesStandingAside.map((party) => ({
        party,
        constituency: s.onsCode,
        beneficiary: s.beneficiary,
      })),
    );
}

function prepare(baseline: CompiledBaseline, scenario: Scenario): PreparedScenario {
  const checked = prepareScenario(baseline, scenario);
  if (!checked.ok) {
    throw new Error(`invalid scenario: ${JSON.stringify(checked.problems)}`);
  }
  return checked.value;
}

interface Variant {
  readonly label: string;
  readonly run: () => void;
  readonly samples: number[];
}

function variant(label: string, run: () => void): Variant {
  return { label, run, samples: [] };
}

/** Runs `rounds` rounds; each runs every variant's block of `block` calls in turn (A, B, A, B …). */
function interleave(
  variants: readonly Variant[],
  block: number,
  rounds: number,
  more?: (round: number) => boolean,
): number {
  let round = 0;
  while (round < rounds || (more?.(round) ?? false)) {
    for (const v of variants) {
      for (let i = 0; i < block; i++) {
        v.samples.push(timeMs(v.run));
      }
    }
    round++;
    const tail = variants
      .map((v) => `${v.label} ${fmt(median(v.samples.slice(-block)))} ms`)
      .join(', ');
    log(`  round ${round}: ${block > 1 ? 'block medians ' : ''}${tail}`);
  }
  return round;
}

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

// The kernel does the engine's arithmetic: under `upper-bound` (one leg per stand-aside) both must
// agree seat for seat and draw for draw, or the comparison below would be meaningless.
{
  const upper = prepare(baseline, { standAsides, transfers: 'upper-bound' });
  const upperInput = kernelInputFrom(upper);
  const seats = new Int32Array(upper.nParties);
  kernelDeterministic(upperInput, seats);
  const engineSeats = project(upper).seats;
  const seatsMatch = upper.parties.every(
    (party, j) => seats[j] === (engineSeats[party]?.after ?? 0),
  );
  const wins = new Int32Array(upper.nSeats * upper.nParties);
  kernelMonteCarlo(upperInput, 200, SEED, DEFAULT_NOISE.national, DEFAULT_NOISE.seat, wins);
  const engineWins = simulate(upper, { seed: SEED, draws: 200 }).winsAfter;
  const winsMatch = wins.every((n, i) => n === engineWins[i]);
  if (!seatsMatch || !winsMatch) {
    throw new Error('kernel and engine disagree under upper-bound: the kernel is not a baseline');
  }
  log('check: kernel = engine under upper-bound (deterministic seats, 200 draws of wins)');
}

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
  kernelMonteCarlo(input, MC_DRAWS, SEED, DEFAULT_NOISE.national, DEFAULT_NOISE.seat, wins);
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
  DEFAULT_NOISE.national,
  DEFAULT_NOISE.seat,
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

const opsPerSecond = (ms: number) => 1000 / ms;
const drawsPerSecond = (ms: number) => (MC_DRAWS * 1000) / ms;

const detP50 = median(detFull.samples);
const detP99 = percentile(detFull.samples, 0.99);
const kernelDetP50 = median(detKernel.samples);
const projectP50 = median(detProject.samples);
const detPass = detP50 < DET_TARGET_MS;

const mcWall = median(mcProject.samples);
const mcMax = percentile(mcProject.samples, 0.99);
const kernelMcWall = median(mcKernel.samples);
const simulateWall = median(mcSimulate.samples);
const mcPass = mcWall <= MC_TARGET_MS;

const recordedAt = new Date().toISOString();
const host = machine();
const scenarioNote =
  `${ELECTION} baseline, ${standAsides.length} Unite to Remain stand-asides in ${pactSeats} seats, ` +
  `central transfers (${prepared.trEntry.length} legs; the kernel keeps the ${input.saSeat.length} ` +
  `beneficiary legs)`;

const entries: BenchEntry[] = [
  {
    name: 'projection-deterministic',
    ours: significant(opsPerSecond(detP50)),
    baseline: significant(opsPerSecond(kernelDetP50)),
    unit: 'ops/s',
    ratio: significant(kernelDetP50 / detP50),
    p50Ms: significant(detP50),
    p99Ms: significant(detP99),
    wallMs: significant(detP50),
    target: `p50 < ${DET_TARGET_MS} ms`,
    pass: detPass,
    runs: detFull.samples.length,
    rounds: DET_ROUNDS,
    kernelP50Ms: significant(kernelDetP50),
    kernelP99Ms: significant(percentile(detKernel.samples, 0.99)),
    projectOnlyP50Ms: significant(projectP50),
    projectOnlyP99Ms: significant(percentile(detProject.samples, 0.99)),
    projectOnlyRatio: significant(kernelDetP50 / projectP50),
    noStandAsidesP50Ms: significant(median(detNoPact.samples)),
    noStandAsidesP99Ms: significant(percentile(detNoPact.samples, 0.99)),
    notes:
      `ours = prepareScenario + project(draws 0, include 'touched') per second, from the median; ` +
      `baseline = kernelDeterministic per second; ratio = ours/baseline throughput; ` +
      `p50Ms/p99Ms/wallMs = one national projection (${DET_ROUNDS} alternating rounds of ` +
      `${DET_BLOCK} runs after ${DET_WARMUP} warm-up runs). ${scenarioNote}.`,
    machine: host,
    recordedAt,
  },
  {
    name: 'projection-monte-carlo',
    ours: significant(drawsPerSecond(mcWall)),
    baseline: significant(drawsPerSecond(kernelMcWall)),
    unit: 'draws/s',
    ratio: significant(kernelMcWall / mcWall),
    p50Ms: significant(mcWall),
    p99Ms: significant(mcMax),
    wallMs: significant(mcWall),
    target: `wall ≤ ${MC_TARGET_MS} ms`,
    pass: mcPass,
    draws: MC_DRAWS,
    seats: input.nSeats,
    rounds: mcRounds,
    kernelWallMs: significant(kernelMcWall),
    simulateOnlyWallMs: significant(simulateWall),
    simulateOnlyRatio: significant(kernelMcWall / simulateWall),
    notes:
      `ours = draws/s of project(draws ${MC_DRAWS}, seed ${SEED}, include 'touched') on one ` +
      `thread, from the median wall; baseline = kernelMonteCarlo with the same draws and seed; ` +
      `ratio = ours/baseline throughput; p50Ms = wallMs = median wall of ${mcRounds} alternating ` +
      `runs, p99Ms = nearest-rank p99 of those runs (their max). The engine also scores every ` +
      `draw without the stand-asides (winsBefore, for expectedBefore) and keeps seat-count ` +
      `histograms; the kernel only scores the pact. ${scenarioNote}.`,
    machine: host,
    recordedAt,
  },
];

const resultsFile = join(root, 'bench', 'results.json');
mergeResults(resultsFile, entries);

// ── table ────────────────────────────────────────────────────────────────────────────────────────

const row = (
  name: string,
  oursMs: number,
  baseMs: number,
  unit: 'ops/s' | 'draws/s',
  p99: number,
  wall: number,
  target: string,
  pass: boolean | null,
): TableRow => {
  const per = unit === 'ops/s' ? opsPerSecond : drawsPerSecond;
  return {
    name,
    ours: per(oursMs),
    baseline: per(baseMs),
    unit,
    ratio: baseMs / oursMs,
    p50Ms: oursMs,
    p99Ms: p99,
    wallMs: wall,
    target,
    pass,
  };
};
const rows = [
  row(
    'projection-deterministic',
    detP50,
    kernelDetP50,
    'ops/s',
    detP99,
    detP50,
    `p50 < ${DET_TARGET_MS} ms`,
    detPass,
  ),
  row(
    '  project only',
    projectP50,
    kernelDetP50,
    'ops/s',
    percentile(detProject.samples, 0.99),
    projectP50,
    '-',
    null,
  ),
  row(
    '  no stand-asides',
    median(detNoPact.samples),
    kernelDetP50,
    'ops/s',
    percentile(detNoPact.samples, 0.99),
    median(detNoPact.samples),
    '-',
    null,
  ),
  row(
    'projection-monte-carlo',
    mcWall,
    kernelMcWall,
    'draws/s',
    mcMax,
    mcWall,
    `wall ≤ ${MC_TARGET_MS} ms`,
    mcPass,
  ),
  row(
    '  simulate only',
    simulateWall,
    kernelMcWall,
    'draws/s',
    percentile(mcSimulate.samples, 0.99),
    simulateWall,
    '-',
    null,
  ),
];
process.stdout.write(
  [
    '',
    renderTable(rows),
    '',
    `baseline = minimal typed-array kernel (bench-kernel.ts), same process; ratio = ours/baseline ` +
      `throughput; kernel deterministic p50 ${fmt(kernelDetP50)} ms, Monte Carlo ${fmt(kernelMcWall)} ms`,
    `wrote ${resultsFile} (${entries.map((e) => e.name).join(', ')}); ` +
      `total ${(msSince(started) / 1000).toFixed(1)} s (checksum ${sink.toFixed(0)})`,
    '',
  ].join('\n'),
);

if (process.argv.includes('--strict') && !(detPass && mcPass)) {
  process.exitCode = 1;
}
