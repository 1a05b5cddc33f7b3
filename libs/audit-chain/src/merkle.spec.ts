import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  EMPTY_TREE_ROOT,
  completedSubtrees,
  consistencyProofRanges,
  inclusionProofRanges,
  merkleLeafHash,
  merkleNodeHash,
  perfectSubtrees,
  rangeHash,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  type SubtreeRef,
} from './merkle.js';

/** RFC 9162's MTH written straight from its definition, to check the range arithmetic against. */
function naiveRoot(leafHashes: readonly string[]): string {
  if (leafHashes.length === 0) {
    return EMPTY_TREE_ROOT;
  }
  if (leafHashes.length === 1) {
    return leafHashes[0] ?? EMPTY_TREE_ROOT;
  }
  let k = 1;
  while (k * 2 < leafHashes.length) {
    k *= 2;
  }
  return merkleNodeHash(naiveRoot(leafHashes.slice(0, k)), naiveRoot(leafHashes.slice(k)));
}

/** An append-only store of complete subtrees, built the way the app builds its table. */
function storeOf(leaves: readonly string[]) {
  const nodes = new Map<string, string>();
  const key = (r: SubtreeRef) => `${r.level}:${r.index}`;
  leaves.forEach((leaf, i) => {
    nodes.set(key({ level: 0, index: i }), merkleLeafHash(leaf));
    for (const { ref, left, right } of completedSubtrees(i)) {
      nodes.set(key(ref), merkleNodeHash(nodes.get(key(left)) ?? '', nodes.get(key(right)) ?? ''));
    }
  });
  const lookup = (r: SubtreeRef) => {
    const hash = nodes.get(key(r));
    if (hash === undefined) {
      throw new Error(`missing subtree ${key(r)}`);
    }
    return hash;
  };
  return { lookup, size: nodes.size };
}

const hashes = (
  ranges: readonly (readonly [number, number])[],
  lookup: (r: SubtreeRef) => string,
) => ranges.map((r) => rangeHash(r, lookup));

