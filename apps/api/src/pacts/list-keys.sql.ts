/**
 * The keys each pact is filed under in its current state, in SQL: the same rule as `listKeysOf`
 * (libs/negotiation/src/list-keys.ts). Viewer keys: author; once proposed, officers of every
 * participant and the coordinators overseeing it (`oversightSlots`: each participant's party ×
 * region, and each participating party × each region of a current stand-aside); members of every
 * participating party once ratified or terminated. Then each viewer key (but the author's once
 * proposed: its officers look under `officer:`), and `all` (an admin's), qualified by each filter
 * term the pact matches: its status, each participating party, each region it touches, each seat
 * of a current stand-aside. The e2e tests check the two agree on every pact they make, and the
 * bench seeds its pacts' keys with it.
 *
 * The list-keys migration backfilled with the rule of its day, which filed coordinators under every
 * participating party × every region of the pact — a superset of these keys. Keys are append-only
 * and the list re-checks visibility, so databases filled then stay correct (tested).
 */
export const CURRENT_LIST_KEYS_SQL = `
  WITH current_stand_asides AS (
    SELECT sa.pact_id, sa.region_slug, sa.ons_code FROM pact_stand_asides sa
      JOIN pacts cur ON cur.id = sa.pact_id AND sa.revision_number = cur.current_revision
  ), regions AS (
    SELECT pact_id, region_slug FROM pact_participants
    UNION
    SELECT pact_id, region_slug FROM current_stand_asides
  ), viewers AS (
    SELECT 'author:' || p.author_local_party_id AS key, p.id AS pact_id FROM pacts p
    UNION
    SELECT 'officer:' || pp.local_party_id, p.id
      FROM pacts p JOIN pact_participants pp ON pp.pact_id = p.id
     WHERE p.proposed_at IS NOT NULL
    UNION
    SELECT 'coordinator:' || pp.party_code || ':' || pp.region_slug, p.id
      FROM pacts p JOIN pact_participants pp ON pp.pact_id = p.id
     WHERE p.proposed_at IS NOT NULL
    UNION
    SELECT 'coordinator:' || pp.party_code || ':' || sa.region_slug, p.id
      FROM pacts p JOIN pact_participants pp ON pp.pact_id = p.id
      JOIN current_stand_asides sa ON sa.pact_id = p.id
     WHERE p.proposed_at IS NOT NULL
    UNION
    SELECT 'member:' || pp.party_code, p.id
      FROM pacts p JOIN pact_participants pp ON pp.pact_id = p.id
     WHERE p.status IN ('ratified', 'terminated')
  ), terms AS (
    SELECT id AS pact_id, 'status:' || status AS term FROM pacts
    UNION
    SELECT pact_id, 'party:' || party_code FROM pact_participants
    UNION
    SELECT pact_id, 'region:' || region_slug FROM regions
    UNION
    SELECT pact_id, 'seat:' || ons_code FROM current_stand_asides
  ), qualified_by AS (
    SELECT v.key, v.pact_id FROM viewers v JOIN pacts p ON p.id = v.pact_id
     WHERE p.proposed_at IS NULL OR v.key NOT LIKE 'author:%'
    UNION ALL
    SELECT 'all', id FROM pacts
  ), filed AS (
    SELECT key, pact_id FROM viewers
    UNION ALL
    SELECT q.key || '|' || t.term, q.pact_id FROM qualified_by q JOIN terms t ON t.pact_id = q.pact_id
  )
  SELECT f.key, p.created_at AS pact_created_at, p.id AS pact_id
    FROM filed f JOIN pacts p ON p.id = f.pact_id`;
