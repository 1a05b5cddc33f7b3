import { canonicalJson, hashCanonical } from './canonical-json.js';
import { GENESIS_HASH, type ChainHead } from './chain.js';
import { signHash, toPublicKey, verifyHashSignature, type KeyInput } from './keys.js';
import {
  completedSubtrees,
  merkleLeafHash,
  merkleNodeHash,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  type SubtreeRef,
} from './merkle.js';

// The platform's audit log, as Certificate Transparency keeps one (RFC 9162): an append-only list
// of leaves, each the head of one audit chain at one moment, and signed tree heads over it. A
// checkpoint appends a leaf for every chain whose head moved and signs the new tree head. Anyone
// may keep the tree heads (they name no pact); a viewer gets an inclusion proof for the chains
// they may see, and a consistency proof shows a later tree extends an earlier one. A chain deleted
// or rewritten after its head was logged no longer matches its leaf; a log rewritten after a tree
// head was published no longer matches that head.

/** One leaf: an audit chain (a pact) and its head when the leaf was logged. */
export interface ChainLeaf {
  readonly chain: string;
  readonly seq: number;
  readonly hash: string;
}

/** The exact bytes a leaf hashes: canonical JSON of `{chain, hash, seq}`, as UTF-8. */
export function chainLeafJson(leaf: ChainLeaf): string {
  return canonicalJson({ chain: leaf.chain, hash: leaf.hash, seq: leaf.seq });
}

/** RFC 9162 leaf hash of a chain leaf. */
export function chainLeafHash(leaf: ChainLeaf): string {
  return merkleLeafHash(chainLeafJson(leaf));
}

/** What a tree head's hash covers. */
export interface TreeHeadBody {
  /** 1, 2, 3… in the chain of tree heads. */
  readonly seq: number;
  /** The previous tree head's hash, or `GENESIS_HASH` for seq 1. */
  readonly prevHash: string;
  /** ISO 8601 instant, hashed verbatim. */
  readonly createdAt: string;
  /** Leaves in the tree. */
  readonly treeSize: number;
  /** RFC 9162 root of the first `treeSize` leaves (hex). */
  readonly rootHash: string;
}

/** A signed tree head: `hash` over the body's canonical JSON, `signature` Ed25519 over `hash`. */
export interface TreeHead extends TreeHeadBody {
  readonly hash: string;
  /** Base64 Ed25519 signature of the ASCII `hash` (see `signHash`). */
  readonly signature: string;
}

/** The hash of a tree head body (extra fields never count). */
export function hashTreeHead(body: TreeHeadBody): string {
  return hashCanonical({
    seq: body.seq,
    prevHash: body.prevHash,
    createdAt: body.createdAt,
    treeSize: body.treeSize,
    rootHash: body.rootHash,
  });
}

/** Thrown when asked to sign a tree head that would contradict the log. */
export class TreeHeadError extends Error {
  override readonly name = 'TreeHeadError';
}

/** The next signed tree head after `previous` (`null` for the first); the log only grows. */
export function signTreeHead(
  previous: TreeHead | null,
  treeSize: number,
  rootHash: string,
  createdAt: Date | string,
  privateKey: KeyInput,
): TreeHead {
  if (!Number.isInteger(treeSize) || treeSize < (previous?.treeSize ?? 0)) {
    throw new TreeHeadError(`tree size ${treeSize} is smaller than ${previous?.treeSize ?? 0}`);
  }
  const body: TreeHeadBody = {
    seq: previous === null ? 1 : previous.seq + 1,
    prevHash: previous === null ? GENESIS_HASH : previous.hash,
    createdAt: typeof createdAt === 'string' ? createdAt : createdAt.toISOString(),
    treeSize,
    rootHash,
  };
  const hash = hashTreeHead(body);
  return { ...body, hash, signature: signHash(hash, privateKey) };
}

/** Why a tree head cannot be trusted on its own (its hash or its signature), or null. */
export function treeHeadProblem(
  head: TreeHead,
  publicKey: KeyInput,
): 'HASH_MISMATCH' | 'BAD_SIGNATURE' | null {
  let recomputed: string;
  try {
    recomputed = hashTreeHead(head);
  } catch {
    return 'HASH_MISMATCH';
  }
  if (recomputed !== head.hash) {
    return 'HASH_MISMATCH';
  }
  return verifyHashSignature(head.hash, head.signature, publicKey) ? null : 'BAD_SIGNATURE';
}