describe('RFC 6962 / 9162 test vectors', () => {
  // The Certificate Transparency reference implementation's eight leaves and the roots of their
  // first 1…8 leaves (merkle_tree_test.cc).
  const leaves = [
    '',
    '00',
    '10',
    '2021',
    '3031',
    '40414243',
    '5051525354555657',
    '606162636465666768696a6b6c6d6e6f',
  ];
  const roots = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];
  const leafHashes = leaves.map((hex) => merkleLeafHash(Buffer.from(hex, 'hex')));

  it.each(roots.map((root, i) => [i + 1, root] as const))('the root of %i leaves', (n, root) => {
    expect(naiveRoot(leafHashes.slice(0, n))).toBe(root);
  });

  it('the empty tree is SHA-256 of nothing', () => {
    expect(EMPTY_TREE_ROOT).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

const leafLists = fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 70 });

describe('a tree kept as complete subtrees', () => {
  it('gives every prefix the root of RFC 9162, from O(log n) stored subtrees', () => {
    fc.assert(
      fc.property(leafLists, (leaves) => {
        const { lookup } = storeOf(leaves);
        const leafHashes = leaves.map((l) => merkleLeafHash(l));
        for (let n = 1; n <= leaves.length; n++) {
          expect(treeRoot(n, lookup)).toBe(naiveRoot(leafHashes.slice(0, n)));
          expect(perfectSubtrees([0, n]).length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 1);
        }
      }),
    );
  });

  it('stores fewer than two nodes per leaf', () => {
    const { size } = storeOf(Array.from({ length: 1000 }, (_, i) => String(i)));
    expect(size).toBeLessThan(2000);
  });
});

describe('inclusion proofs', () => {
  it('prove every leaf of every tree size, and nothing else', () => {
    fc.assert(
      fc.property(leafLists, fc.nat(), (leaves, pick) => {
        const { lookup } = storeOf(leaves);
        const size = leaves.length;
        const root = treeRoot(size, lookup);
        const index = pick % size;
        const leafHash = merkleLeafHash(leaves[index] ?? '');
        const path = hashes(inclusionProofRanges(index, size), lookup);
        expect(path.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
        expect(verifyInclusion(leafHash, index, size, path, root)).toBe(true);
        // Another leaf's hash, another index, a changed path element or a shortened path: refused.
        expect(verifyInclusion(merkleLeafHash(`${leaves[index]}x`), index, size, path, root)).toBe(
          false,
        );
        if (size > 1) {
          const other = (index + 1) % size;
          if (leaves[other] !== leaves[index]) {
            expect(verifyInclusion(leafHash, other, size, path, root)).toBe(false);
          }
          const tampered = [...path];
          tampered[0] = merkleLeafHash('tampered');
          expect(verifyInclusion(leafHash, index, size, tampered, root)).toBe(false);
          expect(verifyInclusion(leafHash, index, size, path.slice(1), root)).toBe(false);
        }
        // (The size is not bound by the path alone — the signed tree head binds size and root.)
        expect(verifyInclusion(leafHash, index, size, path, merkleLeafHash('other'))).toBe(false);
      }),
    );
  });

  it('refuses indexes outside the tree and malformed hashes', () => {
    const { lookup } = storeOf(['a', 'b', 'c']);
    const root = treeRoot(3, lookup);
    expect(() => inclusionProofRanges(3, 3)).toThrow(RangeError);
    expect(verifyInclusion(merkleLeafHash('a'), 3, 3, [], root)).toBe(false);
    expect(verifyInclusion('not-a-hash', 0, 3, [], root)).toBe(false);
  });
});

describe('consistency proofs', () => {
  it('prove every older tree is a prefix of every newer one', () => {
    fc.assert(
      fc.property(leafLists, fc.nat(), fc.nat(), (leaves, a, b) => {
        const { lookup } = storeOf(leaves);
        const n = 1 + (a % leaves.length);
        const m = 1 + (b % n);
        const proof = hashes(consistencyProofRanges(m, n), lookup);
        const oldRoot = treeRoot(m, lookup);
        const newRoot = treeRoot(n, lookup);
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 1);
        expect(verifyConsistency(m, n, proof, oldRoot, newRoot)).toBe(true);
      }),
    );
  });

  it('catch an older tree that was rewritten, and a proof for other sizes', () => {
    fc.assert(
      fc.property(leafLists, fc.nat(), fc.nat(), fc.nat(), (leaves, a, b, c) => {
        fc.pre(leaves.length >= 2);
        const n = 2 + (a % (leaves.length - 1));
        const m = 1 + (b % (n - 1));
        const { lookup } = storeOf(leaves);
        const proof = hashes(consistencyProofRanges(m, n), lookup);
        const newRoot = treeRoot(n, lookup);
        // The history the platform showed before, with one leaf of it changed since.
        const rewritten = [...leaves];
        const at = c % m;
        rewritten[at] = `${rewritten[at]}!`;
        const forgedOld = treeRoot(m, storeOf(rewritten).lookup);
        expect(verifyConsistency(m, n, proof, forgedOld, newRoot)).toBe(false);
        expect(verifyConsistency(m, n, proof, treeRoot(m, lookup), merkleLeafHash('x'))).toBe(
          false,
        );
        if (m > 1) {
          expect(verifyConsistency(m - 1, n, proof, treeRoot(m - 1, lookup), newRoot)).toBe(false);
        }
      }),
    );
  });

  it('between equal sizes is empty, and refuses sizes that go backwards', () => {
    const { lookup } = storeOf(['a', 'b', 'c']);
    const root = treeRoot(3, lookup);
    expect(consistencyProofRanges(3, 3)).toEqual([]);
    expect(verifyConsistency(3, 3, [], root, root)).toBe(true);
    expect(() => consistencyProofRanges(3, 2)).toThrow(RangeError);
    expect(verifyConsistency(3, 2, [], root, root)).toBe(false);
  });
});
