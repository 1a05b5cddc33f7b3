// SQL written once and used by several statements of the store.

/** A pact's participating local parties' names as `{id: name}` (`$pact` is the pact id column). */
export const participantNames = (pact: string) =>
  `(SELECT json_object_agg(lp.id, lp.name) FROM pact_participants pp
     JOIN local_parties lp ON lp.id = pp.local_party_id WHERE pp.pact_id = ${pact})`;

/**
 * A local party's active seats (ONS codes, sorted), `lp` being the local party id column; with
 * `boundarySet` (an SQL expression), only its seats on that boundary set — a local party may cover
 * seats on several sets, and a pact is about one.
 */
export const localPartySeats = (lp: string, boundarySet?: string) =>
  `ARRAY(SELECT c.ons_code FROM local_party_constituencies lc JOIN constituencies c ON c.id = lc.constituency_id
          WHERE lc.local_party_id = ${lp} AND lc.removed_at IS NULL${boundarySet ? ` AND c.boundary_set = ${boundarySet}` : ''}
          ORDER BY c.ons_code)`;
