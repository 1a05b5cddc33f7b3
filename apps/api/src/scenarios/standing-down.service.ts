import { seatsStandingDown } from '@pactroom/election-data';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentNominations } from '../compliance/nominations-store.js';
import { electionResults } from '../reference/election-files.js';

/** The seats of one result set whose MP the contest's nominations no longer name. */
interface Known {
  readonly latestImport: string;
  readonly seats: readonly string[];
}

/**
 * Which MPs of a pact's baseline do not stand again, from the nominations imported for its contest
 * (issue 16: a projection to the next election takes away a retiring MP's personal vote and gives
 * no first-term bonus there). A seat no import has named yet is presumed to keep its MP. Kept per
 * contest and result set until a newer import arrives: a read costs one indexed look-up of the
 * newest import, and the seats are worked out again only when it changes. Keys are existing
 * contests (callers have checked the pact) × shipped elections, so the map cannot grow with input.
 */
@Injectable()
export class StandingDownService {
  private readonly known = new Map<string, Known>();

  constructor(private readonly dataSource: DataSource) {}

  async seatsOf(contest: string, election: string): Promise<readonly string[]> {
    const [row] = await this.dataSource.query<{ latest: string | null }[]>(
      'SELECT max(id)::text AS latest FROM candidate_imports WHERE contest_id = $1',
      [contest],
    );
    const latestImport = row?.latest ?? null;
    if (latestImport === null) {
      return [];
    }
    const key = `${contest}\u0000${election}`;
    const hit = this.known.get(key);
    if (hit?.latestImport === latestImport) {
      return hit.seats;
    }
    const results = await electionResults(election);
    if (!results) {
      return [];
    }
    const nominations = await currentNominations(
      this.dataSource.manager,
      contest,
      results.constituencies.map((c) => c.onsCode),
    );
    const seats = seatsStandingDown(results, nominations.candidates);
    this.known.set(key, { latestImport, seats });
    return seats;
  }
}
