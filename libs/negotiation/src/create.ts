import { chooseIdentity, officerIdentities } from './actors.js';
import { accepted, eventActor, instant, officerOf, rejection, type Decision } from './decision.js';
import { type Actor, type Pact, type Participant, type Terms } from './model.js';
import { checkRespondBy, type RespondByLimit } from './respond-by.js';
import { normalizeTerms, requiredApprovalSlots, termsHash, validateTerms } from './terms.js';

/** What `POST /api/pacts` supplies, plus the election's constituencies. */
export interface DraftInput {
  /** The new pact's id (ids come from the app). */
  readonly id: string;
  readonly title: string;
  /** The baseline result set projections start from. */
  readonly election: string;
  /** The contest (election) the pact is for (`next-general`, `ge2019`). */
  readonly contest: string;
  /** The contest's bound on respond-by; `null` for a past contest (a what-if). */
  readonly respondByLimit?: RespondByLimit | null;
  /** The local parties taking part, the author's included. */
  readonly participants: readonly Participant[];
  readonly terms: Terms;
  readonly respondBy: Date | string;
  /** ONS code → region slug, for every constituency of the election. */
  readonly constituencyRegions: ReadonlyMap<string, string>;
}

/**
 * Creates a draft: revision 1 of the terms, unsigned, visible only to the author local party.
 * The author is the participant the actor is an officer of (`actingFor` picks one if several).
 * Terms are validated now, so a draft can always be proposed unless a conflicting pact went live
 * meanwhile (checked at `propose`). For "create and propose" the app follows with
 * `decide(pact, {type: 'propose'})`: two events, drafted then proposed.
 */
export function createDraft(input: DraftInput, actor: Actor, now: Date | string): Decision {
  const at = instant(now).iso;
  const ids = input.participants.map((p) => p.localPartyId);
  if (ids.length < 2 || new Set(ids).size !== ids.length) {
    return rejection('INVALID_PARTICIPANTS', 'a pact needs two or more distinct local parties');
  }
  const who = chooseIdentity(
    officerIdentities(input, actor),
    actor,
    'NOT_PARTICIPANT',
    'you must be an officer of one of the participating local parties',
  );
  if (!who.ok) {
    return rejection(who.code, who.message);
  }
  const respondBy = checkRespondBy(input.respondBy, now, input.respondByLimit);
  if (!respondBy.ok) {
    return respondBy;
  }
  const context = {
    participants: input.participants,
    constituencyRegions: input.constituencyRegions,
  };
  const problems = validateTerms(input.terms, context);
  if (problems.length > 0) {
    return rejection('INVALID_TERMS', 'the terms are not valid', { problems });
  }
  const terms = normalizeTerms(input.terms);
  const hash = termsHash(terms);
  const requiredApprovals = requiredApprovalSlots(terms, context);
  const authorLocalPartyId = officerOf(who.identity);
  const pact: Pact = {
    id: input.id,
    title: input.title,
    election: input.election,
    contest: input.contest,
    status: 'draft',
    authorLocalPartyId,
    participants: input.participants,
    revision: { number: 1, hash, terms, authorLocalPartyId, createdAt: at },
    signatures: [],
    approvals: [],
    requiredApprovals,
    respondBy: respondBy.iso,
    proposedAt: null,
  };
  return accepted(pact, {
    pactId: pact.id,
    action: 'pact.drafted',
    actor: eventActor(actor, who.identity),
    occurredAt: at,
    payload: {
      from: null,
      to: 'draft',
      title: pact.title,
      election: pact.election,
      contest: pact.contest,
      authorLocalPartyId,
      participants: pact.participants,
      revision: { number: 1, hash, terms },
      requiredApprovals,
      respondBy: pact.respondBy,
    },
  });
}
