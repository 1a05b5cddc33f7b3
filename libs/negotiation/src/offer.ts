import { resolveAuthor, resolveParticipantOfficer } from './actors.js';
import { conflictNotices, findConflicts } from './conflicts.js';
import {
  accepted,
  eventActor,
  officerOf,
  partyOf,
  refused,
  rejection,
  type CounterCommand,
  type Decision,
  type NegotiationContext,
  type Rejection,
} from './decision.js';
import { type Actor, type Pact, type Terms } from './model.js';
import { checkRespondBy } from './respond-by.js';
import { normalizeTerms, requiredApprovalSlots, termsHash, validateTerms } from './terms.js';

/**
 * Terms problems, and conflicts with the seat-holding pacts that commit the offering party: an
 * offer binds only its author, so a conflict that commits another participating party does not
 * stop it here — that party will not sign it, or its last signature is refused (`sign`). The
 * caller hears only of their own party's commitments (`conflictNotices`).
 */
function checkTerms(
  pact: Pact,
  terms: Terms,
  context: NegotiationContext,
  party: string,
): Rejection | null {
  const problems = validateTerms(terms, {
    participants: pact.participants,
    constituencyRegions: context.constituencyRegions,
  });
  if (problems.length > 0) {
    return rejection('INVALID_TERMS', 'the terms are not valid', { problems });
  }
  const own = conflictNotices(findConflicts(terms, context.otherPacts, pact.id), party);
  if (own.length > 0) {
    return rejection(
      'CONFLICTING_PACT',
      'your party already has a binding commitment in this seat that these terms contradict',
      { conflicts: own },
    );
  }
  return null;
}

/** `propose`: the draft goes live, signed by its author. */
export function propose(
  pact: Pact,
  context: NegotiationContext,
  actor: Actor,
  at: string,
): Decision {
  const who = resolveAuthor(pact, actor);
  if (!who.ok) {
    return refused(who);
  }
  const problem = checkTerms(pact, pact.revision.terms, context, partyOf(who.identity));
  if (problem !== null) {
    return problem;
  }
  const { number, hash } = pact.revision;
  const localPartyId = officerOf(who.identity);
  return accepted(
    {
      ...pact,
      status: 'proposed',
      proposedAt: at,
      signatures: [
        ...pact.signatures,
        { localPartyId, revision: number, hash, userId: actor.userId, signedAt: at },
      ],
    },
    {
      pactId: pact.id,
      action: 'pact.proposed',
      actor: eventActor(actor, who.identity),
      occurredAt: at,
      payload: { from: pact.status, to: 'proposed', revision: number, hash },
    },
  );
}

/** `counter`: a new revision, signed by the counterer; earlier signatures stop counting. */
export function counter(pact: Pact, command: CounterCommand, actor: Actor, at: string): Decision {
  const who = resolveParticipantOfficer(pact, actor);
  if (!who.ok) {
    return refused(who);
  }
  if (command.baseRevision !== pact.revision.number) {
    return rejection('STALE_REVISION', `revision ${pact.revision.number} is current`);
  }
  const terms = normalizeTerms(command.terms);
  const hash = termsHash(terms);
  if (hash === pact.revision.hash) {
    const problems = [
      { code: 'UNCHANGED', path: '', message: 'a counter must change the terms' },
    ] as const;
    return rejection('INVALID_TERMS', 'the terms are unchanged', { problems });
  }
  const problem = checkTerms(pact, command.terms, command.context, partyOf(who.identity));
  if (problem !== null) {
    return problem;
  }
  let respondBy = pact.respondBy;
  if (command.respondBy === undefined && Date.parse(pact.respondBy) <= Date.parse(at)) {
    // Only a signed pact outlives its respond-by; reopened, it needs a new one to answer by.
    return rejection(
      'INVALID_RESPOND_BY',
      `the respond-by (${pact.respondBy}) has passed: a counter must set a new one`,
    );
  }
  if (command.respondBy !== undefined) {
    const moved = checkRespondBy(command.respondBy, at, command.respondByLimit);
    if (!moved.ok) {
      return moved;
    }
    respondBy = moved.iso;
  }
  const localPartyId = officerOf(who.identity);
  const number = pact.revision.number + 1;
  const requiredApprovals = requiredApprovalSlots(terms, {
    participants: pact.participants,
    constituencyRegions: command.context.constituencyRegions,
  });
  return accepted(
    {
      ...pact,
      // Two or more participants (validateTerms) means a counter can never complete the signing.
      status: 'proposed',
      respondBy,
      revision: { number, hash, terms, authorLocalPartyId: localPartyId, createdAt: at },
      signatures: [
        ...pact.signatures,
        { localPartyId, revision: number, hash, userId: actor.userId, signedAt: at },
      ],
      requiredApprovals,
    },
    {
      pactId: pact.id,
      action: 'pact.countered',
      actor: eventActor(actor, who.identity),
      occurredAt: at,
      payload: {
        from: pact.status,
        to: 'proposed',
        baseRevision: command.baseRevision,
        revision: number,
        hash,
        terms,
        requiredApprovals,
        ...(respondBy === pact.respondBy ? {} : { respondBy }),
      },
    },
  );
}
