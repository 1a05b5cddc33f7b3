import { resolveApprover, type Identity } from './actors.js';
import {
  accepted,
  eventActor,
  hasApproved,
  hasSigned,
  officerOf,
  partyOf,
  refused,
  rejection,
  slotOf,
  type Decision,
  type Rejection,
  type RevisionCommand,
  unchanged,
} from './decision.js';
import { conflictNotices, findConflicts } from './conflicts.js';
import { type PactEvent } from './events.js';
import { type Actor, type Pact } from './model.js';
import { resolveSigners } from './signers.js';

function staleRevision(pact: Pact, command: RevisionCommand): Rejection | null {
  const { number, hash } = pact.revision;
  if (command.revision !== number) {
    return rejection('STALE_REVISION', `revision ${number} is current, not ${command.revision}`);
  }
  return command.hash === hash
    ? null
    : rejection('STALE_REVISION', `the hash of revision ${number} is ${hash}`);
}

/**
 * True when the `sign` would complete the signatures of the current revision: the app then loads
 * the negotiation context for it (taking the seat locks). Without `actor`, whether one more
 * signature would (one participant left to sign); with it, whether the local parties that actor's
 * `sign` is for (`resolveSigners`) are all that is left — a `sign` that will be refused is `false`.
 */
export function completesSigning(pact: Pact, actor?: Actor): boolean {
  const unsigned = pact.participants.filter((p) => !hasSigned(pact, p.localPartyId));
  if (actor === undefined) {
    return unsigned.length === 1;
  }
  const signers = resolveSigners(pact, actor);
  if (!signers.ok || unsigned.length === 0) {
    return false;
  }
  const signing = new Set(signers.identities.map(officerOf));
  return unsigned.every((p) => signing.has(p.localPartyId));
}

/**
 * The last signature makes the pact hold its seats: refused if its terms contradict a pact that
 * already holds them. The signer hears the details of their own party's commitments only; a
 * conflict committing another participant is named by nothing but that — its officers can see it.
 */
function holdingConflict(pact: Pact, command: RevisionCommand, party: string): Rejection | null {
  if (command.context === undefined) {
    throw new Error('a completing signature needs the negotiation context (completesSigning)');
  }
  const conflicts = findConflicts(pact.revision.terms, command.context.otherPacts, pact.id);
  if (conflicts.length === 0) {
    return null;
  }
  const own = conflictNotices(conflicts, party);
  return rejection(
    'CONFLICTING_PACT',
    own.length > 0
      ? 'your party already has a binding commitment in this seat that these terms contradict'
      : 'another participating party has since made a binding commitment these terms contradict; its officers can see which',
    { conflicts: own },
  );
}

/**
 * `sign`: a participant accepts the current revision; the last signature makes it `signed`. An
 * officer may sign for several of their local parties at once (`resolveSigners`): the outcome is
 * exactly that of signing for each in turn — one signature and one `pact.signed` event each, in the
 * order named, those already signed skipped — and all or nothing: if the completing signature is
 * refused (a conflicting pact), none is kept.
 */
export function sign(pact: Pact, command: RevisionCommand, actor: Actor, at: string): Decision {
  const who = resolveSigners(pact, actor);
  if (!who.ok) {
    return refused(who);
  }
  const stale = staleRevision(pact, command);
  if (stale !== null) {
    return stale;
  }
  let next = pact;
  const events: PactEvent[] = [];
  for (const identity of who.identities) {
    if (hasSigned(next, officerOf(identity))) {
      continue;
    }
    const one = signOnce(next, command, actor, identity, at);
    if (!one.ok) {
      return one;
    }
    next = one.pact;
    events.push(one.event);
  }
  const [first, ...rest] = events;
  return first === undefined ? unchanged(pact) : accepted(next, first, ...rest);
}

/** One local party's signature of the current revision, and its event. */
function signOnce(
  pact: Pact,
  command: RevisionCommand,
  actor: Actor,
  identity: Identity,
  at: string,
): { ok: true; pact: Pact; event: PactEvent } | Rejection {
  const { number, hash } = pact.revision;
  const localPartyId = officerOf(identity);
  const signatures = [
    ...pact.signatures,
    { localPartyId, revision: number, hash, userId: actor.userId, signedAt: at },
  ];
  const next = { ...pact, signatures };
  const everyone = pact.participants.every((p) => hasSigned(next, p.localPartyId));
  if (everyone) {
    const conflict = holdingConflict(pact, command, partyOf(identity));
    if (conflict !== null) {
      return conflict;
    }
  }
  const status = everyone ? 'signed' : 'proposed';
  return {
    ok: true,
    pact: { ...next, status },
    event: {
      pactId: pact.id,
      action: 'pact.signed',
      actor: eventActor(actor, identity),
      occurredAt: at,
      payload: { from: pact.status, to: status, revision: number, hash },
    },
  };
}

/** `approve`: a required coordinator approves; the last slot makes it `ratified`. */
export function approve(pact: Pact, command: RevisionCommand, actor: Actor, at: string): Decision {
  const who = resolveApprover(pact, actor);
  if (!who.ok) {
    return refused(who);
  }
  const stale = staleRevision(pact, command);
  if (stale !== null) {
    return stale;
  }
  const { party, region } = slotOf(who.identity);
  const { number, hash } = pact.revision;
  const approvals = [
    ...pact.approvals,
    { party, region, revision: number, hash, userId: actor.userId, approvedAt: at },
  ];
  const next = { ...pact, approvals };
  const everyone = pact.requiredApprovals.every((s) => hasApproved(next, s.party, s.region));
  const status = everyone ? 'ratified' : 'signed';
  return accepted(
    { ...next, status },
    {
      pactId: pact.id,
      action: 'pact.approved',
      actor: eventActor(actor, who.identity),
      occurredAt: at,
      payload: { from: pact.status, to: status, revision: number, hash },
    },
  );
}
