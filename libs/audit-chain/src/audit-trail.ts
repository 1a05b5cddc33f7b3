import { verifyChain, type AuditEvent, type ChainVerification } from './chain.js';
import { type KeyInput } from './keys.js';
import { verifyLog, type ChainLeaf, type LogVerification, type TreeHead } from './tree-head.js';

/** One pact's chain verified on its own, with the latest leaf the log holds for it. */
export interface PactTrailVerification extends ChainVerification {
  readonly pactId: string;
  /** The chain's latest logged head, or null when it was never logged. */
  readonly logged: { readonly leafIndex: number; readonly seq: number } | null;
}

/** The outcome of {@link verifyAuditTrail}: the shape behind `GET /api/audit/verify`. */
export interface AuditTrailVerification {
  readonly valid: boolean;
  readonly log: LogVerification;
  /** Every pact that has events or a leaf in the log, sorted by pact id. */
  readonly pacts: readonly PactTrailVerification[];
  /** Pacts the log holds leaves for but that have no events any more (deleted pacts). */
  readonly missingPacts: readonly string[];
}

/**
 * Verifies the whole audit trail: every pact chain on its own, and the log — its signed tree heads,
 * their roots over the stored leaves, and every leaf against the chain it logged (`verifyLog`). A
 * chain the log holds a leaf for but `chains` lacks is reported in `missingPacts`.
 */
export function verifyAuditTrail(
  chains: ReadonlyMap<string, readonly AuditEvent[]>,
  leaves: readonly ChainLeaf[],
  treeHeads: readonly TreeHead[],
  publicKey: KeyInput,
): AuditTrailVerification {
  const log = verifyLog(leaves, treeHeads, chains, publicKey);
  const lastLeaf = new Map<string, { leafIndex: number; seq: number }>();
  leaves.forEach((leaf, leafIndex) => lastLeaf.set(leaf.chain, { leafIndex, seq: leaf.seq }));
  const pactIds = new Set([...chains.keys(), ...lastLeaf.keys()]);
  const missingPacts: string[] = [];
  const pacts: PactTrailVerification[] = [];
  for (const pactId of [...pactIds].sort()) {
    const events = chains.get(pactId) ?? [];
    if (events.length === 0 && lastLeaf.has(pactId)) {
      missingPacts.push(pactId);
    }
    pacts.push({
      pactId,
      ...verifyChain(events, { pactId }),
      logged: lastLeaf.get(pactId) ?? null,
    });
  }
  const valid = log.valid && missingPacts.length === 0 && pacts.every((p) => p.valid);
  return { valid, log, pacts, missingPacts };
}
