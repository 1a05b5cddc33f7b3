import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  CheckpointError,
  GENESIS_HASH,
  SigningKeyError,
  appendEvent,
  createCheckpoint,
  hashCheckpoint,
  hashEvent,
  signHash,
  publicKeyPem,
  verifyAuditTrail,
  verifyChain,
  verifyChainAgainstCheckpoint,
  verifyCheckpoints,
  type AuditEvent,
  type ChainHeads,
  type Checkpoint,
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

const headOf = (events: readonly AuditEvent[]) => {
  const last = events.at(-1);
  if (last === undefined) {
    throw new Error('empty chain');
  }
  return { seq: last.seq, hash: last.hash };
};

/** Rewrites events from `fromSeq` on with new content and recomputed, consistent hashes. */
function rewriteTail(events: readonly AuditEvent[], fromSeq: number): AuditEvent[] {
  const kept = events.filter((e) => e.seq < fromSeq);
  for (const e of events.filter((x) => x.seq >= fromSeq)) {
    const { hash: _h, seq: _s, prevHash: _p, ...content } = e;
    kept.push(appendEvent(kept.at(-1) ?? null, { ...content, payload: { forged: true } }));
  }
  return kept;
}

function checkpointChain(snapshots: readonly ChainHeads[]): Checkpoint[] {
  const out: Checkpoint[] = [];
  snapshots.forEach((heads, i) => {
    out.push(createCheckpoint(out.at(-1) ?? null, heads, at(30 + i), platform.privateKey));
  });
  return out;
}

describe('checkpoints', () => {
  const a = chain('pact-a', 5);
  const b = chain('pact-b', 2);
  const checkpoints = checkpointChain([
    { 'pact-a': headOf(a.slice(0, 3)) },
    { 'pact-a': headOf(a), 'pact-b': headOf(b) },
  ]);

  it('form a signed hash chain that verifies with the public key (KeyObject or PEM)', () => {
    expect(checkpoints[0]).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(checkpoints[1]?.prevHash).toBe(checkpoints[0]?.hash);
    for (const key of [platform.publicKey, publicKeyPem(platform.publicKey), platform.privateKey]) {
      expect(verifyCheckpoints(checkpoints, key)).toMatchObject({
        valid: true,
        checkpoints: 2,
        head: { seq: 2 },
      });
    }
  });

  it('accept PEM private keys when signing', () => {
    const pem = platform.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cp = createCheckpoint(null, {}, at(0), pem);
    expect(verifyCheckpoints([cp], platform.publicKey).valid).toBe(true);
  });

  it('refuse keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => createCheckpoint(null, {}, at(0), rsa.privateKey)).toThrow(SigningKeyError);
    expect(() => verifyCheckpoints(checkpoints, rsa.publicKey)).toThrow(SigningKeyError);
  });

  it.each([
    ['another key', (c: Checkpoint[]) => c, impostor.publicKey, 1, 'BAD_SIGNATURE'],
    [
      'edited heads',
      (c: Checkpoint[]) =>
        c.map((x) => (x.seq === 2 ? { ...x, heads: { 'pact-a': headOf(a) } } : x)),
      platform.publicKey,
      2,
      'HASH_MISMATCH',
    ],
    [
      'a re-hashed checkpoint without a new signature',
      (c: Checkpoint[]) =>
        c.map((x) =>
          x.seq === 2
            ? createCheckpoint(c[0] ?? null, { 'pact-a': headOf(a) }, at(31), impostor.privateKey)
            : x,
        ),
      platform.publicKey,
      2,
      'BAD_SIGNATURE',
    ],
    [
      'a deleted checkpoint',
      (c: Checkpoint[]) => c.slice(1),
      platform.publicKey,
      1,
      'SEQ_MISMATCH',
    ],
    [
      'a flipped signature byte',
      (c: Checkpoint[]) =>
        c.map((x) => {
          const bytes = Buffer.from(x.signature, 'base64');
          bytes[10] = (bytes[10] ?? 0) ^ 1;
          return { ...x, signature: bytes.toString('base64') };
        }),
      platform.publicKey,
      1,
      'BAD_SIGNATURE',
    ],
  ])('detect %s', (_name, tamper, key, brokenSeq, problem) => {
    expect(verifyCheckpoints(tamper(checkpoints), key)).toMatchObject({
      valid: false,
      firstBrokenSeq: brokenSeq,
      problem,
    });
  });

  it('detect a pact dropped between checkpoints, even when each is properly signed', () => {
    const first = createCheckpoint(null, { 'pact-a': headOf(a) }, at(0), platform.privateKey);
    // Someone holding the key signs a snapshot without pact-a, bypassing createCheckpoint's guard.
    const body = { seq: 2, prevHash: first.hash, createdAt: at(1).toISOString(), heads: {} };
    const hash = hashCheckpoint(body);
    const second = { ...body, hash, signature: signHash(hash, platform.privateKey) };
    expect(verifyCheckpoints([first, second], platform.publicKey)).toMatchObject({
      valid: false,
      firstBrokenSeq: 2,
      problem: 'HEAD_REGRESSED',
      pactId: 'pact-a',
    });
  });

  it('refuse to sign a snapshot in which a head regressed or vanished', () => {
    const [first] = checkpoints;
    if (first === undefined) {
      throw new Error('no checkpoint');
    }
    expect(() => createCheckpoint(first, {}, at(40), platform.privateKey)).toThrow(CheckpointError);
    expect(() =>
      createCheckpoint(first, { 'pact-a': headOf(a.slice(0, 2)) }, at(40), platform.privateKey),
    ).toThrow(CheckpointError);
    expect(() =>
      createCheckpoint(first, { 'pact-a': { seq: 3, hash: 'nope' } }, at(40), platform.privateKey),
    ).toThrow(CheckpointError);
  });
});

