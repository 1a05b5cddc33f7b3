import { type ActorRejectionCode, type Identity } from './actors.js';
import { type ConflictNotice, type OtherPactStandAsides } from './conflicts.js';
import { type EventActor, type PactEvent } from './events.js';
import { type Actor, type Pact, type Terms } from './model.js';
import { type RespondByLimit } from './respond-by.js';
import { type TermsProblem } from './terms.js';

/**
 * Why a command was refused. The app maps them to HTTP: `NOT_*` → 403 (or 404 when the pact is
 * not visible), `AMBIGUOUS_ACTOR` → 400, `WRONG_STATE`/`STALE_REVISION`/`CONFLICTING_PACT`/
 * `PACT_EXPIRED` → 409, `INVALID_*`/`REASON_REQUIRED` → 422, `NOT_DUE` (expire asked too early) → 409.
 */
export type RejectionCode =
  | ActorRejectionCode
  | 'WRONG_STATE'
  | 'PACT_EXPIRED'
  | 'NOT_DUE'
  | 'STALE_REVISION'
  | 'INVALID_TERMS'
  | 'INVALID_PARTICIPANTS'
  | 'INVALID_RESPOND_BY'
  | 'RESPOND_BY_AFTER_DEADLINE'
  | 'CONFLICTING_PACT'
  | 'REASON_REQUIRED';

/** A refused command: nothing changes and no event is written. */
export interface Rejection {
  readonly ok: false;
  readonly code: RejectionCode;
  readonly message: string;
  /** For `INVALID_TERMS`. */
  readonly problems?: readonly TermsProblem[];
  /** For `CONFLICTING_PACT`: only the caller's own party's commitments (see `conflictNotices`). */
  readonly conflicts?: readonly ConflictNotice[];
  /** For a `sign` whose `actingFor` list names a local party it may not sign for: which item. */
  readonly item?: { readonly field: string; readonly localPartyId: string };
  /** Always empty, so every decision can be handled as "write `events`". */
  readonly events: readonly [];
}

/**
 * An accepted change: the next pact and its audit events, to be saved in one transaction. One
 * event per fact: every command records one, except a `sign` for several local parties at once,
 * which records one `pact.signed` per signature — exactly the events of signing for each in turn.
 */
export interface Accepted {
  readonly ok: true;
  readonly changed: true;
  readonly pact: Pact;
  readonly events: readonly [PactEvent, ...PactEvent[]];
}

/**
 * An idempotent repeat (a signature or approval that already exists on the current revision):
 * success, but nothing to write. Fifty identical concurrent signatures thus yield one signature
 * row and one event, and forty-nine of these.
 */
export interface Unchanged {
  readonly ok: true;
  readonly changed: false;
  readonly pact: Pact;
  readonly events: readonly [];
}

/** The outcome of `decide` and `createDraft`. */
export type Decision = Accepted | Unchanged | Rejection;

/** What `propose`, `counter` and a completing `sign` check terms against. */
export interface NegotiationContext {
  /** ONS code → region slug, for every constituency of the pact's election. */
  readonly constituencyRegions: ReadonlyMap<string, string>;
  /** Stand-asides of other pacts' current revisions (those not holding seats, and this pact, are ignored). */
  readonly otherPacts: readonly OtherPactStandAsides[];
}

/** Send a draft (author's officer). Counts as the author's signature on revision 1. */
export interface ProposeCommand {
  readonly type: 'propose';
  readonly context: NegotiationContext;
}

/** New terms on top of `baseRevision`, which must be current; voids earlier signatures. */
export interface CounterCommand {
  readonly type: 'counter';
  readonly baseRevision: number;
  readonly terms: Terms;
  readonly context: NegotiationContext;
  /** A new respond-by, if the counter moves it (within the same bounds as at creation). */
  readonly respondBy?: string;
  /** The contest's bound on respond-by (see `RespondByLimit`). */
  readonly respondByLimit?: RespondByLimit | null;
}

/** Accept (sign) or, for a coordinator, approve one exact revision. */
export interface RevisionCommand {
  readonly type: 'sign' | 'approve';
  readonly revision: number;
  readonly hash: string;
  /**
   * Required for the `sign` that would complete the signatures (`completesSigning`): the pact then
   * starts to hold its seats, so its terms are checked against the pacts that already do.
   */
  readonly context?: NegotiationContext;
}