/**
 * The nodes to store when `leaves` are appended to a log of `size` leaves whose complete subtrees
 * `lookup` knows: each leaf's hash (level 0) and every complete subtree it completes. Returns them
 * with the new root.
 */
export function appendLeaves(
  size: number,
  leaves: readonly ChainLeaf[],
  lookup: (ref: SubtreeRef) => string,
): { nodes: { ref: SubtreeRef; hash: string }[]; root: string } {
  const added = new Map<string, string>();
  const key = (r: SubtreeRef) => `${r.level}:${r.index}`;
  const find = (r: SubtreeRef) => added.get(key(r)) ?? lookup(r);
  const nodes: { ref: SubtreeRef; hash: string }[] = [];
  const put = (ref: SubtreeRef, hash: string) => {
    added.set(key(ref), hash);
    nodes.push({ ref, hash });
  };
  leaves.forEach((leaf, i) => {
    const index = size + i;
    put({ level: 0, index }, chainLeafHash(leaf));
    for (const { ref, left, right } of completedSubtrees(index)) {
      put(ref, merkleNodeHash(find(left), find(right)));
    }
  });
  return { nodes, root: treeRoot(size + leaves.length, find) };
}

/** Why the log or its tree heads failed to verify. */
export type LogProblem =
  | 'SEQ_MISMATCH'
  | 'PREV_HASH_MISMATCH'
  | 'HASH_MISMATCH'
  | 'BAD_SIGNATURE'
  | 'TREE_SHRANK'
  | 'TREE_TOO_BIG'
  | 'ROOT_MISMATCH'
  | 'CHAIN_WENT_BACK'
  | 'CHAIN_TOO_SHORT'
  | 'HEAD_MISMATCH';

/** The outcome of {@link verifyLog}. */
export interface LogVerification {
  readonly valid: boolean;
  readonly leaves: number;
  readonly treeHeads: number;
  /** The last tree head that verified. */
  readonly latest: { readonly seq: number; readonly treeSize: number } | null;
  readonly problem: LogProblem | null;
  /** The tree head seq at fault, for tree head problems. */
  readonly treeHeadSeq: number | null;
  /** The leaf index at fault, for leaf problems. */
  readonly leafIndex: number | null;
  /** The chain at fault, for leaf problems. */
  readonly chain: string | null;
}

/**
 * Verifies the whole log: every tree head's seq, link, hash and signature, that trees only grow,
 * that each head's root is the root of the leaves stored (so no leaf was removed, reordered or
 * changed since it was signed), that a chain's leaves only move forward, and that every chain still
 * holds the event each of its leaves recorded (`chains`: events by chain id, in seq order — a chain
 * absent from it has no events left).
 */
export function verifyLog(
  leaves: readonly ChainLeaf[],
  heads: readonly TreeHead[],
  chains: ReadonlyMap<string, readonly ChainHead[]>,
  publicKey: KeyInput,
): LogVerification {
  const key = toPublicKey(publicKey);
  let latest: LogVerification['latest'] = null;
  const result = (
    problem: LogProblem | null,
    at: { treeHeadSeq?: number; leafIndex?: number; chain?: string } = {},
  ): LogVerification => ({
    valid: problem === null,
    leaves: leaves.length,
    treeHeads: heads.length,
    latest,
    problem,
    treeHeadSeq: at.treeHeadSeq ?? null,
    leafIndex: at.leafIndex ?? null,
    chain: at.chain ?? null,
  });
  const nodes = new Map<string, string>();
  const lookup = (r: SubtreeRef) => {
    const hash = nodes.get(`${r.level}:${r.index}`);
    if (hash === undefined) {
      throw new Error(`subtree ${r.level}:${r.index} not built`);
    }
    return hash;
  };
  let built = 0;
  const build = (size: number) => {
    const { nodes: added } = appendLeaves(built, leaves.slice(built, size), lookup);
    for (const n of added) {
      nodes.set(`${n.ref.level}:${n.ref.index}`, n.hash);
    }
    built = size;
  };
  let previous: TreeHead | null = null;
  for (const [i, head] of heads.entries()) {
    const at = { treeHeadSeq: head.seq };
    if (head.seq !== i + 1) {
      return result('SEQ_MISMATCH', at);
    }
    if (head.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      return result('PREV_HASH_MISMATCH', at);
    }
    const problem = treeHeadProblem(head, key);
    if (problem !== null) {
      return result(problem, at);
    }
    if (head.treeSize < (previous?.treeSize ?? 0)) {
      return result('TREE_SHRANK', at);
    }
    if (head.treeSize > leaves.length) {
      return result('TREE_TOO_BIG', at);
    }
    build(head.treeSize);
    if (treeRoot(head.treeSize, lookup) !== head.rootHash) {
      return result('ROOT_MISMATCH', at);
    }
    previous = head;
    latest = { seq: head.seq, treeSize: head.treeSize };
  }
  const lastSeq = new Map<string, number>();
  for (const [leafIndex, leaf] of leaves.entries()) {
    const at = { leafIndex, chain: leaf.chain };
    if (leaf.seq <= (lastSeq.get(leaf.chain) ?? 0)) {
      return result('CHAIN_WENT_BACK', at);
    }
    lastSeq.set(leaf.chain, leaf.seq);
    const problem = chainAgainstLeaf(chains.get(leaf.chain) ?? [], leaf);
    if (problem !== null) {
      return result(problem, at);
    }
  }
  return result(null);
}

