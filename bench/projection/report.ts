// The projection bench's results: its entries in bench/results.json (merged by name) and its table,
// both from the medians of the alternating samples, each compared with the kernel's.
import { join } from 'node:path';
import { type BenchEntry, machine, mergeResults } from '../support/results.js';
import { fmt, median, msSince, percentile, significant } from '../support/stats.js';
import { renderTable, type TableRow } from '../support/table.js';
import {
  DET_BLOCK,
  DET_ROUNDS,
  DET_TARGET_MS,
  DET_WARMUP,
  ELECTION,
  MC_DRAWS,
  MC_TARGET_MS,
  SEED,
  started,
} from './settings.js';
import type { Variant } from './variants.js';

/** What the run measured, and the scenario it measured on (for the notes). */
export interface Measured {
  readonly detFull: Variant;
  readonly detKernel: Variant;
  readonly detProject: Variant;
  readonly detNoPact: Variant;
  readonly mcProject: Variant;
  readonly mcKernel: Variant;
  readonly mcSimulate: Variant;
  readonly mcRounds: number;
  readonly standAsides: number;
  readonly pactSeats: number;
  /** Transfer legs of the scenario, and how many of them the kernel keeps. */
  readonly legs: number;
  readonly kernelLegs: number;
  readonly seats: number;
}

/**
 * Merges the entries into `<root>/bench/results.json` and prints the table; `sink` is the run's
 * checksum. Returns whether both targets were met.
 */
export function report(measured: Measured, root: string, sink: number): boolean {
  const { detFull, detKernel, detProject, detNoPact, mcProject, mcKernel, mcSimulate, mcRounds } =
    measured;
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
    `${ELECTION} baseline, ${measured.standAsides} Unite to Remain stand-asides in ${measured.pactSeats} seats, ` +
    `central transfers (${measured.legs} legs; the kernel keeps the ${measured.kernelLegs} ` +
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
      seats: measured.seats,
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
  return detPass && mcPass;
}
