import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  appendEvent,
  appendLeaves,
  chainLeafHash,
  chainLeafJson,
  consistencyProblem,
  consistencyProofRanges,
  inclusionProblem,
  inclusionProofRanges,
  merkleLeafHash,
  rangeHash,
  signTreeHead,
  treeHeadProblem,
  verifyAuditTrail,
  verifyLog,
  type AuditEvent,
  type ChainLeaf,
  type SubtreeRef,
  type TreeHead,
} from './index.js';

const platform = generateKeyPairSync('ed25519');
const impostor = generateKeyPairSync('ed25519');
const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 9, minute));

function chain(pactId: string, n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < n; i++) {
    events.push(
      appendEvent(events.at(-1) ?? null, {
        pactId,
        action: 'pact.signed',
        actor: { userId: 'u1', role: 'officer', localPartyId: 'lp', party: 'lab', region: null },
        payload: { i },
        occurredAt: at(i).toISOString(),
      }),
    );
  }
  return events;
}

const leafAt = (events: readonly AuditEvent[], seq: number): ChainLeaf => {
  const e = events[seq - 1];
  if (!e) {
    throw new Error(`no event ${seq}`);
  }
  return { chain: e.pactId, seq: e.seq, hash: e.hash };
};

/** A log the way the app keeps it: leaves, stored complete subtrees, signed tree heads. */
class Log {
  readonly leaves: ChainLeaf[] = [];
  readonly heads: TreeHead[] = [];
  private readonly nodes = new Map<string, string>();
  readonly lookup = (r: SubtreeRef): string => {
    const hash = this.nodes.get(`${r.level}:${r.index}`);
    if (hash === undefined) {
      throw new Error(`missing ${r.level}:${r.index}`);
    }
    return hash;
  };

  checkpoint(leaves: readonly ChainLeaf[], minute: number): TreeHead {
    const { nodes, root } = appendLeaves(this.leaves.length, leaves, this.lookup);
    for (const n of nodes) {
      this.nodes.set(`${n.ref.level}:${n.ref.index}`, n.hash);
    }
    this.leaves.push(...leaves);
    const head = signTreeHead(
      this.heads.at(-1) ?? null,
      this.leaves.length,
      root,
      at(minute),
      platform.privateKey,
    );
    this.heads.push(head);
    return head;
  }

  inclusion(leafIndex: number, head: TreeHead) {
    const leaf = this.leaves[leafIndex];
    if (!leaf) {
      throw new Error('no leaf');
    }
    return {
      treeHead: head,
      leafIndex,
      leaf,
      auditPath: inclusionProofRanges(leafIndex, head.treeSize).map((r) =>
        rangeHash(r, this.lookup),
      ),
    };
  }

  consistency(from: TreeHead, to: TreeHead) {
    return {
      from,
      to,
      proof: consistencyProofRanges(from.treeSize, to.treeSize).map((r) =>
        rangeHash(r, this.lookup),
      ),
    };
  }
}

/** Three pacts; B moves on after the first checkpoint and is logged again. */
function scenario() {
  const a = chain('pact-a', 3);
  const b = chain('pact-b', 5);
  const c = chain('pact-c', 2);
  const log = new Log();
  const first = log.checkpoint([leafAt(a, 3), leafAt(b, 2), leafAt(c, 2)], 1);
  const second = log.checkpoint([leafAt(b, 5)], 2);
  const chains = new Map([
    ['pact-a', a],
    ['pact-b', b],
    ['pact-c', c],
  ]);
  return { a, b, c, log, first, second, chains };
}

describe('leaves', () => {
  it('hash the canonical JSON of {chain, hash, seq}, as anyone can recompute', () => {
    const leaf = { chain: 'p', seq: 2, hash: 'ab'.repeat(32) };
    expect(chainLeafJson(leaf)).toBe(`{"chain":"p","hash":"${'ab'.repeat(32)}","seq":2}`);
    expect(chainLeafHash(leaf)).toBe(merkleLeafHash(chainLeafJson(leaf)));
  });
});

describe('signed tree heads', () => {
  it('verify, and a forged or re-signed head does not', () => {
    const { first } = scenario();
    expect(treeHeadProblem(first, platform.publicKey)).toBeNull();
    expect(treeHeadProblem({ ...first, rootHash: 'f'.repeat(64) }, platform.publicKey)).toBe(
      'HASH_MISMATCH',
    );
    const byImpostor = signTreeHead(
      null,
      first.treeSize,
      first.rootHash,
      at(1),
      impostor.privateKey,
    );
    expect(treeHeadProblem(byImpostor, platform.publicKey)).toBe('BAD_SIGNATURE');
  });

  it('never shrink', () => {
    const { second } = scenario();
    expect(() => signTreeHead(second, 1, second.rootHash, at(3), platform.privateKey)).toThrow(
      /smaller/,
    );
  });
});

