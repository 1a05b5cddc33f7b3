import { type PactStatus } from './states.js';

/** One leg of the terms: `party` fields no candidate in `constituency`, in favour of `beneficiary`. */
export interface StandAside {
  /** Party code of the party standing aside (`ld`). */
  readonly party: string;
  /** ONS code of a constituency of the pact's election (`E14000735`). */
  readonly constituency: string;
  /** Party code of the party that benefits. */
  readonly beneficiary: string;
}

/** A non-seat clause, owed by `party`. */
export interface Commitment {
  readonly party: string;
  readonly text: string;
}

/** The terms of one revision. Hash them with `termsHash` after `normalizeTerms`. */
export interface Terms {
  readonly standAsides: readonly StandAside[];
  readonly commitments: readonly Commitment[];
}

/** A local party taking part in a pact. */
export interface Participant {
  readonly localPartyId: string;
  /** Its national party's code. */
  readonly party: string;
  /** The region slug the local party belongs to. */
  readonly region: string;
  /** ONS codes of the constituencies it covers (in the pact's election). */
  readonly constituencies: readonly string[];
}

/** One immutable version of the terms. */
export interface Revision {
  /** 1, 2, 3…: the proposal is 1 (created with the draft), each counter the next. */
  readonly number: number;
  /** SHA-256 hex of the canonical JSON of `terms` (see `termsHash`). */
  readonly hash: string;
  readonly terms: Terms;
  /** The local party whose officer wrote this revision. */
  readonly authorLocalPartyId: string;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** A local party's acceptance of one exact revision. */
export interface Signature {
  readonly localPartyId: string;
  readonly revision: number;
  readonly hash: string;
  readonly userId: string;
  /** ISO 8601. */
  readonly signedAt: string;
}

/** A party × region whose coordinator must approve a signed pact. */
export interface ApprovalSlot {
  readonly party: string;
  readonly region: string;
}

/** A coordinator's approval of the signed revision for one slot. */
export interface Approval extends ApprovalSlot {
  readonly revision: number;
  readonly hash: string;
  readonly userId: string;
  /** ISO 8601. */
  readonly approvedAt: string;
}

/**
 * A pact as `decide` sees it: plain data the app maps from its rows. `signatures` and `approvals`
 * may include those on earlier revisions (kept for history); only those on the current revision
 * count.
 */
export interface Pact {
  readonly id: string;
  readonly title: string;
  /** Baseline result set the projections start from (`ge2017`). */
  readonly election: string;
  /** The contest the pact is for (`ge2019`, `next-general`): conflicts are checked within it. */
  readonly contest: string;
  readonly status: PactStatus;
  /** The local party whose officer created the pact; only it can see the draft and propose it. */
  readonly authorLocalPartyId: string;
  readonly participants: readonly Participant[];
  /** The current revision. Superseded revisions live in the app's table, not here. */
  readonly revision: Revision;
  readonly signatures: readonly Signature[];
  readonly approvals: readonly Approval[];
  /** Slots for the current revision's terms (see `requiredApprovalSlots`). */
  readonly requiredApprovals: readonly ApprovalSlot[];
  /** ISO 8601 deadline; past it, a draft or proposed pact is expired. */
  readonly respondBy: string;
  /**
   * ISO 8601 time of the `propose`, or `null` if never proposed. A pact that was never proposed
   * (a draft, or a draft later withdrawn or expired) stays visible to its author only.
   */
  readonly proposedAt: string | null;
}

/**
 * A user's role in one grant (DESIGN.md, "Who uses it"); `national` is a party's national or
 * nation's HQ, acting as an officer of its party's local parties (see `officerIdentities`).
 */
export type Role = 'admin' | 'coordinator' | 'officer' | 'member' | 'national';

/**
 * One grant of a user. Officers carry `localPartyId` (and its `party`); coordinators `party` and
 * `region`; members `party` (optionally `localPartyId`); national grants `party` and optionally
 * `region` (a nation, or none for the whole party); admins nothing else.
 */
export interface Grant {
  readonly role: Role;
  readonly party?: string | null;
  readonly region?: string | null;
  readonly localPartyId?: string | null;
}

/**
 * For a user with several matching grants, which one they act under: a local party id, a coordinator
 * slot, or — for `sign` only — a list of local party ids to sign for at once.
 */
export type ActingFor = string | readonly string[] | ApprovalSlot;

/**
 * The user behind a command. `actingFor` is a local party id for officer commands or
 * `{party, region}` for coordinator commands; it is needed only when several grants fit. `sign`
 * also takes a list of local party ids (see `resolveSigners`).
 */
export interface Actor {
  readonly userId: string;
  readonly grants: readonly Grant[];
  readonly actingFor?: ActingFor;
}
