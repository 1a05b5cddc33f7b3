import { verifyChain, type AuditEvent, type ChainVerification } from './chain.js';
import {
  verifyChainAgainstCheckpoint,
  verifyCheckpoints,
  type ChainCheckpointVerification,
  type Checkpoint,
  type CheckpointVerification,
} from './checkpoint.js';
import { type KeyInput } from './keys.js';

/** One pact's chain verified on its own and against the latest trusted checkpoint. */
export interface PactTrailVerification extends ChainVerification {
  readonly pactId: string;
  /** `null` when there is no trusted checkpoint at all. */
  readonly checkpoint: ChainCheckpointVerification | null;
}

/** The outcome of {@link verifyAuditTrail}: the shape behind `GET /api/audit/verify`. */
export interface AuditTrailVerification {
  readonly valid: boolean;
  readonly checkpoints: CheckpointVerification;
  /** Every pact that has events or is named by the checkpoint, sorted by pact id. */
  readonly pacts: readonly PactTrailVerification[];
  /** Pacts the checkpoint names but that have no events any more (deleted pacts). */
  readonly missingPacts: readonly string[];
}

/**
 * Verifies the whole audit trail: the checkpoint chain, every pact chain, and every pact chain
 * against the latest checkpoint that verified (one is enough, see
 * `verifyChainAgainstCheckpoint`). A pact the checkpoint names but `chains` lacks is reported in
 * `missingPacts`.
 */
export function verifyAuditTrail(
  chains: ReadonlyMap<string, readonly AuditEvent[]>,
  checkpoints: readonly Checkpoint[],
  publicKey: KeyInput,
): AuditTrailVerification {
  const checkpointResult = verifyCheckpoints(checkpoints, publicKey);
  const trusted =
    checkpointResult.head === null ? undefined : checkpoints[checkpointResult.head.seq - 1];
  const pactIds = new Set(chains.keys());
  if (trusted !== undefined) {
    for (const pactId of Object.keys(trusted.heads)) {
      pactIds.add(pactId);
    }
  }
  const missingPacts: string[] = [];
  const pacts: PactTrailVerification[] = [];
  for (const pactId of [...pactIds].sort()) {
    const events = chains.get(pactId);
    const chain = verifyChain(events ?? [], { pactId });
    const checkpoint =
      trusted === undefined ? null : verifyChainAgainstCheckpoint(events ?? [], trusted, pactId);
    if ((events === undefined || events.length === 0) && checkpoint?.covered === true) {
      missingPacts.push(pactId);
    }
    pacts.push({ pactId, ...chain, checkpoint });
  }
  const valid =
    checkpointResult.valid &&
    pacts.every((p) => p.valid && (p.checkpoint === null || p.checkpoint.valid));
  return { valid, checkpoints: checkpointResult, pacts, missingPacts };
}
