import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ELECTIONS,
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
