import { hashCanonical } from './canonical-json.js';
import { GENESIS_HASH, type AuditEvent, type ChainHead } from './chain.js';
import { signHash, toPublicKey, verifyHashSignature, type KeyInput } from './keys.js';

/** The heads of all pact chains at one moment, keyed by pact id. */
export type ChainHeads = Readonly<Record<string, ChainHead>>;

/**
 * What a checkpoint's hash covers. A checkpoint holds the heads of *all* chains (a full snapshot,
 * not a delta) so any one checkpoint is enough to check every pact, and a pact that disappears
 * from the database is still named by the last checkpoint that saw it.
 */
export interface CheckpointBody {
  /** 1, 2, 3… in the global checkpoint chain. */
  readonly seq: number;
  /** The previous checkpoint's hash, or `GENESIS_HASH` for seq 1. */
  readonly prevHash: string;
  /** ISO 8601 instant, hashed verbatim. */
  readonly createdAt: string;
  readonly heads: ChainHeads;
}

/** A signed checkpoint: `hash` over the body's canonical JSON, `signature` Ed25519 over `hash`. */
export interface Checkpoint extends CheckpointBody {
  readonly hash: string;
  /** Base64 Ed25519 signature of the ASCII `hash` (see `signHash`). */
  readonly signature: string;
}

/** Thrown when asked to create a checkpoint that would contradict the previous one. */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

/** A pact whose head went backwards, changed at the same seq, or vanished between checkpoints. */
export interface HeadRegression {
  readonly pactId: string;
  readonly before: ChainHead;
  readonly after: ChainHead | null;
}

/** The hash of a checkpoint body; heads are reduced to `{seq, hash}` so extra fields never count. */
export function hashCheckpoint(body: CheckpointBody): string {
  const heads: Record<string, ChainHead> = {};
  for (const [pactId, head] of Object.entries(body.heads)) {
    heads[pactId] = { seq: head.seq, hash: head.hash };
  }
  return hashCanonical({
    seq: body.seq,
    prevHash: body.prevHash,
    createdAt: body.createdAt,
    heads,
  });
}

/**
 * Chains only grow: every pact of `before` must be in `after`, at the same or a later seq, with
 * the same hash when the seq is unchanged. Anything else means a chain was truncated, rewritten or
 * deleted in between.
 */
export function headRegressions(before: ChainHeads, after: ChainHeads): HeadRegression[] {
  const regressions: HeadRegression[] = [];
  for (const [pactId, old] of Object.entries(before)) {
    const now = Object.hasOwn(after, pactId) ? after[pactId] : undefined;
    if (now === undefined) {
      regressions.push({ pactId, before: old, after: null });
    } else if (now.seq < old.seq || (now.seq === old.seq && now.hash !== old.hash)) {
      regressions.push({ pactId, before: old, after: now });
    }
  }
  return regressions;
}

/**
 * The next signed checkpoint after `previous` (`null` for the first). Throws
 * {@link CheckpointError} if a head is malformed or regressed against `previous`: signing such a
 * snapshot would bless a tampered database, so the app must investigate instead.
 */
export function createCheckpoint(
  previous: Checkpoint | null,
  heads: ChainHeads,
  createdAt: Date | string,
  privateKey: KeyInput,
): Checkpoint {
  for (const [pactId, head] of Object.entries(heads)) {
    if (!Number.isInteger(head.seq) || head.seq < 1 || !/^[0-9a-f]{64}$/.test(head.hash)) {
      throw new CheckpointError(`malformed head for pact ${pactId}`);
    }
  }
  if (previous !== null) {
    const regressions = headRegressions(previous.heads, heads);
    if (regressions.length > 0) {
      const names = regressions.map((r) => r.pactId).join(', ');
      throw new CheckpointError(`chain heads regressed since checkpoint ${previous.seq}: ${names}`);
    }
  }
  const body: CheckpointBody = {
    seq: previous === null ? 1 : previous.seq + 1,
    prevHash: previous === null ? GENESIS_HASH : previous.hash,
    createdAt: typeof createdAt === 'string' ? createdAt : createdAt.toISOString(),
    heads: { ...heads },
  };
  const hash = hashCheckpoint(body);
  return { ...body, hash, signature: signHash(hash, privateKey) };
}

/** Why a checkpoint chain failed to verify. */
export type CheckpointProblem =
  | 'MALFORMED'
  | 'SEQ_MISMATCH'
  | 'PREV_HASH_MISMATCH'
  | 'HASH_MISMATCH'
  | 'BAD_SIGNATURE'
  | 'HEAD_REGRESSED';

