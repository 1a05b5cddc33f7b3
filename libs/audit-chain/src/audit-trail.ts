import { verifyAccountChain, type AccountEvent } from './account-chain.js';
import { verifyChain, type AuditEvent, type ChainHead, type ChainVerification } from './chain.js';
import { type KeyInput } from './keys.js';
import { verifyLog, type ChainLeaf, type LogVerification, type TreeHead } from './tree-head.js';

/** The latest leaf the log holds for a chain. */
export interface LoggedAt {
  readonly leafIndex: number;
  readonly seq: number;
}

/** One pact's chain verified on its own, with the latest leaf the log holds for it. */
export interface PactTrailVerification extends ChainVerification {
  readonly pactId: string;
  /** The chain's latest logged head, or null when it was never logged. */
  readonly logged: LoggedAt | null;
}

/** One account's management chain verified on its own, with its latest logged leaf. */
export interface AccountTrailVerification extends ChainVerification {
  readonly accountId: string;
  readonly logged: LoggedAt | null;
}

/** The outcome of {@link verifyAuditTrail}: the shape behind `GET /api/audit/verify`. */
export interface AuditTrailVerification {
  readonly valid: boolean;
  readonly log: LogVerification;
  /**
   * Every pact that has events, and every chain the log holds that has none any more (a deleted
   * pact's or account's), sorted by id.
   */
  readonly pacts: readonly PactTrailVerification[];
  /** Every account that has a management chain, sorted by account id. */
  readonly accounts: readonly AccountTrailVerification[];
  /**
   * Chains the log holds leaves for that have no events any more (a deleted pact or account
   * chain); the name is kept from when every chain was a pact's.
   */
  readonly missingPacts: readonly string[];
}

/** The chains to verify: pact chains and account chains, by their id, events in seq order. */
export interface AuditChains {
  readonly pacts: ReadonlyMap<string, readonly AuditEvent[]>;
  readonly accounts?: ReadonlyMap<string, readonly AccountEvent[]>;
}

/**
 * Verifies the whole audit trail: every pact and account chain on its own, and the log — its signed
 * tree heads, their roots over the stored leaves, and every leaf against the chain it logged
 * (`verifyLog`). A chain the log holds a leaf for but neither map has is reported in
 * `missingPacts`.
 */
export function verifyAuditTrail(
  chains: AuditChains,
  leaves: readonly ChainLeaf[],
  treeHeads: readonly TreeHead[],
  publicKey: KeyInput,
): AuditTrailVerification {
  const accountChains = chains.accounts ?? new Map<string, readonly AccountEvent[]>();
  const all = new Map<string, readonly ChainHead[]>([...chains.pacts, ...accountChains]);
  const log = verifyLog(leaves, treeHeads, all, publicKey);
  const lastLeaf = new Map<string, LoggedAt>();
  leaves.forEach((leaf, leafIndex) => lastLeaf.set(leaf.chain, { leafIndex, seq: leaf.seq }));
  const missingPacts = [...lastLeaf.keys()].filter((id) => (all.get(id) ?? []).length === 0).sort();
  // A chain the log holds but neither map has is listed with the pacts (events 0), as it always was.
  const pactIds = new Set([...chains.pacts.keys(), ...missingPacts]);
  const pacts: PactTrailVerification[] = [...pactIds].sort().map((pactId) => ({
    pactId,
    ...verifyChain(chains.pacts.get(pactId) ?? [], { pactId }),
    logged: lastLeaf.get(pactId) ?? null,
  }));
  const accounts: AccountTrailVerification[] = [...accountChains.keys()]
    .sort()
    .map((accountId) => ({
      accountId,
      ...verifyAccountChain(accountChains.get(accountId) ?? [], accountId),
      logged: lastLeaf.get(accountId) ?? null,
    }));
  const valid =
    log.valid &&
    missingPacts.length === 0 &&
    pacts.every((p) => p.valid) &&
    accounts.every((a) => a.valid);
  return { valid, log, pacts, accounts, missingPacts };
}
