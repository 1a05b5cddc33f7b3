import { Injectable } from '@nestjs/common';
import { electionResults } from '../reference/election-files.js';

/** An election's boundary set and the region of each of its constituencies. */
export interface Geography {
  readonly boundarySet: string;
  readonly regions: ReadonlyMap<string, string>;
}

/**
 * Constituency → region per election, from the process's one parse of the shipped files
 * (reference/election-files.ts), the source projections use too: the two features cannot disagree
 * about where a seat is. Nothing is read from the database, so a burst of first commands after boot
 * no longer needs a connection for it (the hazard cold-start.reliability-spec.ts guards).
 */
@Injectable()
export class ElectionGeography {
  private readonly cache = new Map<string, Geography>();

  async forElection(code: string): Promise<Geography | undefined> {
    const cached = this.cache.get(code);
    if (cached) {
      return cached;
    }
    const results = await electionResults(code);
    if (!results) {
      return undefined;
    }
    const geography = {
      boundarySet: results.election.boundarySet,
      regions: new Map(results.constituencies.map((c) => [c.onsCode, c.region])),
    };
    this.cache.set(code, geography);
    return geography;
  }
}
