import { listKeysFor, type Grant } from '@pactroom/negotiation';
import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Whether pact `p` is visible to a user — `canView` (libs/negotiation), read from the pact's exact
 * list keys: an admin ($1), or one of the user's viewer keys ($2) among the pact's. Each key is one
 * primary-key probe (key, the pact's creation time, its id), so the cost follows the user's keys,
 * not the pact's size, and is the same for a hidden pact as for one that does not exist.
 */
export const VISIBLE = `($1::boolean OR EXISTS (
  SELECT 1 FROM pact_list_keys lk
   WHERE lk.key = ANY($2::varchar[]) AND lk.pact_created_at = p.created_at AND lk.pact_id = p.id))`;

/** The two parameters ($1, $2) of `VISIBLE` for a user's grants. */
export function visibilityParams(grants: readonly Grant[]): [boolean, string[]] {
  return [grants.some((g) => g.role === 'admin'), listKeysFor({ userId: '', grants }).keys];
}

/**
 * Whether the user may see the pact, in one primary-key look-up and the user's key probes — the
 * same work whether the pact is hidden or does not exist, so a 404 does not tell them apart by its
 * timing. Callers still apply `canView` to what they load (the same rule).
 */
export async function pactIsVisible(
  manager: EntityManager,
  grants: readonly Grant[],
  id: string,
): Promise<boolean> {
  const rows: { visible: boolean }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM pacts p WHERE p.id = $3 AND ${VISIBLE}) AS visible`,
    [...visibilityParams(grants), id],
  );
  return rows[0]?.visible === true;
}

const VISIBLE_VERSION = `SELECT p.xmin::text AS version, ${VISIBLE} AS visible FROM pacts p WHERE p.id = $3`;

/**
 * The pact's current version (`xmin`: every change to a pact updates its row) if `grants` may see
 * it; undefined when hidden or absent alike. Every read runs it, so it is prepared once per
 * connection (a named pg statement) instead of parsed and planned each time.
 */
export async function visibleVersion(
  dataSource: DataSource,
  grants: readonly Grant[],
  id: string,
): Promise<string | undefined> {
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const { rows } = await pool.query<{ version: string; visible: boolean }>({
    name: 'pactroom-visible-version',
    text: VISIBLE_VERSION,
    values: [...visibilityParams(grants), id],
  });
  const row = rows[0];
  return row?.visible === true ? row.version : undefined;
}
