import { type ElectionInfo, regionSlugOf } from './catalogue.js';
import { CsvFormatError, parseCsvRecords } from './csv.js';

/** One candidate as published. */
export interface Candidate {
  readonly party: string;
  readonly name: string;
  readonly votes: number;
  readonly elected: boolean;
  /** An MP when Parliament was dissolved (a first-term MP's winner was not). */
  readonly sittingMp: boolean;
  /**
   * Won a seat for the same party at an earlier shipped election (`markFormerMps`), though not
   * sitting at the dissolution: a former MP returning is not a first-term MP. False as parsed.
   */
  readonly formerMp: boolean;
}

/** One constituency's result: votes per party code (summed for `ind`/`other`) and its candidates. */
export interface ConstituencyResult {
  readonly onsCode: string;
  readonly name: string;
  readonly region: string;
  readonly country: string;
  readonly electorate: number;
  readonly validVotes: number;
  /** Votes per party code, in the file's order; absent parties did not stand. */
  readonly votes: Readonly<Record<string, number>>;
  /** Party of the elected candidate (from the candidates file, because `ind`/`other` are sums). */
  readonly winner: string;
  /** Winning candidate's votes minus the runner-up candidate's votes. */
  readonly majority: number;
  readonly candidates: readonly Candidate[];
}

/** A parsed and checked result set of 650 constituencies. */
export interface ElectionResults {
  readonly election: ElectionInfo;
  readonly constituencies: readonly ConstituencyResult[];
}

const RESULT_COLUMNS = [
  'ons_code',
  'constituency',
  'region',
  'country',
  'electorate',
  'valid_votes',
  'party',
  'votes',
] as const;
const CANDIDATE_COLUMNS = [
  'ons_code',
  'party',
  'candidate',
  'sitting_mp',
  'votes',
  'elected',
] as const;

/** Thrown when the shipped files break an invariant that SOURCES.md promises. */
export class ElectionDataError extends Error {
  override name = 'ElectionDataError';
}

function toCount(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new CsvFormatError(`${what} is not a count: ${value}`);
  }
  return n;
}

interface Builder {
  onsCode: string;
  name: string;
  region: string;
  country: string;
  electorate: number;
  validVotes: number;
  votes: Record<string, number>;
  candidates: Candidate[];
}

/**
 * Parses an election's results and candidates files and checks the invariants SOURCES.md states:
 * 650 constituencies, party votes summing to the valid votes, exactly one elected candidate, the
 * elected candidate first with no tie.
 */
export function parseElection(
  election: ElectionInfo,
  resultsCsv: string,
  candidatesCsv: string,
): ElectionResults {
  const seats = new Map<string, Builder>();
  for (const row of parseCsvRecords(resultsCsv, RESULT_COLUMNS)) {
    const region = regionSlugOf(row.region);
    if (!region) {
      throw new ElectionDataError(`unknown region ${row.region} in ${row.ons_code}`);
    }
    let seat = seats.get(row.ons_code);
    if (!seat) {
      seat = {
        onsCode: row.ons_code,
        name: row.constituency,
        region,
        country: row.country,
        electorate: toCount(row.electorate, 'electorate'),
        validVotes: toCount(row.valid_votes, 'valid_votes'),
        votes: {},
        candidates: [],
      };
      seats.set(row.ons_code, seat);
    }
    if (seat.votes[row.party] !== undefined) {
      throw new ElectionDataError(`duplicate ${row.party} in ${row.ons_code}`);
    }
    seat.votes[row.party] = toCount(row.votes, 'votes');
  }
  for (const row of parseCsvRecords(candidatesCsv, CANDIDATE_COLUMNS)) {
    const seat = seats.get(row.ons_code);
    if (!seat) {
      throw new ElectionDataError(`candidate in unknown constituency ${row.ons_code}`);
    }
    seat.candidates.push({
      party: row.party,
      name: row.candidate,
      votes: toCount(row.votes, 'votes'),
      elected: row.elected === 'yes',
      sittingMp: row.sitting_mp === 'Yes',
      formerMp: false,
    });
  }
  if (seats.size !== 650) {
    throw new ElectionDataError(`${election.code}: ${seats.size} constituencies, expected 650`);
  }
  const constituencies = [...seats.values()].map((seat) => finish(election, seat));
  return { election, constituencies };
}

function finish(election: ElectionInfo, seat: Builder): ConstituencyResult {
  const total = Object.values(seat.votes).reduce((a, b) => a + b, 0);
  if (total !== seat.validVotes) {
    throw new ElectionDataError(
      `${election.code} ${seat.onsCode}: votes sum to ${total}, valid votes ${seat.validVotes}`,
    );
  }
  const ranked = [...seat.candidates].sort((a, b) => b.votes - a.votes);
  const [first, second] = ranked;
  const elected = seat.candidates.filter((c) => c.elected);
  if (
    !first ||
    elected.length !== 1 ||
    elected[0] !== first ||
    (second && second.votes === first.votes)
  ) {
    throw new ElectionDataError(
      `${election.code} ${seat.onsCode}: winner is not the unique top candidate`,
    );
  }
  return {
    ...seat,
    candidates: ranked,
    winner: first.party,
    majority: first.votes - (second?.votes ?? 0),
  };
}

/** Seats won per party code. */
export function seatTotals(results: ElectionResults): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const c of results.constituencies) {
    totals[c.winner] = (totals[c.winner] ?? 0) + 1;
  }
  return totals;
}
