import type { TestApp } from '../../support/test-app.js';

/**
 * Every table a request can write (the audit log's tables left out: a timer writes them too). The
 * election reference tables are loaded once and never written by the API.
 */
export const WRITABLE_TABLES = [
  'users',
  'grants',
  'refresh_tokens',
  'login_attempt_buckets',
  'local_parties',
  'local_party_constituencies',
  'local_party_events',
  'pacts',
  'pact_revisions',
  'pact_participants',
  'pact_signatures',
  'pact_approvals',
  'pact_stand_asides',
  'audit_events',
  'idempotency_keys',
  'pact_certificates',
] as const;

/** Row count and a digest of the full contents of every writable table. */
export async function dbFingerprint(t: TestApp): Promise<Record<string, string>> {
  const parts = WRITABLE_TABLES.map(
    (table) =>
      `SELECT '${table}' AS t, count(*)::int || ':' || md5(COALESCE(string_agg(x::text, '|' ORDER BY x::text), '')) AS f FROM ${table} x`,
  );
  const rows: { t: string; f: string }[] = await t.dataSource.query(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}
