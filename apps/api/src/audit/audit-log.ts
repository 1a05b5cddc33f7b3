import { appendEvent, type AuditEvent, type ChainHead } from '@pactroom/audit-chain';
import type { PactEvent } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { columnsOfEvent, fieldsOfRow } from './chain-event-columns.js';

/** A stored event row as the lib's chain event. */
export function toAuditEvent(row: AuditEventEntity): AuditEvent {
  return { pactId: row.pactId, seq: row.seq, ...fieldsOfRow(row) };
}

/** Whose name an event by a user records: the person who made the request. */
export interface NamedUser {
  readonly userId: string;
  readonly name: string;
}

/**
 * A pact event chained after `head` (its time normalised to ISO 8601, as stored). An event by
 * `by` records their name as of now; system events (an expiry a request noticed) record none.
 */
export function chainPactEvent(
  head: ChainHead | null,
  event: PactEvent,
  by?: NamedUser,
): AuditEvent<PactEvent['payload']> {
  const named = by !== undefined && event.actor.userId === by.userId;
  return appendEvent(head, {
    pactId: event.pactId,
    action: event.action,
    actor: named ? { ...event.actor, name: by.name } : event.actor,
    payload: event.payload,
    occurredAt: new Date(event.occurredAt).toISOString(),
  });
}

/**
 * Appends events to their pact's chain inside the caller's transaction. The caller holds the pact
 * row lock (`FOR UPDATE`), which serialises appends per pact; the primary key (pact, seq) is the
 * database's guarantee that two writers can never both take one seq.
 */
export async function appendPactEvents(
  manager: EntityManager,
  events: readonly PactEvent[],
  by?: NamedUser,
): Promise<AuditEvent[]> {
  const written: AuditEvent[] = [];
  for (const event of events) {
    const last = await manager.findOne(AuditEventEntity, {
      where: { pactId: event.pactId },
      order: { seq: 'DESC' },
    });
    const head: ChainHead | null = last ? { seq: last.seq, hash: last.hash } : null;
    const chained = chainPactEvent(head, event, by);
    await manager.insert(AuditEventEntity, {
      pactId: chained.pactId,
      seq: chained.seq,
      ...columnsOfEvent(chained),
    });
    written.push(chained);
  }
  return written;
}
