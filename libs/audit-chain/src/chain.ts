import { hashCanonical } from './canonical-json.js';

/**
 * The `prevHash` of the first event of every chain: 64 zeros rather than `null`, so the column is
 * `NOT NULL char(64)` and every event is hashed the same way.
 */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Who caused an audit event and in which capacity. Every member is always present (`null` when it
 * does not apply) so that a row read back from the database hashes exactly like the event that was
 * written: an omitted member and a `null` one would hash differently.
 */
export interface AuditActor {
  /** The user's id; `null` for the system (e.g. the expiry sweep). */
  readonly userId: string | null;
  /** The grant used: `officer`, `coordinator`, `admin`, `system`… */
  readonly role: string;
  /** The local party an officer acted for. */
  readonly localPartyId: string | null;
  /** The party the actor acted for (an officer's local party's party, a coordinator's party). */
  readonly party: string | null;
  /** The region a coordinator acted for. */
  readonly region: string | null;
  /**
   * The user's name as of the event, so a trail and a certificate say who acted then, not who the
   * account is called now. Absent on system events and on events written before names were
   * recorded: their hashes never covered a name, and a missing name is hashed as no member at all.
   */
  readonly name?: string;
}

/**
 * What happened, without its place in the chain. `P` is the payload's type (plain JSON data),
 * carried through so callers keep their typed payloads.
 */
export interface AuditEventContent<P = unknown> {
  readonly pactId: string;
  /** The event name, e.g. `pact.signed`. */
  readonly action: string;
  readonly actor: AuditActor;
  /** Plain JSON data (see `canonicalJson` for what is refused). */
  readonly payload: P;
  /** ISO 8601 instant, stored verbatim: the hash covers this exact string. */
  readonly occurredAt: string;
}

/** An event with its place in its pact's chain: everything the hash covers. */
export interface AuditEventBody<P = unknown> extends AuditEventContent<P> {
  /** 1, 2, 3… within the pact. */
  readonly seq: number;
  /** The previous event's hash, or {@link GENESIS_HASH} for seq 1. */
  readonly prevHash: string;
}

/** A stored audit event: its body plus `hash` = SHA-256 of the body's canonical JSON. */
export interface AuditEvent<P = unknown> extends AuditEventBody<P> {
  readonly hash: string;
}

/** The last event of a chain, by seq and hash. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** Why a chain failed to verify. */
export type ChainProblem =
  | 'MALFORMED'
  | 'PACT_MISMATCH'
  | 'ACCOUNT_MISMATCH'
  | 'SEQ_MISMATCH'
  | 'PREV_HASH_MISMATCH'
  | 'HASH_MISMATCH';

/** The outcome of {@link verifyChain}; the shape `GET /api/pacts/:id/audit/verify` returns. */
export interface ChainVerification {
  readonly valid: boolean;
  /** How many events were checked (the input's length). */
  readonly events: number;
  /** The last trustworthy event: the chain's head if valid, else the last event before the break. */
  readonly head: ChainHead | null;
  /** The seq at which the chain stops being trustworthy (the missing seq for a deletion). */
  readonly firstBrokenSeq: number | null;
  readonly problem: ChainProblem | null;
}

/**
 * The hash of an event body. Only the body's own fields are hashed (picked by name), so extra
 * properties a database row may carry (row id, insertion time, the stored `hash`) never leak in.
 */
export function hashEvent(body: AuditEventBody): string {
  const { seq, prevHash, pactId, action, actor, payload, occurredAt } = body;
  return hashCanonical({
    seq,
    prevHash,
    pactId,
    action,
    actor: hashedActor(actor),
    payload,
    occurredAt,
  });
}

/** The actor as hashed: every member, and `name` only when the event recorded one. */
export function hashedActor(actor: AuditActor): Record<string, string | null> {
  const hashed: Record<string, string | null> = {
    userId: actor.userId,
    role: actor.role,
    localPartyId: actor.localPartyId,
    party: actor.party,
    region: actor.region,
  };
  if (actor.name !== undefined) {
    hashed.name = actor.name;
  }
  return hashed;
}

