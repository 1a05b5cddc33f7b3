import { outcomeOf, publishResult, type PublishedResult } from '@pactroom/consultation';
import type { EventActor, Pact, PactEvent } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import type { Outbox } from '../notifications/outbox.js';
import { announceConsultation } from './consultation-events.js';
import {
  closedEvent,
  overriddenEvent,
  recordConsultationEvents,
  voidedEvent,
} from './consultation-events.js';
import {
  consultationOfSlot,
  consultationsOfPact,
  endConsultation,
  loadConsultation,
  stancesOf,
  type ConsultationRow,
} from './consultation-store.js';
import { ConsultationErrors } from './consultations.errors.js';

// What consultations mean for the pact commands (which call these inside their transaction, under
// the pact's row lock): a change of terms voids them, and an approval waits for its own.

/** The result a consultation publishes at close, from its stances as they stand. */
export async function resultOf(
  manager: EntityManager,
  c: ConsultationRow,
): Promise<PublishedResult> {
  const records = await stancesOf(manager, c.id);
  return publishResult(
    records,
    c.electorate,
    { quorum: c.quorum, threshold: c.threshold },
    c.secret,
  );
}

/**
 * Closes a consultation: its published result stored, `pact.consultation_closed` appended (by its
 * opener when early, else by the clock). The caller holds the pact's row lock; the consultation row
 * is locked here, after the pact's (one order everywhere), so no stance slips in after the count.
 */
export async function closeConsultation(
  manager: EntityManager,
  outbox: Outbox,
  pact: Pact,
  id: string,
  by: EventActor | null,
  at: Date,
): Promise<PublishedResult | undefined> {
  const c = await loadConsultation(manager, id, 'FOR UPDATE');
  if (!c || c.endedAt !== null) {
    return undefined;
  }
  const result = await resultOf(manager, c);
  await endConsultation(manager, c.id, 'closed', by?.userId ?? null, result, at);
  await recordConsultationEvents(manager, [closedEvent(pact, c, result.outcome, by, at)]);
  await announceConsultation(manager, outbox, 'consultation.closed', c, by?.userId ?? null, at, {
    note: outcomeNote(result),
  });
  return result;
}

/** "passed: 12 of 40 took part, 9 agree, …": a closed consultation in one line, for its message. */
function outcomeNote({ outcome }: PublishedResult): string {
  const t = outcome.tally;
  const verdict = outcome.passed ? 'passed' : 'did not pass';
  const blocked = outcome.blocked ? ', and a member blocked' : '';
  return `it ${verdict} (${t.voters} of ${t.electorate} took part: ${t.agree} agree, ${t.abstain} abstain, ${t.disagree} disagree, ${t.block} block)${blocked}`;
}

/**
 * Voids the pact's open consultations that no longer ask about its terms as they stand: those on
 * an earlier revision (a counter), and any once the pact is no longer awaiting approval (declined,
 * withdrawn, rejected, expired). Returns the events, to append after the command's own.
 */
export async function staleConsultationEvents(
  manager: EntityManager,
  pact: Pact,
  at: Date,
): Promise<PactEvent[]> {
  const events: PactEvent[] = [];
  for (const c of await consultationsOfPact(manager, pact.id)) {
    if (c.endedAt !== null) {
      continue;
    }
    const why =
      c.revision !== pact.revision.number
        ? `the terms changed: revision ${pact.revision.number} replaced revision ${c.revision}`
        : pact.status !== 'signed'
          ? `the pact is ${pact.status}`
          : null;
    if (why !== null) {
      await endConsultation(manager, c.id, 'voided', null, null, at);
      events.push(voidedEvent(pact, c, why, at));
    }
  }
  return events;
}

/**
 * What an approval by `slot` owes its members' consultation on the current revision: none held,
 * nothing; still open (its closing time not reached), 409 — wait or close it; closed and passed
 * with no block, nothing; closed and failed or blocked, a written reason, recorded as
 * `pact.consultation_overridden` before the approval. A consultation due to close but not yet swept
 * is closed here first.
 */
export async function approvalGateEvents(
  manager: EntityManager,
  outbox: Outbox,
  pact: Pact,
  slot: { party: string; region: string },
  override: string | undefined,
  actor: EventActor,
  at: Date,
): Promise<PactEvent[]> {
  const c = await consultationOfSlot(
    manager,
    pact.id,
    pact.revision.number,
    slot.party,
    slot.region,
  );
  if (!c || c.ending === 'voided') {
    return [];
  }
  if (c.endedAt === null && c.closesAt > at) {
    throw ConsultationErrors.stillOpen(c.closesAt.toISOString());
  }
  const result =
    c.endedAt === null
      ? await closeConsultation(manager, outbox, pact, c.id, null, at)
      : (c.result as PublishedResult);
  const outcome =
    result?.outcome ??
    outcomeOf(await stancesOf(manager, c.id), c.electorate, {
      quorum: c.quorum,
      threshold: c.threshold,
    });
  if (outcome.passed && !outcome.blocked) {
    return [];
  }
  const reason = override?.trim() ?? '';
  if (reason === '') {
    throw ConsultationErrors.overrideRequired();
  }
  return [overriddenEvent(pact, c, outcome, reason, actor, at)];
}
