import { createHash } from 'node:crypto';

// A Merkle tree over an append-only list of leaves, exactly as RFC 9162 (Certificate Transparency
// 2.0) §2.1 defines it: leaf hash SHA-256(0x00 ‖ leaf), node hash SHA-256(0x01 ‖ left ‖ right), the
// tree over n leaves split at the largest power of two below n. Hashes are lowercase hex here so
// they read like every other hash of the audit trail; the bytes hashed are the raw 32-byte values.
//
// The proofs are built from *ranges* of leaves, so the app can keep the hashes of the complete
// ("perfect") subtrees in a table and answer any proof with O(log² n) look-ups instead of hashing
// every leaf: `perfectSubtrees` names the stored nodes a range needs, `rangeHash` combines them.

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);
const HEX_HASH = /^[0-9a-f]{64}$/;

/** RFC 9162 leaf hash of the leaf's bytes (a string is hashed as UTF-8). */
export function merkleLeafHash(leaf: string | Uint8Array): string {
  const bytes = typeof leaf === 'string' ? Buffer.from(leaf, 'utf8') : leaf;
  return createHash('sha256').update(LEAF_PREFIX).update(bytes).digest('hex');
}

/** RFC 9162 interior node hash of two child hashes. */
export function merkleNodeHash(left: string, right: string): string {
  return createHash('sha256')
    .update(NODE_PREFIX)
    .update(Buffer.from(left, 'hex'))
    .update(Buffer.from(right, 'hex'))
    .digest('hex');
}

/** SHA-256 of no input: RFC 9162's root of the empty tree. */
export const EMPTY_TREE_ROOT = createHash('sha256').digest('hex');

/** The largest power of two strictly below `n` (n ≥ 2): where RFC 9162 splits a tree. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

/** A half-open range of leaf indexes, `[start, end)`. */
export type LeafRange = readonly [start: number, end: number];

/** A complete subtree of 2^level leaves starting at leaf `index × 2^level`; level 0 is a leaf. */
export interface SubtreeRef {
  readonly level: number;
  readonly index: number;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * The complete subtrees whose hashes `rangeHash` needs for `[start, end)`, left to right. Every
 * range a proof asks for starts at a multiple of the smallest power of two ≥ its size (RFC 9162's
 * recursion keeps that), so its left parts are stored complete subtrees.
 */
export function perfectSubtrees([start, end]: LeafRange): SubtreeRef[] {
  const size = end - start;
  if (size <= 0) {
    throw new RangeError(`empty leaf range [${start}, ${end})`);
  }
  if (isPowerOfTwo(size) && start % size === 0) {
    return [{ level: Math.log2(size), index: start / size }];
  }
  const k = splitPoint(size);
  return [...perfectSubtrees([start, start + k]), ...perfectSubtrees([start + k, end])];
}

/** Looks up a stored complete subtree's hash; throws if the store lacks it. */
export type SubtreeLookup = (ref: SubtreeRef) => string;

/** RFC 9162 MTH of the leaves `[start, end)`, from complete-subtree hashes. */
export function rangeHash([start, end]: LeafRange, lookup: SubtreeLookup): string {
  const size = end - start;
  if (isPowerOfTwo(size) && start % size === 0) {
    return lookup({ level: Math.log2(size), index: start / size });
  }
  const k = splitPoint(size);
  return merkleNodeHash(rangeHash([start, start + k], lookup), rangeHash([start + k, end], lookup));
}

/** The root of a tree of `size` leaves (the empty tree's root for 0). */
export function treeRoot(size: number, lookup: SubtreeLookup): string {
  return size === 0 ? EMPTY_TREE_ROOT : rangeHash([0, size], lookup);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) as the leaf ranges whose hashes form the inclusion proof. */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  }
  const ranges: LeafRange[] = [];
  const walk = (m: number, start: number, end: number): void => {
    if (end - start <= 1) {
      return;
    }
    const k = splitPoint(end - start);
    if (m < k) {
      walk(m, start, start + k);
      ranges.push([start + k, end]);
    } else {
      walk(m - k, start + k, end);
      ranges.push([start, start + k]);
    }
  };
  walk(index, 0, size);
  return ranges;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) as the leaf ranges whose hashes form the consistency proof. */
export function consistencyProofRanges(oldSize: number, newSize: number): LeafRange[] {
  if (!Number.isInteger(oldSize) || oldSize < 1 || oldSize > newSize) {
    throw new RangeError(`no consistency proof from ${oldSize} to ${newSize} leaves`);
  }
  const ranges: LeafRange[] = [];
  const sub = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) {
        ranges.push([start, end]);
      }
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, whole);
      ranges.push([start + k, end]);
    } else {
      sub(m - k, start + k, end, false);
      ranges.push([start, start + k]);
    }
  };
  sub(oldSize, 0, newSize, true);
  return ranges;
}

const isOdd = (n: number) => n % 2 === 1;

/**
 * RFC 9162 §2.1.3.2: whether `path` proves the leaf with hash `leafHash` at `index` is in the tree
 * of `size` leaves with root `root`. Pure arithmetic on hashes; anyone can rerun it.
 */
export function verifyInclusion(
  leafHash: string,
  index: number,
  size: number,
  path: readonly string[],
  root: string,
): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) {
    return false;
  }
  if (![leafHash, root, ...path].every((h) => HEX_HASH.test(h))) {
    return false;
  }
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) {
      return false;
    }
    if (isOdd(fn) || fn === sn) {
      r = merkleNodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = merkleNodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r === root;
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` shows the tree of `newSize` leaves (root `newRoot`) extends
 * the tree of `oldSize` leaves (root `oldRoot`) — nothing removed, reordered or rewritten.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly string[],
  oldRoot: string,
  newRoot: string,
): boolean {
  if (!Number.isInteger(oldSize) || !Number.isInteger(newSize) || oldSize < 1) {
    return false;
  }
  if (oldSize > newSize || ![oldRoot, newRoot, ...proof].every((h) => HEX_HASH.test(h))) {
    return false;
  }
  if (oldSize === newSize) {
    return proof.length === 0 && oldRoot === newRoot;
  }
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  const [first, ...rest] = path;
  if (first === undefined) {
    return false;
  }
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) {
      return false;
    }
    if (isOdd(fn) || fn === sn) {
      fr = merkleNodeHash(c, fr);
      sr = merkleNodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = merkleNodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr === oldRoot && sr === newRoot && sn === 0;
}

/**
 * The complete subtrees that appending leaf `index` (0-based) completes, bottom-up, with their
 * children: what the app stores so later proofs need no re-hashing. Level 0 (the leaf itself) is
 * not included.
 */
export function completedSubtrees(
  index: number,
): { readonly ref: SubtreeRef; readonly left: SubtreeRef; readonly right: SubtreeRef }[] {
  const done = [];
  for (let level = 1; (index + 1) % 2 ** level === 0; level++) {
    const at = (index + 1) / 2 ** level - 1;
    done.push({
      ref: { level, index: at },
      left: { level: level - 1, index: 2 * at },
      right: { level: level - 1, index: 2 * at + 1 },
    });
  }
  return done;
}