describe('inclusion and consistency proofs', () => {
  it('prove a viewer’s chain head is in a tree head, naming no other pact', () => {
    const { log, second } = scenario();
    const proof = log.inclusion(3, second);
    expect(proof.leaf.chain).toBe('pact-b');
    expect(inclusionProblem(proof, platform.publicKey)).toBeNull();
    const text = JSON.stringify(proof);
    expect(text).not.toContain('pact-a');
    expect(text).not.toContain('pact-c');
    // Logarithmic in the number of leaves.
    expect(proof.auditPath.length).toBeLessThanOrEqual(2);
  });

  it('refuse a leaf that is not the one logged', () => {
    const { log, second } = scenario();
    const proof = log.inclusion(3, second);
    expect(
      inclusionProblem({ ...proof, leaf: { ...proof.leaf, seq: 4 } }, platform.publicKey),
    ).toBe('NOT_INCLUDED');
    expect(
      inclusionProblem(
        { ...proof, treeHead: { ...second, signature: first64() } },
        platform.publicKey,
      ),
    ).toBe('BAD_SIGNATURE');
  });

  it('show a later tree head extends an earlier one, and catch a rewritten history', () => {
    const { log, first, second } = scenario();
    expect(consistencyProblem(log.consistency(first, second), platform.publicKey)).toBeNull();
    // A log that later showed another history of the first three leaves (C logged at seq 1).
    const forked = new Log();
    const { a, b, c } = scenario();
    const forkFirst = forked.checkpoint([leafAt(a, 3), leafAt(b, 2), leafAt(c, 1)], 1);
    const forkSecond = forked.checkpoint([leafAt(b, 5)], 2);
    expect(
      consistencyProblem(forked.consistency(forkFirst, forkSecond), platform.publicKey),
    ).toBeNull();
    const mixed = {
      from: first,
      to: forkSecond,
      proof: forked.consistency(forkFirst, forkSecond).proof,
    };
    expect(consistencyProblem(mixed, platform.publicKey)).toBe('INCONSISTENT');
  });
});

describe('verifyLog and verifyAuditTrail', () => {
  it('accept an untouched log', () => {
    const { log, chains } = scenario();
    expect(verifyLog(log.leaves, log.heads, chains, platform.publicKey)).toMatchObject({
      valid: true,
      leaves: 4,
      treeHeads: 2,
      latest: { seq: 2, treeSize: 4 },
    });
    const trail = verifyAuditTrail({ pacts: chains }, log.leaves, log.heads, platform.publicKey);
    expect(trail.valid).toBe(true);
    expect(trail.pacts.map((p) => [p.pactId, p.logged?.seq])).toEqual([
      ['pact-a', 3],
      ['pact-b', 5],
      ['pact-c', 2],
    ]);
  });

  it('catch a deleted pact, a truncated chain and a consistently rewritten tail', () => {
    const { log, chains, b } = scenario();
    const without = new Map(chains);
    without.delete('pact-c');
    expect(verifyLog(log.leaves, log.heads, without, platform.publicKey)).toMatchObject({
      valid: false,
      problem: 'CHAIN_TOO_SHORT',
      chain: 'pact-c',
    });
    expect(
      verifyAuditTrail({ pacts: without }, log.leaves, log.heads, platform.publicKey),
    ).toMatchObject({
      valid: false,
      missingPacts: ['pact-c'],
    });
    const truncated = new Map(chains).set('pact-b', b.slice(0, 4));
    expect(verifyLog(log.leaves, log.heads, truncated, platform.publicKey).problem).toBe(
      'CHAIN_TOO_SHORT',
    );
    // Rewrite B from seq 3 on with hashes recomputed: the chain verifies alone, not against the log.
    const prefix = b.slice(0, 2);
    const rewritten = [...prefix];
    for (let i = 2; i < 5; i++) {
      rewritten.push(
        appendEvent(rewritten.at(-1) ?? null, {
          pactId: 'pact-b',
          action: 'pact.signed',
          actor: { userId: 'u2', role: 'officer', localPartyId: 'lp', party: 'ld', region: null },
          payload: { i, forged: true },
          occurredAt: at(i).toISOString(),
        }),
      );
    }
    const forged = new Map(chains).set('pact-b', rewritten);
    expect(verifyLog(log.leaves, log.heads, forged, platform.publicKey)).toMatchObject({
      valid: false,
      problem: 'HEAD_MISMATCH',
      leafIndex: 3,
    });
  });

  it('catch leaves removed, changed or reordered after a head was signed, and forged heads', () => {
    const { log, chains } = scenario();
    const dropped = log.leaves.filter((l) => l.chain !== 'pact-c');
    expect(verifyLog(dropped, log.heads, chains, platform.publicKey)).toMatchObject({
      problem: 'ROOT_MISMATCH',
      treeHeadSeq: 1,
    });
    expect(verifyLog(log.leaves.slice(0, 3), log.heads, chains, platform.publicKey)).toMatchObject({
      problem: 'TREE_TOO_BIG',
      treeHeadSeq: 2,
    });
    const swapped = [log.leaves[1], log.leaves[0], ...log.leaves.slice(2)] as ChainLeaf[];
    expect(verifyLog(swapped, log.heads, chains, platform.publicKey)).toMatchObject({
      problem: 'ROOT_MISMATCH',
      treeHeadSeq: 1,
    });
    const heads = [...log.heads];
    heads[1] = signTreeHead(heads[0] ?? null, 4, 'a'.repeat(64), at(2), impostor.privateKey);
    expect(verifyLog(log.leaves, heads, chains, platform.publicKey).problem).toBe('BAD_SIGNATURE');
    expect(verifyLog(log.leaves, [log.heads[1]], chains, platform.publicKey).problem).toBe(
      'SEQ_MISMATCH',
    );
  });
});

function first64(): string {
  return Buffer.alloc(64).toString('base64');
}
