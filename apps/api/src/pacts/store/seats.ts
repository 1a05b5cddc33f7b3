import {
  SEAT_HOLDING_STATUSES,
  type OtherPactStandAsides,
  type StandAside,
} from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';

/**
 * The legs of other seat-holding pacts (signed, ratified) that could clash with `legs`, for the
 * cross-pact conflict check: in a leg's seat, the same party standing aside for another
 * beneficiary, the leg's party benefiting, or its beneficiary standing aside (`findConflicts`
 * decides). Distinct legs only, each as its own entry: a caller is never told which pact holds
 * one, and a seat shared by thousands of identical pacts costs a few index probes, not a scan.
 * Pacts conflict only within one contest (a GE2015 what-if never blocks a pact for the next
 * election), so seats are locked and read per contest.
 * Takes a transaction advisory lock per seat first, in sorted order, so two pacts starting to hold
 * the same seat at once are checked one after the other instead of both passing.
 */
export async function lockSeatsAndLoadOtherPacts(
  manager: EntityManager,
  contest: string,
  legs: readonly StandAside[],
  selfPactId: string,
): Promise<OtherPactStandAsides[]> {
  const seats = [...new Set(legs.map((l) => l.constituency))].sort();
  await manager.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('pactroom:seat:' || $1 || ':' || seat, 0))
       FROM unnest($2::varchar[]) WITH ORDINALITY AS s(seat, n) ORDER BY n`,
    [contest, seats],
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
      WHERE p.contest_id = $1 AND p.status = ANY($6::varchar[]) AND p.id <> $5`,
    [
      contest,
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
