// Alternating rounds (A, B, A, B …) that discard rounds disturbed by other work on the machine, and
// the fields every API entry derives from its runs.
import type { Disturbance } from '../support/cpu.js';
import type { LoadResult, LoadSpec } from '../support/load.js';
import type { ServerProcess } from '../support/processes.js';
import { fmt, median, msSince, significant } from '../support/stats.js';
import type { Lab, Run } from './lab.js';
import { log, ROUNDS, started } from './settings.js';

/**
 * A round is not counted when other work took more than this (% of one core, steal included): on a
 * shared 2-core machine a neighbour's test run would otherwise land in one variant's numbers.
 */
export const NOISE_LIMIT_PCT = 25;
/** Extra rounds replace disturbed ones only while the API bench is under this. */
const EXTRA_ROUND_BUDGET_MS = 6 * 60_000;
export const noise = (d: Disturbance): number => d.foreignPct + d.stealPct;

export interface Alternation<T> {
  /** The undisturbed rounds, or every round when fewer than ROUNDS were. */
  readonly rounds: T[][];
  readonly attempts: number;
  readonly disturbed: boolean;
  readonly maxNoisePct: number;
}

/**
 * Runs alternating rounds (each round runs every variant once) until ROUNDS undisturbed ones, at
 * most two more than ROUNDS and only within the time budget.
 */
export async function alternate<T extends Disturbance>(
  what: string,
  round: (attempt: number) => Promise<T[]>,
): Promise<Alternation<T>> {
  const all: T[][] = [];
  const clean: T[][] = [];
  while (
    clean.length < ROUNDS &&
    (all.length < ROUNDS || (all.length < ROUNDS + 2 && msSince(started) < EXTRA_ROUND_BUDGET_MS))
  ) {
    const runs = await round(all.length);
    all.push(runs);
    const worst = Math.max(...runs.map(noise));
    if (worst <= NOISE_LIMIT_PCT) {
      clean.push(runs);
    } else {
      log(
        `  ${what}: round ${all.length} disturbed — other work took ${fmt(worst)} % of a core ` +
          `(limit ${NOISE_LIMIT_PCT} %); not counted`,
      );
    }
  }
  return {
    rounds: clean.length >= ROUNDS ? clean : all,
    attempts: all.length,
    disturbed: clean.length < ROUNDS,
    maxNoisePct: Math.max(0, ...all.flat().map(noise)),
  };
}

/** The app's runs and the baseline's, from alternating rounds. */
export interface Paired {
  readonly alternation: Alternation<Run>;
  readonly ours: Run[];
  readonly base: Run[];
}

/**
 * Alternating rounds of one measured run on the app, then one on the baseline; `spec` gives a
 * side's load in a round (it may take fresh work, e.g. pacts to sign). Each round is logged.
 */
export async function oursThenBaseline(
  lab: Lab,
  servers: { readonly appBig: ServerProcess; readonly baseBig: ServerProcess },
  what: string,
  spec: (server: ServerProcess, side: 'ours' | 'baseline') => LoadSpec,
): Promise<Paired> {
  const alternation = await alternate(what, async (r) => {
    const ours = await lab.measure(servers.appBig, spec(servers.appBig, 'ours'));
    const base = await lab.measure(servers.baseBig, spec(servers.baseBig, 'baseline'));
    log(`  ${what} round ${r + 1}: ours ${brief(ours)} | baseline ${brief(base)}`);
    return [ours, base];
  });
  return { alternation, ours: column(alternation, 0), base: column(alternation, 1) };
}

/** The `i`-th run of every round. */
export const column = <T>(a: Alternation<T>, i: number): T[] =>
  a.rounds.map((r) => r[i]).filter((x): x is T => x !== undefined);

/** The fields every entry carries about how clean its rounds were. */
export const noiseFields = (...alternations: Alternation<Disturbance>[]) => ({
  attempts: alternations.map((a) => a.attempts),
  disturbed: alternations.some((a) => a.disturbed),
  maxNoisePct: significant(Math.max(...alternations.map((a) => a.maxNoisePct))),
});

