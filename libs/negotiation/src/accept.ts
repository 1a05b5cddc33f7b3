import { resolveApprover, resolveParticipantOfficer } from './actors.js';
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
} from './decision.js';
import { conflictNotices, findConflicts } from './conflicts.js';
import { type Actor, type Pact } from './model.js';

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
 * True when one more signature would complete the pact (one participant left to sign the current
 * revision): the app then loads the negotiation context for `sign`.
 */
export function completesSigning(pact: Pact): boolean {
  return pact.participants.filter((p) => !hasSigned(pact, p.localPartyId)).length === 1;
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

/** `sign`: a participant accepts the current revision; the last signature makes it `signed`. */
export function sign(pact: Pact, command: RevisionCommand, actor: Actor, at: string): Decision {
  const who = resolveParticipantOfficer(pact, actor);
  if (!who.ok) {
    return refused(who);
  }
  const stale = staleRevision(pact, command);
  if (stale !== null) {
    return stale;
  }
  const { number, hash } = pact.revision;
  const localPartyId = officerOf(who.identity);
  const signatures = [
    ...pact.signatures,
    { localPartyId, revision: number, hash, userId: actor.userId, signedAt: at },
  ];
  const next = { ...pact, signatures };
  const everyone = pact.participants.every((p) => hasSigned(next, p.localPartyId));
  if (everyone) {
    const conflict = holdingConflict(pact, command, partyOf(who.identity));
    if (conflict !== null) {
      return conflict;
    }
  }
  const status = everyone ? 'signed' : 'proposed';
  return accepted(
    { ...next, status },
    {
      pactId: pact.id,
      action: 'pact.signed',
      actor: eventActor(actor, who.identity),
      occurredAt: at,
      payload: { from: pact.status, to: status, revision: number, hash },
    },
  );
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
