import type { Grant } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';

/**
 * The visibility rule of `canView` (libs/negotiation) in SQL: admins see all; officers their local
 * parties' proposed pacts and their own drafts; coordinators proposed pacts their (party, region)
 * oversees — a participant of that party in that region, or a participant of that party and a
 * current stand-aside in that region (`oversightSlots`); members ratified and terminated pacts of their party. The list applies it to the
 * candidates the list index finds (pact_list_keys may hold keys of a pact's earlier states). The
 * e2e tests check list and detail agree.
 *
 * `OFFSET 0` fences the correlated subqueries here and in FILTERS: without it PostgreSQL may turn
 * an EXISTS under OR into a hashed subplan that reads every matching participant row on each call.
 */
export const VISIBLE = `(
  $1::boolean
  OR p.author_local_party_id = ANY($2::uuid[])
  OR (p.proposed_at IS NOT NULL AND EXISTS (SELECT 1 FROM pact_participants pp WHERE pp.pact_id = p.id AND pp.local_party_id = ANY($2::uuid[]) OFFSET 0))
  OR (p.proposed_at IS NOT NULL AND EXISTS (
        SELECT 1 FROM unnest($3::varchar[], $4::varchar[]) AS c(party, region)
         WHERE EXISTS (SELECT 1 FROM pact_participants pp WHERE pp.pact_id = p.id AND pp.party_code = c.party
                        AND pp.region_slug = c.region OFFSET 0)
            OR (EXISTS (SELECT 1 FROM pact_participants pp WHERE pp.pact_id = p.id AND pp.party_code = c.party OFFSET 0)
                AND EXISTS (SELECT 1 FROM pact_stand_asides sa WHERE sa.pact_id = p.id AND sa.revision_number = p.current_revision
                            AND sa.region_slug = c.region OFFSET 0))))
  OR (p.status IN ('ratified', 'terminated') AND EXISTS (
        SELECT 1 FROM pact_participants pp WHERE pp.pact_id = p.id AND pp.party_code = ANY($5::varchar[]) OFFSET 0))
)`;

/** The five parameters ($1–$5) of `VISIBLE` for a user's grants. */
export function visibilityParams(
  grants: readonly Grant[],
): [boolean, string[], string[], string[], string[]] {
  const coordinators = grants.filter((g) => g.role === 'coordinator');
  return [
    grants.some((g) => g.role === 'admin'),
    grants.flatMap((g) => (g.role === 'officer' && g.localPartyId ? [g.localPartyId] : [])),
    coordinators.map((g) => g.party ?? ''),
    coordinators.map((g) => g.region ?? ''),
    grants.flatMap((g) => (g.role === 'member' && g.party ? [g.party] : [])),
  ];
}

/**
 * Whether the user may see the pact, decided in SQL by one primary-key look-up and the pact's own
 * participant rows — the same work whether the pact is hidden or does not exist, so a 404 does not
 * tell them apart by its timing. Callers still apply `canView` to what they load (the same rule).
 */
export async function pactIsVisible(
  manager: EntityManager,
  grants: readonly Grant[],
  id: string,
): Promise<boolean> {
  const rows: { visible: boolean }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM pacts p WHERE p.id = $6 AND ${VISIBLE}) AS visible`,
    [...visibilityParams(grants), id],
  );
  return rows[0]?.visible === true;
}
