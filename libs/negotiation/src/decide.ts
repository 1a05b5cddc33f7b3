import { approve, sign } from './accept.js';
import { resolveApprover } from './actors.js';
import {
  SYSTEM_ACTOR,
  accepted,
  hasApproved,
  hasSigned,
  instant,
  officerOf,
  rejection,
  unchanged,
  type Decision,
  type PactCommand,
  type RevisionCommand,
} from './decision.js';
import { end } from './end.js';
import { type Actor, type Pact } from './model.js';
import { counter, propose } from './offer.js';
import { resolveSigners } from './signers.js';
import { EXPIRABLE_STATUSES, canTransition } from './states.js';

/** True when `pact` is a draft or proposal whose respond-by deadline is strictly before `now`. */
export function isPastRespondBy(pact: Pact, now: Date | string): boolean {
  return EXPIRABLE_STATUSES.includes(pact.status) && instant(now).ms > Date.parse(pact.respondBy);
}

/**
 * Decides one command against a pact: the next pact with its audit event (one per signature when
 * a `sign` is for several local parties), an idempotent no-op, or a rejection (nothing changes).
 * Pure: `now` is the only clock.
 *
 * Checks run in this order, so each request gets the most useful answer:
 * 1. `expire` is decided on its own (`WRONG_STATE` unless draft/proposed, `NOT_DUE` before the
 *    deadline); any other command on a pact past its deadline → `PACT_EXPIRED`;
 * 2. a repeated signature/approval of the current revision → no-op success (idempotent);
 * 3. the transition table → `WRONG_STATE`;
 * 4. who may act → `NOT_PARTICIPANT`, `NOT_AUTHOR`, `NOT_REQUIRED_APPROVER`, `AMBIGUOUS_ACTOR`;
 * 5. the revision named → `STALE_REVISION`;
 * 6. the content → `INVALID_TERMS`, `CONFLICTING_PACT`, `REASON_REQUIRED`.
 */
export function decide(
  pact: Pact,
  command: PactCommand,
  actor: Actor,
  now: Date | string,
): Decision {
  const at = instant(now).iso;
  if (command.type === 'expire') {
    return expire(pact, now, true);
  }
  if (isPastRespondBy(pact, now)) {
    return rejection('PACT_EXPIRED', `the respond-by deadline ${pact.respondBy} has passed`);
  }
  if ((command.type === 'sign' || command.type === 'approve') && isRepeat(pact, command, actor)) {
    return unchanged(pact);
  }
  if (!canTransition(pact.status, command.type)) {
    return rejection('WRONG_STATE', `cannot ${command.type} a ${pact.status} pact`);
  }
  switch (command.type) {
    case 'propose':
      return propose(pact, command.context, actor, at);
    case 'counter':
      return counter(pact, command, actor, at);
    case 'sign':
      return sign(pact, command, actor, at);
    case 'approve':
      return approve(pact, command, actor, at);
    case 'decline':
    case 'withdraw':
    case 'reject':
    case 'terminate':
      return end(pact, command, actor, at);
  }
}

/**
 * Expires `pact` if it is past its deadline, else a no-op: the `expire` transition as the sweep
 * and every read of a pact should call it (the `expire` command instead refuses when not due).
 */
export function expireIfDue(pact: Pact, now: Date | string): Decision {
  return expire(pact, now, false);
}

function expire(pact: Pact, now: Date | string, strict: boolean): Decision {
  if (!canTransition(pact.status, 'expire')) {
    return strict
      ? rejection('WRONG_STATE', `a ${pact.status} pact cannot expire`)
      : unchanged(pact);
  }
  if (!isPastRespondBy(pact, now)) {
    return strict
      ? rejection('NOT_DUE', `the pact is open until ${pact.respondBy}`)
      : unchanged(pact);
  }
  return accepted(
    { ...pact, status: 'expired' },
    {
      pactId: pact.id,
      action: 'pact.expired',
      actor: SYSTEM_ACTOR,
      occurredAt: instant(now).iso,
      payload: { from: pact.status, to: 'expired', respondBy: pact.respondBy },
    },
  );
}

function isRepeat(pact: Pact, command: RevisionCommand, actor: Actor): boolean {
  const { number, hash } = pact.revision;
  if (command.revision !== number || command.hash !== hash) {
    return false;
  }
  if (command.type === 'sign') {
    // Every local party the sign is for has signed already (one, or all of a list).
    const who = resolveSigners(pact, actor);
    return (
      ['proposed', 'signed', 'ratified'].includes(pact.status) &&
      who.ok &&
      who.identities.every((identity) => hasSigned(pact, officerOf(identity)))
    );
  }
  const who = resolveApprover(pact, actor);
  return (
    ['signed', 'ratified'].includes(pact.status) &&
    who.ok &&
    who.identity.role === 'coordinator' &&
    hasApproved(pact, who.identity.party, who.identity.region)
  );
}