/** End a pact; `reason` is required (non-blank) for `terminate`, optional otherwise. */
export interface EndCommand {
  readonly type: 'decline' | 'withdraw' | 'reject' | 'terminate';
  readonly reason?: string | null;
}

/** Lapse a draft or proposed pact whose respond-by deadline has passed (sweep or on read). */
export interface ExpireCommand {
  readonly type: 'expire';
}

/** A command for `decide`. */
export type PactCommand =
  ProposeCommand | CounterCommand | RevisionCommand | EndCommand | ExpireCommand;

/** Builds a rejection. */
export function rejection(
  code: RejectionCode,
  message: string,
  extra: Pick<Rejection, 'problems' | 'conflicts' | 'item'> = {},
): Rejection {
  return { ok: false, code, message, ...extra, events: [] };
}

/** Builds the no-op success. */
export function unchanged(pact: Pact): Unchanged {
  return { ok: true, changed: false, pact, events: [] };
}

/** Builds an accepted change. */
export function accepted(pact: Pact, event: PactEvent, ...more: PactEvent[]): Accepted {
  return { ok: true, changed: true, pact, events: [event, ...more] };
}

/** The audit actor for a user acting under `identity`. */
export function eventActor(actor: Actor, identity: Identity): EventActor {
  if (identity.role === 'officer' && identity.national !== undefined) {
    // The HQ acting for a local party: the local party it acted for, and its own scope.
    return {
      userId: actor.userId,
      role: 'national',
      localPartyId: identity.localPartyId,
      party: identity.party,
      region: identity.national.region,
    };
  }
  return identity.role === 'officer'
    ? {
        userId: actor.userId,
        role: 'officer',
        localPartyId: identity.localPartyId,
        party: identity.party,
        region: null,
      }
    : {
        userId: actor.userId,
        role: 'coordinator',
        localPartyId: null,
        party: identity.party,
        region: identity.region,
      };
}

/** The audit actor for what the clock does. */
export const SYSTEM_ACTOR: EventActor = {
  userId: null,
  role: 'system',
  localPartyId: null,
  party: null,
  region: null,
};

/** `now` as an ISO string and epoch milliseconds; an invalid date is a programming error. */
export function instant(now: Date | string): { readonly iso: string; readonly ms: number } {
  const date = typeof now === 'string' ? new Date(now) : now;
  const ms = date.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError(`invalid instant: ${String(now)}`);
  }
  return { iso: date.toISOString(), ms };
}

/** True when `localPartyId` has signed the pact's current revision. */
export function hasSigned(pact: Pact, localPartyId: string): boolean {
  return pact.signatures.some(
    (s) => s.localPartyId === localPartyId && s.revision === pact.revision.number,
  );
}

/** True when the slot `party` × `region` has approved the pact's current revision. */
export function hasApproved(pact: Pact, party: string, region: string): boolean {
  return pact.approvals.some(
    (a) => a.party === party && a.region === region && a.revision === pact.revision.number,
  );
}

/** The rejection for a failed identity resolution (with the list item at fault, if any). */
export function refused(resolution: {
  readonly code: ActorRejectionCode;
  readonly message: string;
  readonly item?: Rejection['item'];
}): Rejection {
  return rejection(
    resolution.code,
    resolution.message,
    resolution.item ? { item: resolution.item } : {},
  );
}

/** The local party of an officer identity; a coordinator here is a bug in the caller. */
export function officerOf(identity: Identity): string {
  if (identity.role !== 'officer') {
    throw new Error('expected an officer identity');
  }
  return identity.localPartyId;
}

/** The party an identity acts for. */
export function partyOf(identity: Identity): string {
  return identity.party;
}

/** The slot of a coordinator identity; an officer here is a bug in the caller. */
export function slotOf(identity: Identity): { party: string; region: string } {
  if (identity.role !== 'coordinator') {
    throw new Error('expected a coordinator identity');
  }
  return { party: identity.party, region: identity.region };
}
