import type { PactStatus } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import { participantNames } from './fragments.js';

// The pact store's reads beyond the lib's model: what views, lists, revisions, certificates and the
// expiry sweep show or need. Every pact statement lives in store/ (pact-rows.ts: the model and its
// writes; visibility.ts; seats.ts; list-keys-backfill.ts).

/** What the detail response shows beyond the lib's model and the coordinators: names, chain head. */
export interface ViewExtras {
  names: Record<string, string>;
  head: { seq: number; hash: string } | null;
  created_at: Date;
  updated_at: Date;
  canonical_terms: string;
  /** The pact row's version (`xmin`): every change to a pact updates its row. */
  version: string;
}

/** Party × region slots that have at least one enabled coordinator account. */
export type CoordinatorSlots = ReadonlySet<string>;
export const slotKey = (party: string, region: string) => `${party}:${region}`;

/** Every party × region slot with an enabled coordinator, read now (a few rows a party). */
export async function loadCoordinatorSlots(manager: EntityManager): Promise<CoordinatorSlots> {
  const rows: { party_code: string; region_slug: string }[] = await manager.query(
    `SELECT DISTINCT g.party_code, g.region_slug FROM grants g JOIN users u ON u.id = g.user_id
      WHERE g.role = 'coordinator' AND u.disabled_at IS NULL`,
  );
  return new Set(rows.map((r) => slotKey(r.party_code, r.region_slug)));
}

/** Reads what the detail response shows beyond the lib's model: names, chain head, version. */
export async function loadExtras(manager: EntityManager, pactId: string): Promise<ViewExtras> {
  const rows: ViewExtras[] = await manager.query(
    `SELECT p.created_at, p.updated_at, r.canonical_terms, p.xmin::text AS version,
            ${participantNames('p.id')} AS names,
            (SELECT json_build_object('seq', e.seq, 'hash', e.hash) FROM audit_events e WHERE e.pact_id = p.id
              ORDER BY e.seq DESC LIMIT 1) AS head
       FROM pacts p JOIN pact_revisions r ON r.pact_id = p.id AND r.number = p.current_revision
      WHERE p.id = $1`,
    [pactId],
  );
  const row = rows[0];
  if (!row) {
    throw new Error(`pact ${pactId} vanished`);
  }
  return row;
}

/** A certificate's facts the model does not carry: names (then and now) and event times. */
export interface CertificateRow {
  canonical_terms: string;
  names: Record<string, string>;
  users: Record<string, string>;
  named: Record<string, string> | null;
  ratified_at: Date | null;
  terminated_at: Date | null;
}

export async function certificateRow(
  manager: EntityManager,
  pactId: string,
): Promise<CertificateRow | undefined> {
  const rows: CertificateRow[] = await manager.query(
    `SELECT r.canonical_terms,
            ${participantNames('p.id')} AS names,
            (SELECT json_object_agg(u.id, u.name) FROM users u
              WHERE u.id IN (SELECT user_id FROM pact_signatures WHERE pact_id = p.id UNION SELECT user_id FROM pact_approvals WHERE pact_id = p.id)) AS users,
            (SELECT json_object_agg(x.k, x.n) FROM (
               SELECT DISTINCT ON (k) e.actor_user_id || ':' || (e.payload->>'revision') || ':' || COALESCE(e.actor_local_party_id::text, '') AS k,
                      e.actor_name AS n
                 FROM audit_events e
                WHERE e.pact_id = p.id AND e.actor_name IS NOT NULL
                  AND e.action IN ('pact.proposed', 'pact.countered', 'pact.signed', 'pact.approved')
                ORDER BY k, e.seq) x) AS named,
            (SELECT max(e.occurred_at) FROM audit_events e WHERE e.pact_id = p.id AND e.action = 'pact.approved'
                AND e.payload->>'to' = 'ratified') AS ratified_at,
            (SELECT max(e.occurred_at) FROM audit_events e WHERE e.pact_id = p.id AND e.action = 'pact.terminated') AS terminated_at
       FROM pacts p JOIN pact_revisions r ON r.pact_id = p.id AND r.number = p.current_revision WHERE p.id = $1`,
    [pactId],
  );
  return rows[0];
}

/** The pact row's own columns every read of a pact starts with. */
export interface PactHeadRow {
  id: string;
  title: string;
  election_code: string;
  contest_id: string;
  status: PactStatus;
  author_local_party_id: string;
  current_revision: number;
  respond_by: Date;
}

/** A pact summary as the list reads it. */
export interface SummaryRow extends PactHeadRow {
  created_at: Date;
  updated_at: Date;
}