describe('verifyChainAgainstCheckpoint', () => {
  const events = chain('pact-a', 5);
  const checkpoint = createCheckpoint(
    null,
    { 'pact-a': headOf(events.slice(0, 4)) },
    at(50),
    platform.privateKey,
  );

  it('accepts the chain that was checkpointed, and its later growth', () => {
    expect(verifyChainAgainstCheckpoint(events, checkpoint)).toMatchObject({
      valid: true,
      covered: true,
      problem: null,
    });
  });

  it('catches a consistent tail rewrite that verifyChain alone accepts', () => {
    const forged = rewriteTail(events, 3);
    expect(verifyChain(forged).valid).toBe(true);
    expect(verifyChainAgainstCheckpoint(forged, checkpoint)).toMatchObject({
      valid: false,
      problem: 'HEAD_MISMATCH',
      expected: { seq: 4 },
    });
  });

  it('accepts a rewrite only after the checkpointed seq (a later checkpoint would catch it)', () => {
    expect(verifyChainAgainstCheckpoint(rewriteTail(events, 5), checkpoint).valid).toBe(true);
  });

  it('catches a truncated chain and a deleted pact', () => {
    expect(verifyChainAgainstCheckpoint(events.slice(0, 3), checkpoint)).toMatchObject({
      valid: false,
      problem: 'CHAIN_TOO_SHORT',
    });
    expect(verifyChainAgainstCheckpoint([], checkpoint, 'pact-a').problem).toBe('CHAIN_TOO_SHORT');
  });

  it('has nothing to say about a pact the checkpoint does not cover', () => {
    expect(verifyChainAgainstCheckpoint(chain('pact-new', 1), checkpoint)).toMatchObject({
      valid: true,
      covered: false,
    });
    expect(verifyChainAgainstCheckpoint(chain('constructor', 1), checkpoint).covered).toBe(false);
  });

  it('compares stored hashes only: modified content is verifyChain’s job', () => {
    const modified = events.map((e) => (e.seq === 2 ? { ...e, payload: 'x' } : e));
    expect(verifyChainAgainstCheckpoint(modified, checkpoint).valid).toBe(true);
    expect(verifyChain(modified).firstBrokenSeq).toBe(2);
    const e2 = modified[1];
    expect(e2 === undefined ? '' : hashEvent(e2)).not.toBe(e2?.hash);
  });
});

describe('verifyAuditTrail', () => {
  const a = chain('pact-a', 4);
  const b = chain('pact-b', 2);
  const checkpoints = checkpointChain([{ 'pact-a': headOf(a), 'pact-b': headOf(b) }]);
  const chains = (entries: [string, AuditEvent[]][]) => new Map(entries);

  it('accepts an untouched trail, including pacts created after the last checkpoint', () => {
    const result = verifyAuditTrail(
      chains([
        ['pact-a', a],
        ['pact-b', b],
        ['pact-c', chain('pact-c', 1)],
      ]),
      checkpoints,
      platform.publicKey,
    );
    expect(result.valid).toBe(true);
    expect(result.pacts.map((p) => [p.pactId, p.checkpoint?.covered])).toEqual([
      ['pact-a', true],
      ['pact-b', true],
      ['pact-c', false],
    ]);
  });

  it('names a deleted pact', () => {
    const result = verifyAuditTrail(chains([['pact-a', a]]), checkpoints, platform.publicKey);
    expect(result.valid).toBe(false);
    expect(result.missingPacts).toEqual(['pact-b']);
  });

  it('names a rewritten chain', () => {
    const result = verifyAuditTrail(
      chains([
        ['pact-a', rewriteTail(a, 2)],
        ['pact-b', b],
      ]),
      checkpoints,
      platform.publicKey,
    );
    expect(result.valid).toBe(false);
    expect(result.pacts.find((p) => p.pactId === 'pact-a')?.checkpoint?.problem).toBe(
      'HEAD_MISMATCH',
    );
  });
});
