import type { Decision, Pact } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import type { NamedUser } from '../audit/audit-log.js';
import type { Outbox } from '../notifications/outbox.js';
import { approvalGateEvents } from '../consultations/consultation-gate.js';
import { recordConsultationEvents } from '../consultations/consultation-events.js';

/**
 * Before an accepted approval is recorded: its slot's members' consultation on the revision must
 * have closed, and one that failed (or was blocked) needs the coordinator's written reason, which
 * goes into the chain just before the approval (`approvalGateEvents`). Other commands owe nothing.
 */
export async function consultationsBefore(
  manager: EntityManager,
  outbox: Outbox,
  before: Pact,
  decision: Decision & { ok: true },
  override: string | undefined,
  now: Date,
  by: NamedUser,
): Promise<void> {
  const approval = decision.events.find((e) => e.action === 'pact.approved');
  if (!approval || approval.actor.party === null || approval.actor.region === null) {
    return;
  }
  const slot = { party: approval.actor.party, region: approval.actor.region };
  const events = await approvalGateEvents(
    manager,
    outbox,
    before,
    slot,
    override,
    approval.actor,
    now,
  );
  await recordConsultationEvents(manager, events, by);
}
