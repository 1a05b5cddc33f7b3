import type { Outcome } from '@pactroom/consultation';
import {
  SYSTEM_ACTOR,
  type ConsultationOutcome,
  type EventActor,
  type Pact,
  type PactEvent,
} from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import { appendPactEvents, type NamedUser } from '../audit/audit-log.js';
import type { Outbox } from '../notifications/outbox.js';
import type { ConsultationRow } from './consultation-store.js';

/** The audit actor of a coordinator acting for their slot. */
export function coordinatorActor(userId: string, party: string, region: string): EventActor {
  return { userId, role: 'coordinator', localPartyId: null, party, region };
}

/** The lib's outcome as the chain records it: counts and verdict, never names. */
export function chainOutcome(outcome: Outcome): ConsultationOutcome {
  const { tally, rules } = outcome;
  return {
    electorate: tally.electorate,
    voters: tally.voters,
    agree: tally.agree,
    abstain: tally.abstain,
    disagree: tally.disagree,
    block: tally.block,
    cast: tally.cast,
    turnout: tally.turnout,
    agreeShare: outcome.agreeShare,
    quorum: rules.quorum,
    threshold: rules.threshold,
    quorumMet: outcome.quorumMet,
    thresholdMet: outcome.thresholdMet,
    blocked: outcome.blocked,
    passed: outcome.passed,
  };
}

const slotOf = (c: ConsultationRow) => ({
  consultationId: c.id,
  revision: c.revision,
  party: c.party,
  region: c.region,
});

/**
 * Appends consultation events to the pact's chain and marks the pact changed (its version moves,
 * so cached reads and open pages see the new trail), in the caller's transaction, which holds the
 * pact's row lock.
 */
export async function recordConsultationEvents(
  manager: EntityManager,
  events: readonly PactEvent[],
  by?: NamedUser,
): Promise<void> {
  if (events.length === 0) {
    return;
  }
  await appendPactEvents(manager, events, by);
  const [first] = events;
  await manager.query('UPDATE pacts SET updated_at = $2 WHERE id = $1', [
    first?.pactId,
    new Date(first?.occurredAt ?? Date.now()),
  ]);
}

export function openedEvent(pact: Pact, c: ConsultationRow, actor: EventActor): PactEvent {
  return {
    pactId: pact.id,
    action: 'pact.consultation_opened',
    actor,
    occurredAt: c.openedAt.toISOString(),
    payload: {
      from: pact.status,
      to: pact.status,
      ...slotOf(c),
      revisionHash: pact.revision.hash,
      scope: c.scope,
      localPartyIds: c.localPartyIds,
      secret: c.secret,
      quorum: c.quorum,
      threshold: c.threshold,
      electorate: c.electorate,
      closesAt: c.closesAt.toISOString(),
    },
  };
}

export function closedEvent(
  pact: Pact,
  c: ConsultationRow,
  outcome: Outcome,
  by: EventActor | null,
  at: Date,
): PactEvent {
  return {
    pactId: pact.id,
    action: 'pact.consultation_closed',
    actor: by ?? SYSTEM_ACTOR,
    occurredAt: at.toISOString(),
    payload: {
      from: pact.status,
      to: pact.status,
      ...slotOf(c),
      closedEarly: by !== null,
      outcome: chainOutcome(outcome),
    },
  };
}

export function voidedEvent(pact: Pact, c: ConsultationRow, why: string, at: Date): PactEvent {
  return {
    pactId: pact.id,
    action: 'pact.consultation_voided',
    actor: SYSTEM_ACTOR,
    occurredAt: at.toISOString(),
    payload: { from: pact.status, to: pact.status, ...slotOf(c), why },
  };
}

export function overriddenEvent(
  pact: Pact,
  c: ConsultationRow,
  outcome: Outcome,
  reason: string,
  actor: EventActor,
  at: Date,
): PactEvent {
  return {
    pactId: pact.id,
    action: 'pact.consultation_overridden',
    actor,
    occurredAt: at.toISOString(),
    payload: {
      from: pact.status,
      to: pact.status,
      ...slotOf(c),
      passed: outcome.passed,
      blocked: outcome.blocked,
      reason,
    },
  };
}

/**
 * Records a consultation's news in the notification outbox (opened, closing, closed), in the
 * caller's transaction: the fan-out tells the members it asks (and at close its opener).
 */
export async function announceConsultation(
  manager: EntityManager,
  outbox: Outbox,
  kind: 'consultation.opened' | 'consultation.closing' | 'consultation.closed',
  c: ConsultationRow,
  actorUserId: string | null,
  at: Date,
  extra: Record<string, unknown> = {},
  dedupeKey?: string,
): Promise<boolean> {
  const id = await outbox.record(manager, {
    kind,
    pactId: c.pactId,
    actorUserId,
    data: {
      consultationId: c.id,
      revision: c.revision,
      closesAt: c.closesAt.toISOString(),
      actorParty: c.party,
      actorRegion: c.region,
      ...extra,
    },
    occurredAt: at,
    ...(dedupeKey === undefined ? {} : { dedupeKey }),
  });
  return id !== null;
}