/**
 * The next event of a chain whose current head is `head` (`null` for an empty chain).
 * Throws `CanonicalJsonError` if the payload is not plain JSON. The payload's type is kept (a
 * `PactEvent` in gives its payload union out); only the content fields are copied.
 */
export function appendEvent<C extends AuditEventContent>(
  head: ChainHead | null,
  content: C,
): AuditEvent<C['payload']> {
  const body: AuditEventBody<C['payload']> = {
    seq: head === null ? 1 : head.seq + 1,
    prevHash: head === null ? GENESIS_HASH : head.hash,
    pactId: content.pactId,
    action: content.action,
    actor: content.actor,
    payload: content.payload,
    occurredAt: content.occurredAt,
  };
  return { ...body, hash: hashEvent(body) };
}

/** Options of {@link verifyChain}. */
export interface VerifyChainOptions {
  /** Every event must belong to this pact (defaults to the first event's pact). */
  readonly pactId?: string;
}

/**
 * Recomputes every hash of one pact's chain, in the order given (do not sort first: an
 * out-of-order array is itself a finding). Detects a modified event (its own seq, `HASH_MISMATCH`),
 * a deleted or reordered event (`SEQ_MISMATCH` at the first position whose seq is wrong, i.e. the
 * missing seq), a spliced chain (`PREV_HASH_MISMATCH`) and an event of another pact. A deleted
 * *tail* cannot be seen from the chain alone: check it against a checkpoint.
 */
export function verifyChain(
  events: readonly AuditEvent[],
  options: VerifyChainOptions = {},
): ChainVerification {
  return verifyLinkedEvents(events, {
    chainId: options.pactId ?? events[0]?.pactId,
    chainIdOf: (e) => e.pactId,
    hashOf: hashEvent,
    mismatch: 'PACT_MISMATCH',
  });
}

/** How {@link verifyLinkedEvents} reads one kind of chain. */
export interface LinkedChainRules<E> {
  /** The chain every event must belong to. */
  readonly chainId: string | undefined;
  readonly chainIdOf: (event: E) => string;
  /** Recomputes an event's hash; may throw on data that cannot be hashed. */
  readonly hashOf: (event: E) => string;
  readonly mismatch: ChainProblem;
}

/** The checks every hash chain shares (pact chains, account chains): see {@link verifyChain}. */
export function verifyLinkedEvents<E extends ChainHead & { readonly prevHash: string }>(
  events: readonly E[],
  rules: LinkedChainRules<E>,
): ChainVerification {
  let head: ChainHead | null = null;
  for (const [i, event] of events.entries()) {
    const problem = checkEvent(event, i + 1, head, rules);
    if (problem !== null) {
      return { valid: false, events: events.length, head, firstBrokenSeq: i + 1, problem };
    }
    head = { seq: event.seq, hash: event.hash };
  }
  return { valid: true, events: events.length, head, firstBrokenSeq: null, problem: null };
}

function checkEvent<E extends ChainHead & { readonly prevHash: string }>(
  event: E,
  expectedSeq: number,
  previous: ChainHead | null,
  rules: LinkedChainRules<E>,
): ChainProblem | null {
  if (rules.chainIdOf(event) !== rules.chainId) {
    return rules.mismatch;
  }
  if (event.seq !== expectedSeq) {
    return 'SEQ_MISMATCH';
  }
  if (event.prevHash !== (previous === null ? GENESIS_HASH : previous.hash)) {
    return 'PREV_HASH_MISMATCH';
  }
  let recomputed: string;
  try {
    recomputed = rules.hashOf(event);
  } catch {
    // Stored data that cannot be hashed (a NaN in a payload, a missing actor) is a finding about
    // the data, not a bug in the verifier.
    return 'MALFORMED';
  }
  return recomputed === event.hash ? null : 'HASH_MISMATCH';
}
