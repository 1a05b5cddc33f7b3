import { Injectable } from '@nestjs/common';
import {
  SEAT_HOLDING_STATUSES,
  type OtherPactStandAsides,
  type StandAside,
} from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
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

/**
 * The legs of other seat-holding pacts (signed, ratified) that could clash with `legs`, for the
 * cross-pact conflict check: in a leg's seat, the same party standing aside for another
 * beneficiary, the leg's party benefiting, or its beneficiary standing aside (`findConflicts`
 * decides). Distinct legs only, each as its own entry: a caller is never told which pact holds
 * one, and a seat shared by thousands of identical pacts costs a few index probes, not a scan.
 * Takes a transaction advisory lock per seat first, in sorted order, so two pacts starting to hold
 * the same seat at once are checked one after the other instead of both passing.
 */
export async function lockSeatsAndLoadOtherPacts(
  manager: EntityManager,
  boundarySet: string,
  legs: readonly StandAside[],
  selfPactId: string,
): Promise<OtherPactStandAsides[]> {
  const seats = [...new Set(legs.map((l) => l.constituency))].sort();
  await manager.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('pactroom:seat:' || $1 || ':' || seat, 0))
       FROM unnest($2::varchar[]) WITH ORDINALITY AS s(seat, n) ORDER BY n`,
    [boundarySet, seats],
  );
  // Five index range probes per leg (the `<>` split in two, so each is a range): the planner
  // cannot turn an OR across columns into probes, and would read every leg of a busy seat instead.
  const rows: StandAside[] = await manager.query(
    `WITH m AS (SELECT * FROM unnest($2::varchar[], $3::varchar[], $4::varchar[]) AS m(seat, party, beneficiary)),
     candidates AS (
       SELECT sa.* FROM m JOIN pact_stand_asides sa ON sa.ons_code = m.seat AND sa.party_code = m.party AND sa.beneficiary_party < m.beneficiary
       UNION ALL
       SELECT sa.* FROM m JOIN pact_stand_asides sa ON sa.ons_code = m.seat AND sa.party_code = m.party AND sa.beneficiary_party > m.beneficiary
       UNION ALL
       SELECT sa.* FROM m JOIN pact_stand_asides sa ON sa.ons_code = m.seat AND sa.beneficiary_party = m.party
       UNION ALL
       SELECT sa.* FROM m JOIN pact_stand_asides sa ON sa.ons_code = m.seat AND sa.party_code = m.beneficiary
     )
     SELECT DISTINCT c.party_code AS party, c.ons_code AS constituency, c.beneficiary_party AS beneficiary
       FROM candidates c
       JOIN pacts p ON p.id = c.pact_id AND c.revision_number = p.current_revision
       JOIN elections e ON e.code = p.election_code
      WHERE e.boundary_set = $1 AND p.status = ANY($6::varchar[]) AND p.id <> $5`,
    [
      boundarySet,
      legs.map((l) => l.constituency),
      legs.map((l) => l.party),
      legs.map((l) => l.beneficiary),
      selfPactId,
      SEAT_HOLDING_STATUSES,
    ],
  );
  // The lib names conflicts by pact; these ids are placeholders that never leave the server.
  return rows.map((leg, i) => ({
    pactId: `holding-leg-${i}`,
    status: 'signed',
    standAsides: [leg],
  }));
}
