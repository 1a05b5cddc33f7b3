import {
  checkCompliance,
  type ComplianceReport,
  type NominatedCandidate,
  type StandAsideToCheck,
} from '@pactroom/compliance';
import type { EntityManager } from 'typeorm';

/** The candidates known for some seats of a contest, and when the latest of them was imported. */
export interface KnownNominations {
  readonly candidates: readonly NominatedCandidate[];
  /** The seats some import named (an empty list of candidates there is still known). */
  readonly covered: readonly string[];
  readonly checkedAt: Date | null;
  /** The newest import among those giving these seats' nominations. */
  readonly latestImportId: string | null;
}

/**
 * The current nominations in `seats`: for each seat, the candidates of the latest import that
 * named it (a statement of persons nominated is per constituency, so a later import replaces
 * only the seats it lists). An import lists a seat by naming at least one candidate there.
 */
export async function currentNominations(
  manager: EntityManager,
  contestId: string,
  seats: readonly string[],
): Promise<KnownNominations> {
  const rows = await manager.query<
    { ons_code: string; party_code: string; name: string; imported_at: Date; import_id: string }[]
  >(
    `WITH latest AS (
       SELECT DISTINCT ON (n.ons_code) n.ons_code, n.import_id
         FROM nominations n
        WHERE n.contest_id = $1 AND n.ons_code = ANY($2::varchar[])
        ORDER BY n.ons_code, n.import_id DESC)
     SELECT n.ons_code, n.party_code, n.name, i.imported_at, l.import_id
       FROM latest l
       JOIN nominations n ON n.import_id = l.import_id AND n.ons_code = l.ons_code
       JOIN candidate_imports i ON i.id = l.import_id
      ORDER BY n.ons_code, n.id`,
    [contestId, [...new Set(seats)]],
  );
  const times = rows.map((r) => new Date(r.imported_at).getTime());
  return {
    candidates: rows.map((r) => ({ onsCode: r.ons_code, party: r.party_code, name: r.name })),
    covered: [...new Set(rows.map((r) => r.ons_code))],
    checkedAt: times.length > 0 ? new Date(Math.max(...times)) : null,
    latestImportId:
      rows.length > 0 ? String(Math.max(...rows.map((r) => Number(r.import_id)))) : null,
  };
}

/** Whether each stand-aside was kept, against the nominations known now. */
export async function complianceOf(
  manager: EntityManager,
  contestId: string,
  standAsides: readonly StandAsideToCheck[],
): Promise<{ report: ComplianceReport; checkedAt: Date | null; latestImportId: string | null }> {
  const known = await currentNominations(
    manager,
    contestId,
    standAsides.map((s) => s.constituency),
  );
  return {
    report: checkCompliance(standAsides, known.candidates, {
      coveredConstituencies: known.covered,
    }),
    checkedAt: known.checkedAt,
    latestImportId: known.latestImportId,
  };
}
