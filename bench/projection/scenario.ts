// The benchmarked scenario, built from the shipped data files: GE2017 results and the 60 Unite to
// Remain stand-asides, and the check that the kernel computes what the engine does, without which
// the kernel would not be a fair baseline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseShippedElection,
  parseUniteToRemain,
  type ElectionResults,
} from '@pactroom/election-data';
import {
  DEFAULT_NOISE,
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
} from '../../libs/seat-projection/src/bench-kernel.js';
import { repoRoot } from '../support/results.js';
import { log, SEED } from './settings.js';

const dataDir = join(repoRoot(), 'libs', 'election-data', 'data');
const read = (file: string) => readFileSync(join(dataDir, file), 'utf8');

export function loadResults(code: string): ElectionResults {
  return parseShippedElection(code, read);
}

/** The 60 Unite to Remain seats as stand-asides: each listed party for the pact candidate. */
export function uniteToRemain(): StandAside[] {
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

export function prepare(baseline: CompiledBaseline, scenario: Scenario): PreparedScenario {
  const checked = prepareScenario(baseline, scenario);
  if (!checked.ok) {
    throw new Error(`invalid scenario: ${JSON.stringify(checked.problems)}`);
  }
  return checked.value;
}

/**
 * The kernel does the engine's arithmetic: under `upper-bound` (one leg per stand-aside) both must
 * agree seat for seat and draw for draw, or the comparison would be meaningless.
 */
export function checkKernelAgainstEngine(
  baseline: CompiledBaseline,
  standAsides: readonly StandAside[],
): void {
  const upper = prepare(baseline, { standAsides, transfers: 'upper-bound' });
  const upperInput = kernelInputFrom(upper);
  const seats = new Int32Array(upper.nParties);
  kernelDeterministic(upperInput, seats);
  const engineSeats = project(upper).seats;
  const seatsMatch = upper.parties.every(
    (party, j) => seats[j] === (engineSeats[party]?.after ?? 0),
  );
  const wins = new Int32Array(upper.nSeats * upper.nParties);
  kernelMonteCarlo(upperInput, 200, SEED, DEFAULT_NOISE, wins);
  const engineWins = simulate(upper, { seed: SEED, draws: 200 }).winsAfter;
  const winsMatch = wins.every((n, i) => n === engineWins[i]);
  if (!seatsMatch || !winsMatch) {
    throw new Error('kernel and engine disagree under upper-bound: the kernel is not a baseline');
  }
  log('check: kernel = engine under upper-bound (deterministic seats, 200 draws of wins)');
}
