import { type Actor, type ApprovalSlot, type Pact } from './model.js';
import { compareText } from './terms.js';

/**
 * The capacity in which a user acts on a pact: for one local party, or as one party × region. An
 * officer identity held through a national grant says so (`national`: the grant's region, `null`
 * for the whole party), and the audit trail records it as the HQ acting for that local party.
 */
export type Identity =
  | {
      readonly role: 'officer';
      readonly localPartyId: string;
      readonly party: string;
      readonly national?: { readonly region: string | null };
    }
  | { readonly role: 'coordinator'; readonly party: string; readonly region: string };

/** The actor-related rejection codes. */
export type ActorRejectionCode =
  'NOT_PARTICIPANT' | 'NOT_AUTHOR' | 'NOT_REQUIRED_APPROVER' | 'AMBIGUOUS_ACTOR';

/** Either the identity a command runs under, or why there is none. */
export type IdentityResolution =
  | { readonly ok: true; readonly identity: Identity }
  | { readonly ok: false; readonly code: ActorRejectionCode; readonly message: string };

/**
 * The regions of a pact: those its stand-asides touch (the required slots' regions) plus its
 * participants' own regions, so a coordinator sees a pact their local party is in even when the
 * seats are elsewhere. Sorted.
 */
export function pactRegions(pact: Pick<Pact, 'participants' | 'requiredApprovals'>): string[] {
  const regions = new Set([
    ...pact.requiredApprovals.map((s) => s.region),
    ...pact.participants.map((p) => p.region),
  ]);
  return [...regions].sort(compareText);
}

/**
 * Whether a national grant covers a local party: same party, and the grant's region (a nation) is
 * the local party's or the grant has none (the whole party).
 */
export function nationalCovers(
  grant: Actor['grants'][number],
  localParty: { readonly party: string; readonly region: string },
): boolean {
  return (
    grant.role === 'national' &&
    grant.party === localParty.party &&
    (grant.region === null || grant.region === undefined || grant.region === localParty.region)
  );
}

/**
 * The participant local parties the user may act for as an officer: those they hold an officer
 * grant of, and those of their party (in their nation) a national grant covers. An officer grant
 * wins over a national one for the same local party (the audit names the narrower capacity).
 */
export function officerIdentities(pact: Pick<Pact, 'participants'>, actor: Actor): Identity[] {
  return pact.participants.flatMap((p): Identity[] => {
    const identity = { role: 'officer', localPartyId: p.localPartyId, party: p.party } as const;
    if (actor.grants.some((g) => g.role === 'officer' && g.localPartyId === p.localPartyId)) {
      return [identity];
    }
    const national = actor.grants.find((g) => nationalCovers(g, p));
    return national === undefined
      ? []
      : [{ ...identity, national: { region: national.region ?? null } }];
  });
}

/** The slots among `slots` the user is a coordinator for. */
export function coordinatorIdentities(slots: readonly ApprovalSlot[], actor: Actor): Identity[] {
  return slots
    .filter((s) =>
      actor.grants.some(
        (g) => g.role === 'coordinator' && g.party === s.party && g.region === s.region,
      ),
    )
    .map((s) => ({ role: 'coordinator', party: s.party, region: s.region }));
}

/**
 * The (party, region) scopes that oversee a pact: each required approval slot (a participating
 * party × a region its stand-asides touch) and each participant's own party × region. A
 * coordinator's grant counts only as the pair: a coordinator of one participant's party in another
 * participant's region oversees nothing of it (their party has neither a local party nor a seat of
 * the pact there). Sorted, without repeats.
 */
export function oversightSlots(
  pact: Pick<Pact, 'participants' | 'requiredApprovals'>,
): ApprovalSlot[] {
  const slots = new Map<string, ApprovalSlot>();
  for (const { party, region } of [...pact.requiredApprovals, ...pact.participants]) {
    slots.set(`${party}\u0000${region}`, { party, region });
  }
  return [...slots.values()].sort(
    (a, b) => compareText(a.party, b.party) || compareText(a.region, b.region),
  );
}

/** Coordinator identities among the pact's oversight slots (`oversightSlots`). */
export function overseeingCoordinators(
  pact: Pick<Pact, 'participants' | 'requiredApprovals'>,
  actor: Actor,
): Identity[] {
  return coordinatorIdentities(oversightSlots(pact), actor);
}

/**
 * Coordinators who may decline a proposal on behalf of a party it asks to stand aside: the
 * required slots of each party that stands aside in the current terms. A proposal naming a local
 * party with no officer account (or one that never answers) can thus still be turned down by its
 * own party.
 */
export function standAsideCoordinators(pact: Pact, actor: Actor): Identity[] {
  const standing = new Set(pact.revision.terms.standAsides.map((s) => s.party));
  return coordinatorIdentities(
    pact.requiredApprovals.filter((s) => standing.has(s.party)),
    actor,
  );
}

