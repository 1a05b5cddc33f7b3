import { listKeysOf } from '@pactroom/negotiation';
import type { DataSource } from 'typeorm';
import { loadPacts } from './pact-rows.js';

/** Names the rule the stored keys follow; a new rule gets a new name and runs again. */
export const LIST_KEYS_RULE = 'list-keys-v3';
const BATCH = 500;

/**
 * Makes every pact's list keys exactly `listKeysOf` of its current state, once per rule: databases
 * filled under the earlier rule hold keys of pacts' past states (a superset), which the list now
 * trusts. Runs at boot under the setup lock, before the app serves; pacts are read in batches and
 * the whole table is replaced in one transaction (readers see the old keys or the new, never a
 * mix). Returns how many pacts were filed, or null when it had already run.
 */
export async function backfillListKeys(
  dataSource: DataSource,
  log: (message: string) => void,
): Promise<number | null> {
  return dataSource.transaction(async (manager) => {
    const done: unknown[] = await manager.query(
      'SELECT 1 FROM maintenance_runs WHERE name = $1 FOR UPDATE',
      [LIST_KEYS_RULE],
    );
    if (done.length > 0) {
      return null;
    }
    // Every pact row locked for the duration: no command can file keys meanwhile.
    await manager.query('LOCK TABLE pacts IN SHARE MODE');
    await manager.query(
      'CREATE TEMP TABLE exact_keys (key varchar(160), pact_created_at timestamptz, pact_id uuid) ON COMMIT DROP',
    );
    let filed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids: { id: string; created_at: Date }[] = await manager.query(
        'SELECT id, created_at FROM pacts WHERE id > $1 ORDER BY id LIMIT $2',
        [after, BATCH],
      );
      if (ids.length === 0) {
        break;
      }
      const created = new Map(ids.map((r) => [r.id, r.created_at]));
      const rows = (
        await loadPacts(
          manager,
          ids.map((r) => r.id),
        )
      ).flatMap((pact) =>
        listKeysOf(pact).map((key) => [key, created.get(pact.id), pact.id] as const),
      );
      await manager.query(
        `INSERT INTO exact_keys SELECT * FROM unnest($1::varchar[], $2::timestamptz[], $3::uuid[])`,
        [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
      );
      filed += ids.length;
      after = ids[ids.length - 1]?.id ?? after;
    }
    const [removed]: { n: number }[] = await manager.query(
      `WITH gone AS (
         DELETE FROM pact_list_keys lk WHERE NOT EXISTS (
           SELECT 1 FROM exact_keys e
            WHERE e.key = lk.key AND e.pact_created_at = lk.pact_created_at AND e.pact_id = lk.pact_id)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
    );
    const [added]: { n: number }[] = await manager.query(
      `WITH filed AS (
         INSERT INTO pact_list_keys (key, pact_created_at, pact_id)
         SELECT * FROM exact_keys ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM filed`,
    );
    await manager.query('INSERT INTO maintenance_runs (name, done_at) VALUES ($1, now())', [
      LIST_KEYS_RULE,
    ]);
    log(
      `list keys: ${filed} pacts filed by rule ${LIST_KEYS_RULE} ` +
        `(${removed?.n ?? 0} stale keys removed, ${added?.n ?? 0} added)`,
    );
    return filed;
  });
}
