/**
 * A pact's status, stored as the same string in the database and the API.
 * `draft` → `proposed` → `signed` → `ratified` is the happy path; `declined`, `withdrawn`,
 * `expired`, `rejected` and `terminated` are terminal.
 */
export type PactStatus =
  | 'draft'
  | 'proposed'
  | 'signed'
  | 'ratified'
  | 'declined'
  | 'withdrawn'
  | 'expired'
  | 'rejected'
  | 'terminated';

/** Every status, in lifecycle order. */
export const PACT_STATUSES: readonly PactStatus[] = [
  'draft',
  'proposed',
  'signed',
  'ratified',
  'declined',
  'withdrawn',
  'expired',
  'rejected',
  'terminated',
];

/** What a user (or, for `expire`, the clock) asks to happen to a pact. */
export type PactCommandType =
  | 'propose'
  | 'counter'
  | 'sign'
  | 'decline'
  | 'withdraw'
  | 'approve'
  | 'reject'
  | 'terminate'
  | 'expire';

/** Every command type. */
export const PACT_COMMAND_TYPES: readonly PactCommandType[] = [
  'propose',
  'counter',
  'sign',
  'decline',
  'withdraw',
  'approve',
  'reject',
  'terminate',
  'expire',
];

/**
 * The transition table: for each status, the commands it accepts and the statuses they can lead
 * to. A missing entry means `WRONG_STATE`. Two commands have two outcomes: `sign` stays
 * `proposed` until the last participant signs, `approve` stays `signed` until the last required
 * slot approves. Decisions made where DESIGN.md is silent:
 *
 * - `withdraw` from `draft` lets the author abandon a draft (nothing is deleted);
 * - a `signed` pact cannot be withdrawn or declined: once everyone has signed, only a required
 *   coordinator (`reject`) can stop it, so nobody can renege on a signature unilaterally;
 * - a `signed` pact can be countered (issue 15): when members' objections or a coordinator's
 *   concerns call for other terms, a participant reopens the negotiation on a new revision, which
 *   every participant must sign again (back to `proposed`) and which voids the consultation on
 *   the old one — nobody is bound to terms they did not sign;
 * - `signed` pacts do not expire: the respond-by deadline is for the participants' answers (a
 *   counter of a signed pact whose respond-by has passed must set a new one).
 */
export const TRANSITIONS: Readonly<
  Record<PactStatus, Readonly<Partial<Record<PactCommandType, readonly PactStatus[]>>>>
> = {
  draft: { propose: ['proposed'], withdraw: ['withdrawn'], expire: ['expired'] },
  proposed: {
    counter: ['proposed'],
    sign: ['proposed', 'signed'],
    decline: ['declined'],
    withdraw: ['withdrawn'],
    expire: ['expired'],
  },
  signed: { approve: ['signed', 'ratified'], reject: ['rejected'], counter: ['proposed'] },
  ratified: { terminate: ['terminated'] },
  declined: {},
  withdrawn: {},
  expired: {},
  rejected: {},
  terminated: {},
};

/** The statuses `command` may lead to from `status`; empty when the table has no such edge. */
export function nextStatuses(status: PactStatus, command: PactCommandType): readonly PactStatus[] {
  return TRANSITIONS[status][command] ?? [];
}

/** True when the table has an edge for `command` out of `status`. */
export function canTransition(status: PactStatus, command: PactCommandType): boolean {
  return nextStatuses(status, command).length > 0;
}

/** Statuses with no way out. */
export const TERMINAL_STATUSES: readonly PactStatus[] = [
  'declined',
  'withdrawn',
  'expired',
  'rejected',
  'terminated',
];

/** True when nothing more can happen to a pact in `status`. */
export function isTerminal(status: PactStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Statuses of a pact still in play: on the table, signed, or in force. */
export const LIVE_STATUSES: readonly PactStatus[] = ['proposed', 'signed', 'ratified'];

/** True when a pact in `status` is on the table, signed, or in force. */
export function isLive(status: PactStatus): boolean {
  return LIVE_STATUSES.includes(status);
}

/**
 * Statuses in which a pact's stand-asides hold their seats: every participant has signed the
 * current revision. A proposal holds nothing — it binds only its author — so an unsolicited offer
 * (with any respond-by) cannot block a party's own deals in a seat; conflicts are checked when a
 * pact would start to hold (its last signature), and against holding pacts only.
 */
export const SEAT_HOLDING_STATUSES: readonly PactStatus[] = ['signed', 'ratified'];

/** True when a pact in `status` holds its seats (see {@link SEAT_HOLDING_STATUSES}). */
export function holdsSeats(status: PactStatus): boolean {
  return SEAT_HOLDING_STATUSES.includes(status);
}

/** Statuses that lapse to `expired` once the respond-by deadline has passed. */
export const EXPIRABLE_STATUSES: readonly PactStatus[] = ['draft', 'proposed'];

/** Statuses a pact has an agreement certificate in: ratified, and terminated after it. */
export const CERTIFIED_STATUSES = [
  'ratified',
  'terminated',
] as const satisfies readonly PactStatus[];

/** True when a pact in `status` has (or is owed) a certificate. */
export function isCertified(status: PactStatus): status is (typeof CERTIFIED_STATUSES)[number] {
  return (CERTIFIED_STATUSES as readonly PactStatus[]).includes(status);
}
