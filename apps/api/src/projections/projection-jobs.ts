import {
  assessPact,
  compileBaseline,
  prepareScenario,
  project,
  suggestSwaps,
  type CompiledBaseline,
  type PactImpact,
  type ProjectionResult,
  type Scenario,
  type ScenarioProblem,
  type SwapOptions,
  type SwapSet,
} from '@pactroom/seat-projection';
import type { ElectionResults } from '@pactroom/election-data';
import { electionResults } from '../reference/election-files.js';

/** Work the projection worker (or, for cheap deterministic jobs, the request thread) runs. */
export type ProjectionJob =
  | {
      kind: 'project';
      election: string;
      scenario: Scenario;
      draws: number;
      seed: number | string;
      include: 'all' | 'touched';
    }
  | { kind: 'impact'; election: string; scenario: Scenario; draws: number; seed: number | string }
  | { kind: 'suggest'; election: string; options: SwapOptions };

/** A job's answer: its result, or the problems that made the scenario invalid (a 422). */
export type ProjectionOutcome =
  | { ok: true; value: ProjectionResult | PactImpact | SwapSet }
  | { ok: false; problems: readonly ScenarioProblem[] };

const baselines = new Map<string, Promise<CompiledBaseline | undefined>>();

/**
 * The compiled baseline of an election, compiled once per thread: from the results given (the
 * worker is sent them with its first job of an election), else from the process's one parse of
 * the shipped files (reference/election-files.ts).
 */
export function baselineOf(
  election: string,
  results?: ElectionResults,
): Promise<CompiledBaseline | undefined> {
  let entry = baselines.get(election);
  if (!entry) {
    entry = (results ? Promise.resolve(results) : electionResults(election)).then((r) =>
      r ? compileBaseline(r) : undefined,
    );
    baselines.set(election, entry);
  }
  return entry;
}

/** Runs one job to completion; `onProgress` reports Monte Carlo draws done. */
export async function runProjectionJob(
  job: ProjectionJob,
  onProgress?: (done: number, total: number) => void,
  results?: ElectionResults,
): Promise<ProjectionOutcome> {
  const baseline = await baselineOf(job.election, results);
  if (!baseline) {
    // The service checks the election before it builds a job.
    throw new Error(`no shipped election ${job.election}`);
  }
  if (job.kind === 'suggest') {
    const checked = suggestSwaps(baseline, job.options);
    return checked.ok
      ? { ok: true, value: checked.value }
      : { ok: false, problems: checked.problems };
  }
  const prepared = prepareScenario(baseline, job.scenario);
  if (!prepared.ok) {
    return { ok: false, problems: prepared.problems };
  }
  const progressEvery = Math.max(1, Math.floor(job.draws / 10));
  if (job.kind === 'impact') {
    return {
      ok: true,
      value: assessPact(prepared.value, {
        draws: job.draws,
        seed: job.seed,
        onProgress,
        progressEvery,
      }),
    };
  }
  return {
    ok: true,
    value: project(prepared.value, {
      draws: job.draws,
      seed: job.seed,
      include: job.include,
      onProgress,
      progressEvery,
    }),
  };
}
