import { type ElectionResults } from '@pactroom/election-data';
import { leaderOf } from './ballot.js';

/**
 * A baseline election compiled into flat typed arrays (seat-major: cell `seat * nParties + party`).
 * Plain data only, so it survives `structuredClone` and `postMessage` into a worker thread.
 *
 * Each party's *effective* vote in a seat is the vote of its strongest single candidate; any
 * further candidates under the same code go into `residual`. Only `ind` and `other` ever have
 * several candidates in one seat, and their summed row can exceed the winner's vote (GE2024:
 * Birmingham Hall Green and Moseley, Bradford West) although no single candidate did. Comparing
 * effective votes therefore reproduces every published winner, while `residual` keeps the minor
 * candidates' votes in the seat's total; those candidates never contend.
 */
export interface CompiledBaseline {
  /** Election code, e.g. `ge2017`. */
  readonly election: string;
  /** Party codes; order is national votes descending (then code), and breaks exact ties. */
  readonly parties: readonly string[];
  readonly nSeats: number;
  readonly nParties: number;
  /** Constituency ONS codes, names and region slugs, in the source order. */
  readonly onsCodes: readonly string[];
  readonly names: readonly string[];
  readonly regions: readonly string[];
  /** Effective votes, seat × party. Zero means the party fielded no candidate. */
  readonly votes: Float64Array;
  /** Votes of a party's non-leading candidates (only `ind`/`other`), seat × party. */
  readonly residual: Float64Array;
  /** Valid votes per seat (sum of `votes` and `residual` over the seat's row). */
  readonly validVotes: Float64Array;
  /** National total per party, all candidates included. */
  readonly nationalVotes: Float64Array;
  /** Published winner per seat (party index), kept to check the compilation. */
  readonly winners: Int32Array;
  /**
   * 1 where the winner was first elected at this election: not sitting at the dissolution, nor a
   * former MP (`markFormerMps`, when the results were marked with the earlier elections).
   */
  readonly firstTerm: Uint8Array;
}

/** Thrown when an election cannot be compiled consistently (a broken invariant, not user input). */
export class SeatProjectionError extends Error {
  override name = 'SeatProjectionError';
}

/**
 * Compiles parsed results into a {@link CompiledBaseline}. Throws {@link SeatProjectionError} if the
 * effective votes fail to reproduce a published winner.
 */
export function compileBaseline(results: ElectionResults): CompiledBaseline {
  const totals = new Map<string, number>();
  for (const c of results.constituencies) {
    for (const [party, n] of Object.entries(c.votes)) {
      totals.set(party, (totals.get(party) ?? 0) + n);
    }
  }
  const parties = [...totals.keys()].sort(
    (a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const index = new Map(parties.map((p, i) => [p, i]));
  const nSeats = results.constituencies.length;
  const nParties = parties.length;
  const votes = new Float64Array(nSeats * nParties);
  const residual = new Float64Array(nSeats * nParties);
  const validVotes = new Float64Array(nSeats);
  const winners = new Int32Array(nSeats);
  results.constituencies.forEach((c, seat) => {
    const best = new Map<string, number>();
    for (const cand of c.candidates) {
      best.set(cand.party, Math.max(best.get(cand.party) ?? 0, cand.votes));
    }
    for (const [party, n] of Object.entries(c.votes)) {
      const cell = seat * nParties + partyIndex(index, party);
      const effective = Math.min(n, best.get(party) ?? n);
      votes[cell] = effective;
      residual[cell] = n - effective;
    }
    validVotes[seat] = c.validVotes;
    winners[seat] = partyIndex(index, c.winner);
    const found = leaderOf(votes.subarray(seat * nParties, (seat + 1) * nParties), nParties);
    if (found !== winners[seat]) {
      throw new SeatProjectionError(
        `${results.election.code} ${c.onsCode}: effective votes elect ${parties[found]}, published winner ${c.winner}`,
      );
    }
  });
  return {
    election: results.election.code,
    parties,
    nSeats,
    nParties,
    onsCodes: results.constituencies.map((c) => c.onsCode),
    names: results.constituencies.map((c) => c.name),
    regions: results.constituencies.map((c) => c.region),
    votes,
    residual,
    validVotes,
    nationalVotes: Float64Array.from(parties, (p) => totals.get(p) ?? 0),
    winners,
    firstTerm: Uint8Array.from(results.constituencies, (c) =>
      c.candidates.some((cand) => cand.elected && !cand.sittingMp && !cand.formerMp) ? 1 : 0,
    ),
  };
}

function partyIndex(index: ReadonlyMap<string, number>, party: string): number {
  const i = index.get(party);
  if (i === undefined) {
    throw new SeatProjectionError(`party ${party} has no national votes`);
  }
  return i;
}

/** Looks up seat indexes by ONS code. */
export function seatIndexByCode(baseline: CompiledBaseline): Map<string, number> {
  return new Map(baseline.onsCodes.map((code, i) => [code, i]));
}

/** Looks up party indexes by party code. */
export function partyIndexByCode(baseline: CompiledBaseline): Map<string, number> {
  return new Map(baseline.parties.map((p, i) => [p, i]));
}