/**
 * The one local party id or slot `actingFor` names for a command that acts once: a list of one is
 * its id; a longer (or empty) list is `undefined` here, refused by `chooseIdentity`.
 */
function singleTarget(actor: Actor): string | ApprovalSlot | undefined {
  const target = actor.actingFor;
  if (isActingForList(target)) {
    return target.length === 1 ? target[0] : undefined;
  }
  return target;
}

/** True when `actingFor` is a list of local party ids (the form only `sign` acts on in full). */
export function isActingForList(target: Actor['actingFor']): target is readonly string[] {
  return Array.isArray(target);
}

function matchesActingFor(identity: Identity, actor: Actor): boolean {
  const target = singleTarget(actor);
  if (typeof target === 'string') {
    return identity.role === 'officer' && identity.localPartyId === target;
  }
  return (
    target !== undefined &&
    identity.role === 'coordinator' &&
    identity.party === target.party &&
    identity.region === target.region
  );
}

/**
 * Picks the one identity among `candidates`: the one `actingFor` names, or the only one.
 * Several without `actingFor` is `AMBIGUOUS_ACTOR`; none (or `actingFor` naming none) is
 * `noneCode`.
 */
export function chooseIdentity(
  candidates: readonly Identity[],
  actor: Actor,
  noneCode: ActorRejectionCode,
  noneMessage: string,
): IdentityResolution {
  const target = actor.actingFor;
  if (isActingForList(target) && target.length > 1) {
    return {
      ok: false,
      code: 'AMBIGUOUS_ACTOR',
      message:
        'this command acts for one local party: name one with actingFor (only sign takes a list)',
    };
  }
  if (target !== undefined) {
    const chosen = candidates.find((c) => matchesActingFor(c, actor));
    return chosen === undefined
      ? { ok: false, code: noneCode, message: noneMessage }
      : { ok: true, identity: chosen };
  }
  const [only, ...rest] = candidates;
  if (only === undefined) {
    return { ok: false, code: noneCode, message: noneMessage };
  }
  if (rest.length > 0) {
    return {
      ok: false,
      code: 'AMBIGUOUS_ACTOR',
      message: 'you hold several grants that could act here: name one with actingFor',
    };
  }
  return { ok: true, identity: only };
}

/**
 * An officer of the author local party (propose, withdraw a draft). Only the author can act, so
 * also holding other participants' grants is no ambiguity; `actingFor`, if given, must name it.
 */
export function resolveAuthor(pact: Pact, actor: Actor): IdentityResolution {
  const officers = officerIdentities(pact, actor);
  const author = officers.find(
    (o) => o.role === 'officer' && o.localPartyId === pact.authorLocalPartyId,
  );
  const target = actor.actingFor === undefined ? undefined : (singleTarget(actor) ?? null);
  if (author !== undefined && (target === undefined || target === pact.authorLocalPartyId)) {
    return { ok: true, identity: author };
  }
  return officers.length > 0
    ? { ok: false, code: 'NOT_AUTHOR', message: 'only the author local party may do this' }
    : { ok: false, code: 'NOT_PARTICIPANT', message: 'you are not an officer of a participant' };
}

/**
 * A participant officer, or a coordinator of a party asked to stand aside (decline: see
 * `standAsideCoordinators`).
 */
export function resolveDecliner(pact: Pact, actor: Actor): IdentityResolution {
  return chooseIdentity(
    [...officerIdentities(pact, actor), ...standAsideCoordinators(pact, actor)],
    actor,
    'NOT_PARTICIPANT',
    'only participant officers and the coordinators of a party asked to stand aside may decline',
  );
}

/** An officer of any participant local party (counter, sign, withdraw). */
export function resolveParticipantOfficer(pact: Pact, actor: Actor): IdentityResolution {
  return chooseIdentity(
    officerIdentities(pact, actor),
    actor,
    'NOT_PARTICIPANT',
    'you are not an officer of a participant',
  );
}

/** A coordinator holding one of the pact's required approval slots (approve, reject). */
export function resolveApprover(pact: Pact, actor: Actor): IdentityResolution {
  return chooseIdentity(
    coordinatorIdentities(pact.requiredApprovals, actor),
    actor,
    'NOT_REQUIRED_APPROVER',
    'you hold none of the required approval slots',
  );
}

/** A participant officer or a coordinator overseeing the pact (terminate; `oversightSlots`). */
export function resolveTerminator(pact: Pact, actor: Actor): IdentityResolution {
  return chooseIdentity(
    [...officerIdentities(pact, actor), ...overseeingCoordinators(pact, actor)],
    actor,
    'NOT_PARTICIPANT',
    'only participant officers and the participating parties’ coordinators may terminate',
  );
}
