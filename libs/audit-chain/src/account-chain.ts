import { hashCanonical } from './canonical-json.js';
import {
  GENESIS_HASH,
  hashedActor,
  verifyLinkedEvents,
  type AuditActor,
  type ChainHead,
  type ChainVerification,
} from './chain.js';

// Account management leaves a trail like pacts do: one hash chain per account (created, renamed,
// password set, disabled, enabled, grants changed), logged in the same Merkle log as pact chains
// (the chain id is the account's id). The hashed body names `accountId` where a pact event names
// `pactId`, so an event of one kind can never be passed off as the other.

/** What happened to an account, without its place in the chain. */
export interface AccountEventContent<P = unknown> {
  readonly accountId: string;
  /** The event name, e.g. `account.disabled`. */
  readonly action: string;
  readonly actor: AuditActor;
  /** Plain JSON data; never a password or its hash. */
  readonly payload: P;
  /** ISO 8601 instant, hashed verbatim. */
  readonly occurredAt: string;
}

/** A stored account event: its content, its place in the chain, and its hash. */
export interface AccountEvent<P = unknown> extends AccountEventContent<P> {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The hash of an account event: SHA-256 of the canonical JSON of its body's own fields. */
export function hashAccountEvent(body: Omit<AccountEvent, 'hash'>): string {
  const { seq, prevHash, accountId, action, actor, payload, occurredAt } = body;
  return hashCanonical({
    seq,
    prevHash,
    accountId,
    action,
    actor: hashedActor(actor),
    payload,
    occurredAt,
  });
}

/** The next event of an account's chain whose head is `head` (`null` for a new chain). */
export function appendAccountEvent<P>(
  head: ChainHead | null,
  content: AccountEventContent<P>,
): AccountEvent<P> {
  const body = {
    seq: head === null ? 1 : head.seq + 1,
    prevHash: head === null ? GENESIS_HASH : head.hash,
    accountId: content.accountId,
    action: content.action,
    actor: content.actor,
    payload: content.payload,
    occurredAt: content.occurredAt,
  };
  return { ...body, hash: hashAccountEvent(body) };
}

/**
 * Recomputes an account's chain as `verifyChain` does a pact's: a modified, deleted, reordered or
 * spliced event, or one of another account (`ACCOUNT_MISMATCH`), is reported at its seq.
 */
export function verifyAccountChain(
  events: readonly AccountEvent[],
  accountId: string | undefined = events[0]?.accountId,
): ChainVerification {
  return verifyLinkedEvents(events, {
    chainId: accountId,
    chainIdOf: (e) => e.accountId,
    hashOf: hashAccountEvent,
    mismatch: 'ACCOUNT_MISMATCH',
  });
}
