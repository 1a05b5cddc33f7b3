import { readFileSync } from 'node:fs';
import {
  parseShippedElection,
  parseUniteToRemain,
  type ElectionResults,
  type UniteToRemainSeat,
} from '@pactroom/election-data';
import { compileBaseline, type CompiledBaseline } from './compile-baseline.js';

// Test-only: the engine does no IO, its tests read the shipped files.
const dataDir = new URL('../../election-data/data/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dataDir), 'utf8');
const results = new Map<string, ElectionResults>();
const baselines = new Map<string, CompiledBaseline>();

/** Parsed results of a shipped election, cached per test file. */
export function loadResults(code: string): ElectionResults {
  let found = results.get(code);
  if (!found) {
    found = parseShippedElection(code, read);
    results.set(code, found);
  }
  return found;
}

/** Compiled baseline of a shipped election, cached per test file. */
export function loadBaseline(code: string): CompiledBaseline {
  let found = baselines.get(code);
  if (!found) {
    found = compileBaseline(loadResults(code));
    baselines.set(code, found);
  }
  return found;
}

/** The 60 seats of the 2019 Unite to Remain pact. */
export function uniteToRemain(): UniteToRemainSeat[] {
  return parseUniteToRemain(read('unite_to_remain_2019.csv')).filter(
    (s) => s.arrangement === 'unite_to_remain',
  );
}