/** The outcome of {@link verifyCheckpoints}. */
export interface CheckpointVerification {
  readonly valid: boolean;
  readonly checkpoints: number;
  /** The last trustworthy checkpoint's `{seq, hash}`. */
  readonly head: ChainHead | null;
  readonly firstBrokenSeq: number | null;
  readonly problem: CheckpointProblem | null;
  /** For `HEAD_REGRESSED`: the first pact whose head regressed. */
  readonly pactId: string | null;
}

/**
 * Verifies the checkpoint chain in the order given: seqs from 1, `prevHash` links, each hash,
 * each Ed25519 signature under `publicKey`, and that no pact's head regresses from one
 * checkpoint to the next (a deleted pact or truncated chain between checkpoints).
 */
export function verifyCheckpoints(
  checkpoints: readonly Checkpoint[],
  publicKey: KeyInput,
): CheckpointVerification {
  const key = toPublicKey(publicKey);
  let previous: Checkpoint | null = null;
  for (const [i, checkpoint] of checkpoints.entries()) {
    const broken = (problem: CheckpointProblem, pactId: string | null = null) => ({
      valid: false,
      checkpoints: checkpoints.length,
      head: previous === null ? null : { seq: previous.seq, hash: previous.hash },
      firstBrokenSeq: i + 1,
      problem,
      pactId,
    });
    if (checkpoint.seq !== i + 1) {
      return broken('SEQ_MISMATCH');
    }
    if (checkpoint.prevHash !== (previous === null ? GENESIS_HASH : previous.hash)) {
      return broken('PREV_HASH_MISMATCH');
    }
    let recomputed: string;
    try {
      recomputed = hashCheckpoint(checkpoint);
    } catch {
      return broken('MALFORMED');
    }
    if (recomputed !== checkpoint.hash) {
      return broken('HASH_MISMATCH');
    }
    if (!verifyHashSignature(checkpoint.hash, checkpoint.signature, key)) {
      return broken('BAD_SIGNATURE');
    }
    if (previous !== null) {
      const regression = headRegressions(previous.heads, checkpoint.heads)[0];
      if (regression !== undefined) {
        return broken('HEAD_REGRESSED', regression.pactId);
      }
    }
    previous = checkpoint;
  }
  return {
    valid: true,
    checkpoints: checkpoints.length,
    head: previous === null ? null : { seq: previous.seq, hash: previous.hash },
    firstBrokenSeq: null,
    problem: null,
    pactId: null,
  };
}

/** The outcome of {@link verifyChainAgainstCheckpoint}. */
export interface ChainCheckpointVerification {
  readonly valid: boolean;
  /** False when the checkpoint does not mention the pact (created after it): nothing to check. */
  readonly covered: boolean;
  readonly checkpointSeq: number;
  /** The head the checkpoint recorded for this pact. */
  readonly expected: ChainHead | null;
  readonly problem: 'CHAIN_TOO_SHORT' | 'HEAD_MISMATCH' | null;
}

/**
 * Checks one pact's chain against a (verified) checkpoint: the event at the checkpointed seq must
 * carry exactly the checkpointed hash, and the chain must reach that seq. This catches what
 * `verifyChain` alone cannot: a tail deleted, or a tail rewritten with consistently recomputed
 * hashes. Run `verifyChain` too — this function trusts the stored hashes it compares. Because each
 * hash covers its predecessor, matching the *latest* checkpoint pins the whole prefix.
 *
 * `pactId` defaults to the first event's pact; pass it explicitly so an empty chain (a pact whose
 * events were all deleted) is still checked.
 */
export function verifyChainAgainstCheckpoint(
  events: readonly AuditEvent[],
  checkpoint: Checkpoint,
  pactId: string | undefined = events[0]?.pactId,
): ChainCheckpointVerification {
  const expected =
    pactId !== undefined && Object.hasOwn(checkpoint.heads, pactId)
      ? checkpoint.heads[pactId]
      : undefined;
  if (expected === undefined) {
    return {
      valid: true,
      covered: false,
      checkpointSeq: checkpoint.seq,
      expected: null,
      problem: null,
    };
  }
  const result = (problem: ChainCheckpointVerification['problem']) => ({
    valid: problem === null,
    covered: true,
    checkpointSeq: checkpoint.seq,
    expected: { seq: expected.seq, hash: expected.hash },
    problem,
  });
  const event = events.find((e) => e.seq === expected.seq);
  if (event === undefined) {
    return result('CHAIN_TOO_SHORT');
  }
  return result(event.hash === expected.hash ? null : 'HEAD_MISMATCH');
}