export const perRequest = (r: Run, pick: (r: Run) => number): number => pick(r) / Math.max(1, r.ok);
export const med = <T extends LoadResult>(runs: readonly T[], pick: (r: T) => number): number =>
  median(runs.map(pick));
/** Requests that did not succeed, over every run. */
export const failures = (runs: readonly LoadResult[]): number =>
  runs.reduce((n, r) => n + r.failed, 0);

/** One run in a line: rate, latency, CPU per request, other work, and what did not succeed. */
export function brief(r: LoadResult | Run): string {
  const other = Object.entries(r.statuses)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, n]) => `${code}×${n}`);
  const cpu =
    'appCpuMs' in r && r.ok > 0
      ? `, cpu/req app ${fmt(r.appCpuMs / r.ok)} + db ${fmt(r.dbCpuMs / r.ok)} ms`
      : '';
  const busy =
    'foreignPct' in r && noise(r) > NOISE_LIMIT_PCT ? ` (other work ${fmt(noise(r))} %)` : '';
  return (
    `${fmt(r.rps)} req/s, p50 ${fmt(r.p50Ms)} ms, p99 ${fmt(r.p99Ms)} ms${cpu}${busy}` +
    (other.length > 0 || r.errors > 0 ? ` [${[...other, `errors ${r.errors}`].join(' ')}]` : '')
  );
}

/** The CPU fields every API entry carries, from its max-rate runs. */
export function cpuFields(ours: readonly Run[], base: readonly Run[]): Record<string, number> {
  return {
    appCpuMsPerRequest: significant(med(ours, (r) => perRequest(r, (x) => x.appCpuMs))),
    dbCpuMsPerRequest: significant(med(ours, (r) => perRequest(r, (x) => x.dbCpuMs))),
    baselineAppCpuMsPerRequest: significant(med(base, (r) => perRequest(r, (x) => x.appCpuMs))),
    baselineDbCpuMsPerRequest: significant(med(base, (r) => perRequest(r, (x) => x.dbCpuMs))),
  };
}

/**
 * The head of a read-pact or sign-pact entry: ours/baseline = median maximum rates, p50/p99 = the
 * app's latency at the paced rate, wallMs = its p50 at the maximum rate.
 */
export function rateHead(
  name: string,
  unit: string,
  oursMax: readonly Run[],
  baseMax: readonly Run[],
  oursRate: readonly Run[],
) {
  const ours = med(oursMax, (r) => r.rps);
  const baseline = med(baseMax, (r) => r.rps);
  return {
    name,
    ours: significant(ours),
    baseline: significant(baseline),
    unit,
    ratio: significant(ours / baseline),
    p50Ms: significant(med(oursRate, (r) => r.p50Ms)),
    p99Ms: significant(med(oursRate, (r) => r.p99Ms)),
    wallMs: significant(med(oursMax, (r) => r.p50Ms)),
  };
}

/**
 * The fields read-pact and sign-pact share: closed-loop maximum-rate runs and paced runs at a
 * fixed rate, ours and the baseline's.
 */
export function rateFields(
  oursMax: readonly Run[],
  baseMax: readonly Run[],
  oursRate: readonly Run[],
  baseRate: readonly Run[],
) {
  return {
    achievedRps: significant(med(oursRate, (r) => r.rps)),
    baselineP50Ms: significant(med(baseRate, (r) => r.p50Ms)),
    baselineP99Ms: significant(med(baseRate, (r) => r.p99Ms)),
    maxRateP50Ms: significant(med(oursMax, (r) => r.p50Ms)),
    maxRateP99Ms: significant(med(oursMax, (r) => r.p99Ms)),
    baselineMaxRateP50Ms: significant(med(baseMax, (r) => r.p50Ms)),
    baselineMaxRateP99Ms: significant(med(baseMax, (r) => r.p99Ms)),
    ...cpuFields(oursMax, baseMax),
    rounds: ROUNDS,
    samples: {
      oursRps: oursMax.map((r) => significant(r.rps)),
      baselineRps: baseMax.map((r) => significant(r.rps)),
      oursP99AtRate: oursRate.map((r) => significant(r.p99Ms)),
      baselineP99AtRate: baseRate.map((r) => significant(r.p99Ms)),
    },
  };
}
