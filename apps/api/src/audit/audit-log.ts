import { appendEvent, type AuditEvent, type ChainHead } from '@pactroom/audit-chain';
import type { PactEvent } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';

/** A stored event row as the lib's chain event. */
export function toAuditEvent(row: AuditEventEntity): AuditEvent {
  return {
    pactId: row.pactId,
    seq: row.seq,
    prevHash: row.prevHash,
    hash: row.hash,
    action: row.action,
    actor: {
      userId: row.actorUserId,
      role: row.actorRole,
      localPartyId: row.actorLocalPartyId,
      party: row.actorParty,
      region: row.actorRegion,
    },
    payload: row.payload,
    occurredAt: row.occurredAt.toISOString(),
  };
}

/** A pact event chained after `head` (its time normalised to ISO 8601, as stored). */
export function chainPactEvent(
  head: ChainHead | null,
  event: PactEvent,
): AuditEvent<PactEvent['payload']> {
  return appendEvent(head, {
    pactId: event.pactId,
    action: event.action,
    actor: event.actor,
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
): Promise<AuditEvent[]> {
  const written: AuditEvent[] = [];
  for (const event of events) {
    const last = await manager.findOne(AuditEventEntity, {
      where: { pactId: event.pactId },
      order: { seq: 'DESC' },
    });
    const head: ChainHead | null = last ? { seq: last.seq, hash: last.hash } : null;
    const chained = chainPactEvent(head, event);
    await manager.insert(AuditEventEntity, {
      pactId: chained.pactId,
      seq: chained.seq,
      prevHash: chained.prevHash,
      hash: chained.hash,
      action: chained.action,
      actorUserId: chained.actor.userId,
      actorRole: chained.actor.role,
      actorLocalPartyId: chained.actor.localPartyId,
      actorParty: chained.actor.party,
      actorRegion: chained.actor.region,
      payload: chained.payload,
      occurredAt: new Date(chained.occurredAt),
    });
    written.push(chained);
  }
  return written;
}