/**
 * Whether a chain still holds the event a leaf logged: `CHAIN_TOO_SHORT` when it no longer reaches
 * the leaf's seq (a tail or the whole chain deleted), `HEAD_MISMATCH` when the event there has
 * another hash (rewritten). Because each event's hash covers its predecessor, a match pins the
 * whole prefix; run `verifyChain` too, since this trusts the stored hashes it compares.
 */
export function chainAgainstLeaf(
  events: readonly ChainHead[],
  leaf: ChainLeaf,
): 'CHAIN_TOO_SHORT' | 'HEAD_MISMATCH' | null {
  const event = events.find((e) => e.seq === leaf.seq);
  if (event === undefined) {
    return 'CHAIN_TOO_SHORT';
  }
  return event.hash === leaf.hash ? null : 'HEAD_MISMATCH';
}

/** A viewer's proof that a chain head is in a signed tree head. */
export interface InclusionProof {
  readonly treeHead: TreeHead;
  readonly leafIndex: number;
  readonly leaf: ChainLeaf;
  /** Sibling subtree hashes from the leaf up (RFC 9162 §2.1.3). */
  readonly auditPath: readonly string[];
}

/** A proof that the tree of `to` extends the tree of `from` (RFC 9162 §2.1.4). */
export interface ConsistencyProof {
  readonly from: TreeHead;
  readonly to: TreeHead;
  readonly proof: readonly string[];
}

/** Why an inclusion proof fails, or null: the tree head's own problem, or `NOT_INCLUDED`. */
export function inclusionProblem(
  proof: InclusionProof,
  publicKey: KeyInput,
): 'HASH_MISMATCH' | 'BAD_SIGNATURE' | 'NOT_INCLUDED' | null {
  const head = treeHeadProblem(proof.treeHead, publicKey);
  if (head !== null) {
    return head;
  }
  const included = verifyInclusion(
    chainLeafHash(proof.leaf),
    proof.leafIndex,
    proof.treeHead.treeSize,
    proof.auditPath,
    proof.treeHead.rootHash,
  );
  return included ? null : 'NOT_INCLUDED';
}

/** Why a consistency proof fails, or null: either head's own problem, or `INCONSISTENT`. */
export function consistencyProblem(
  proof: ConsistencyProof,
  publicKey: KeyInput,
): 'HASH_MISMATCH' | 'BAD_SIGNATURE' | 'INCONSISTENT' | null {
  const problem = treeHeadProblem(proof.from, publicKey) ?? treeHeadProblem(proof.to, publicKey);
  if (problem !== null) {
    return problem;
  }
  if (proof.from.treeSize === 0) {
    // Every tree extends the empty one.
    return null;
  }
  return verifyConsistency(
    proof.from.treeSize,
    proof.to.treeSize,
    proof.proof,
    proof.from.rootHash,
    proof.to.rootHash,
  )
    ? null
    : 'INCONSISTENT';
}
