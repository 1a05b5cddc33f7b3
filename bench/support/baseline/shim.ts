// The app's SQL functions take TypeORM's DataSource or EntityManager but only ever call
// `query(sql, params)`; this hands them a pg pool or client instead, so the baseline runs the app's
// own statements without TypeORM in between.
import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** `query(sql, params)` → rows, the only part of TypeORM's DataSource/EntityManager the app's SQL functions use. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown[]>;
}
export function shim(target: pg.Pool | pg.PoolClient): DataSource & EntityManager {
  const q: Queryable & { manager?: Queryable } = {
    query: async (sql, params) => (await target.query(sql, params)).rows as unknown[],
  };
  q.manager = q;
  return q as unknown as DataSource & EntityManager;
}
