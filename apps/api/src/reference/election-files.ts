import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ELECTIONS,
  markFormerMps,
  parseElection,
  type ElectionInfo,
  type ElectionResults,
} from '@pactroom/election-data';

/**
 * The shipped files live in `libs/election-data/data`, found by walking up from this module so it
 * works from `src/` (tests), `dist/` (npm start) and the Docker image alike.
 */
export function electionDataDir(): string {
  for (
    let dir = dirname(fileURLToPath(import.meta.url));
    dirname(dir) !== dir;
    dir = dirname(dir)
  ) {
    const candidate = join(dir, 'libs', 'election-data', 'data');
    if (existsSync(join(candidate, 'ge2017.csv'))) {
      return candidate;
    }
  }
  throw new Error('libs/election-data/data not found above the running module');
}

/** One election's file contents with their combined SHA-256 (to skip an unchanged reload). */
export interface ElectionFiles {
  readonly info: ElectionInfo;
  readonly sha256: string;
  parse(): ElectionResults;
}

/** Reads the results and candidates files of every shipped election. */
export async function readElectionFiles(dir = electionDataDir()): Promise<ElectionFiles[]> {
  return Promise.all(
    ELECTIONS.map(async (info) => {
      const [results, candidates] = await Promise.all([
        readFile(join(dir, info.resultsFile), 'utf8'),
        readFile(join(dir, info.candidatesFile), 'utf8'),
      ]);
      const sha256 = createHash('sha256')
        .update(results)
        .update('\0')
        .update(candidates)
        .digest('hex');
      return { info, sha256, parse: () => parseElection(info, results, candidates) };
    }),
  );
}

let shipped: Promise<ElectionFiles[]> | undefined;
const parsed = new Map<string, ElectionResults>();
const unmarked = new Map<string, ElectionResults>();

/**
 * The shipped elections, read once per process and each parsed at most once: the one source of
 * election data for pacts (geography: each seat's region, the boundary set) and projections (the
 * baselines; the worker thread is sent the parsed results rather than reading the files again).
 * The database holds a copy, loaded from these at boot, for the reference routes and for SQL.
 */
export function shippedElections(): Promise<ElectionFiles[]> {
  shipped ??= readElectionFiles().then((files) => {
    const raw = (file: ElectionFiles) => {
      let results = unmarked.get(file.info.code);
      if (!results) {
        results = file.parse();
        unmarked.set(file.info.code, results);
      }
      return results;
    };
    // Files are in date order (ELECTIONS): each election's former MPs are its earlier winners.
    return files.map((file, at) => ({
      info: file.info,
      sha256: file.sha256,
      parse: () => {
        let results = parsed.get(file.info.code);
        if (!results) {
          results = markFormerMps(raw(file), files.slice(0, at).map(raw));
          parsed.set(file.info.code, results);
        }
        return results;
      },
    }));
  });
  return shipped;
}

/** One shipped election's results (parsed once), or undefined for an unknown code. */
export async function electionResults(code: string): Promise<ElectionResults | undefined> {
  return (await shippedElections()).find((f) => f.info.code === code)?.parse();
}

/** The results of an election already parsed in this process, without waiting; else undefined. */
export function parsedElectionResults(code: string): ElectionResults | undefined {
  return parsed.get(code);
}
