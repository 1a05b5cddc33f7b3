// audit_events rows written with bare pg (the baseline's sign, the seed's batches), in one column
// order; the app writes the same columns through AuditEventEntity (apps/api/src/audit/audit-log.ts).
import type { AuditEvent } from '@pactroom/audit-chain';

export const AUDIT_EVENT_COLUMNS =
  'pact_id, seq, prev_hash, hash, action, actor_user_id, actor_role, actor_local_party_id, actor_party, actor_region, actor_name, payload, occurred_at';

/** PostgreSQL types of AUDIT_EVENT_COLUMNS, for `unnest` of column arrays. */
export const AUDIT_EVENT_TYPES = [
  'uuid',
  'int',
  'bpchar',
  'bpchar',
  'varchar',
  'uuid',
  'varchar',
  'uuid',
  'varchar',
  'varchar',
  'varchar',
  'jsonb',
  'timestamptz',
];

/** A chained event's values in AUDIT_EVENT_COLUMNS order. */
export function auditEventValues(chained: AuditEvent): unknown[] {
  return [
    chained.pactId,
    chained.seq,
    chained.prevHash,
    chained.hash,
    chained.action,
    chained.actor.userId,
    chained.actor.role,
    chained.actor.localPartyId,
    chained.actor.party,
    chained.actor.region,
    chained.actor.name ?? null,
    JSON.stringify(chained.payload),
    chained.occurredAt,
  ];
}