const SUMMARY_COLUMNS = `p.id, p.title, p.election_code, p.contest_id, p.status, p.author_local_party_id,
  p.current_revision, p.respond_by, p.created_at, p.updated_at`;

/**
 * One page of the pacts a user may see, newest first. Keys are exact (pact-store.ts
 * `fileListKeys`), so they decide both: for each of the user's list keys (qualified by a filter's
 * most selective term when there is one), the primary key of pact_list_keys yields that key's
 * pacts newest first from the cursor on, and a pact matches the filters when it is also filed under
 * each of their `all|…` keys (`filterKeys`: one primary-key probe each). The pages of all keys
 * (and, for an admin's unfiltered list, of all pacts) are merged. The cost follows the page size
 * and the user's keys, not the number of pacts.
 *
 * Parameters: $1 cursor time, $2 cursor id, $3 limit, $4 the keys walked, $5 walk every pact (an
 * admin's unfiltered list), $6 the filter keys every listed pact must have.
 */
// The pact is fetched per key row through a correlated subquery fenced with OFFSET 0: the checks
// then run row by row in key order and stop at the page's end. Joined plainly, PostgreSQL may
// instead collect every pact a filter matches and check each first.
const LIST_PAGE = `
  WITH candidates AS (
    SELECT c.* FROM unnest($4::varchar[]) AS k(key)
    CROSS JOIN LATERAL (
      SELECT ${SUMMARY_COLUMNS}
        FROM pact_list_keys lk
        CROSS JOIN LATERAL (SELECT * FROM pacts WHERE pacts.id = lk.pact_id OFFSET 0) p
       WHERE lk.key = k.key
         AND ($1::timestamptz IS NULL OR (lk.pact_created_at, lk.pact_id) < ($1, $2::uuid))
         AND NOT EXISTS (
           SELECT 1 FROM unnest($6::varchar[]) AS f(key)
            WHERE NOT EXISTS (SELECT 1 FROM pact_list_keys fk
                               WHERE fk.key = f.key AND fk.pact_created_at = lk.pact_created_at
                                 AND fk.pact_id = lk.pact_id))
       ORDER BY lk.pact_created_at DESC, lk.pact_id DESC
       LIMIT $3) c
    UNION
    (SELECT ${SUMMARY_COLUMNS} FROM pacts p
      WHERE $5::boolean
        AND ($1::timestamptz IS NULL OR (p.created_at, p.id) < ($1, $2::uuid))
      ORDER BY p.created_at DESC, p.id DESC
      LIMIT $3))
  SELECT * FROM candidates ORDER BY created_at DESC, id DESC LIMIT $3`;

/** One page of a user's list: see LIST_PAGE. */
export function listPage(
  manager: EntityManager,
  page: {
    after: readonly [string, string] | undefined;
    limit: number;
    keys: readonly string[];
    all: boolean;
    filterKeys: readonly string[];
  },
): Promise<SummaryRow[]> {
  return manager.query(LIST_PAGE, [
    page.after?.[0] ?? null,
    page.after?.[1] ?? null,
    page.limit,
    page.keys,
    page.all,
    page.filterKeys,
  ]);
}

/** A revision as stored. */
export interface RevisionRow {
  number: number;
  hash: string;
  canonical_terms: string;
  author_local_party_id: string;
  created_at: Date | string;
}

/** A page of a pact's revisions after `afterNumber`, oldest first. */
export function revisionPage(
  manager: EntityManager,
  pactId: string,
  afterNumber: number,
  limit: number,
): Promise<RevisionRow[]> {
  return manager.query(
    `SELECT number, hash, canonical_terms, author_local_party_id, created_at FROM pact_revisions
      WHERE pact_id = $1 AND number > $2 ORDER BY number LIMIT $3`,
    [pactId, afterNumber, limit],
  );
}

export async function revisionRow(
  manager: EntityManager,
  pactId: string,
  number: number,
): Promise<RevisionRow | undefined> {
  const rows: RevisionRow[] = await manager.query(
    'SELECT number, hash, canonical_terms, author_local_party_id, created_at FROM pact_revisions WHERE pact_id = $1 AND number = $2',
    [pactId, number],
  );
  return rows[0];
}

/** Pacts in `statuses` past their respond-by, earliest first. */
export async function duePacts(
  manager: EntityManager,
  statuses: readonly string[],
  limit: number,
): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM pacts WHERE status = ANY($2::varchar[]) AND respond_by < now() ORDER BY respond_by LIMIT $1`,
    [limit, statuses],
  );
  return rows.map((r) => r.id);
}
