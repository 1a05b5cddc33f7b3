import type { PactEvent } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import { appendPactEvents, type NamedUser } from '../audit/audit-log.js';
import type { Outbox } from '../notifications/outbox.js';

/** What a message about a pact event needs beyond the pact row (never the full terms). */
function messageData(event: PactEvent): Record<string, unknown> {
  const payload = event.payload as unknown as Record<string, unknown>;
  const revision = payload.revision;
  return {
    from: payload.from ?? null,
    to: payload.to,
    revision:
      typeof revision === 'object' && revision !== null
        ? (revision as { number: number }).number
        : (revision ?? null),
    reason: payload.reason ?? null,
    actorRole: event.actor.role,
    actorLocalPartyId: event.actor.localPartyId,
    actorParty: event.actor.party,
    actorRegion: event.actor.region,
    ...(event.action === 'pact.compliance_checked' ? { note: complianceNote(event.payload) } : {}),
  };
}

/** "2 kept, 1 breached, 0 not yet known": what a compliance check found, for its message. */
function complianceNote(payload: { summary: { kept: number; breached: number; unknown: number } }) {
  const { kept, breached, unknown } = payload.summary;
  return `${kept} kept, ${breached} breached, ${unknown} not yet known`;
}

/**
 * Appends the events to their pact's audit chain and records each in the notification outbox, in
 * the caller's transaction: the change, its audit event and the news of it commit together or
 * not at all. A draft is nobody's news until it is proposed.
 */
export async function appendAndAnnounce(
  manager: EntityManager,
  outbox: Outbox,
  events: readonly PactEvent[],
  by?: NamedUser,
): Promise<void> {
  await appendPactEvents(manager, events, by);
  for (const event of events) {
    if (event.action === 'pact.drafted') {
      continue;
    }
    await outbox.record(manager, {
      kind: event.action,
      pactId: event.pactId,
      actorUserId: event.actor.userId,
      data: messageData(event),
      occurredAt: new Date(event.occurredAt),
    });
  }
}
