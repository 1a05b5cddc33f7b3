// Agreement certificates (issued once, verifiable by hand) and the published tree heads of the audit
// log with their inclusion and consistency proofs, against the real database.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  chainLeafHash,
  consistencyProblem,
  hashTreeHead,
  inclusionProblem,
  verifyCertificate,
  type InclusionProof,
  type SignedCertificate,
  type TreeHead,
} from '@pactroom/audit-chain';
import { CheckpointService } from '../../src/audit/checkpoint.service.js';
import {
  t,
  useAuditApp,
  token,
  sha256,
  ratifiedPact,
  verifyPact,
} from '../support/audit-fixture.js';
import { demoTokens, get, post } from '../support/pacts.js';

useAuditApp();

describe('certificate', () => {
  it('a flipped byte in a certificate → its signature fails', async () => {
    await ratifiedPact('Another pact in the log'); // so the certificate has others to leave out
    const id = await ratifiedPact('Certificate bytes');
    const res = await get(t, token('member.lab'), `/api/pacts/${id}/certificate`);
    expect(res.status).toBe(200);
    const certificate: SignedCertificate = res.body.certificate;
    const canonicalPayload: string = res.body.canonicalPayload;
    const publicKey = createPublicKey(res.body.publicKey as string);
    const signatureOf = (hash: string, signature: string) =>
      verify(null, Buffer.from(hash, 'utf8'), publicKey, Buffer.from(signature, 'base64'));

    // As issued: a member recomputes the hash with plain SHA-256 and checks the signature.
    expect(sha256(canonicalPayload)).toBe(certificate.hash);
    expect(sha256(res.body.canonicalTerms)).toBe(certificate.payload.revision.hash);
    expect(signatureOf(certificate.hash, certificate.signature)).toBe(true);
    expect(verifyCertificate(certificate, publicKey)).toEqual({ valid: true, problem: null });

    // One flipped bit in the canonical payload (the title's first letter: C → B).
    const at = canonicalPayload.indexOf('"title":"') + '"title":"'.length;
    const bytes = Buffer.from(canonicalPayload, 'utf8');
    bytes.writeUInt8((bytes[at] ?? 0) ^ 1, at);
    const flipped = bytes.toString('utf8');
    expect(JSON.parse(flipped)).toEqual({ ...certificate.payload, title: 'Bertificate bytes' });
    const flippedHash = sha256(flipped);
    expect(flippedHash).not.toBe(certificate.hash);
    expect(signatureOf(flippedHash, certificate.signature)).toBe(false);
    const tampered = { ...certificate, payload: JSON.parse(flipped) };
    expect(verifyCertificate(tampered, publicKey)).toEqual({
      valid: false,
      problem: 'HASH_MISMATCH',
    });
    // Re-hashing the altered payload does not help without the platform's key.
    expect(verifyCertificate({ ...tampered, hash: flippedHash }, publicKey)).toEqual({
      valid: false,
      problem: 'BAD_SIGNATURE',
    });

    // One flipped bit in the signature.
    const signature = Buffer.from(certificate.signature, 'base64');
    signature.writeUInt8((signature[10] ?? 0) ^ 1, 10);
    const badSignature = signature.toString('base64');
    expect(signatureOf(certificate.hash, badSignature)).toBe(false);
    expect(verifyCertificate({ ...certificate, signature: badSignature }, publicKey)).toEqual({
      valid: false,
      problem: 'BAD_SIGNATURE',
    });

    // One flipped hex digit of the hash.
    const hash = `${certificate.hash.slice(0, -1)}${certificate.hash.endsWith('0') ? '1' : '0'}`;
    expect(signatureOf(hash, certificate.signature)).toBe(false);
    expect(verifyCertificate({ ...certificate, hash }, publicKey).valid).toBe(false);

    // The certificate's chain head is the one logged under a signed tree head, proven by hand:
    // leaf hash = SHA-256(0x00 ‖ leaf JSON), then the audit path up to the signed root.
    const treeHead: TreeHead = res.body.treeHead;
    const inclusion: { leafIndex: number; leaf: InclusionProof['leaf']; leafJson: string } & {
      leafHash: string;
      auditPath: string[];
    } = res.body.inclusion;
    expect(inclusion.leaf).toEqual({ chain: id, ...certificate.payload.chainHead });
    expect(inclusion.leafHash).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from([0]), Buffer.from(inclusion.leafJson, 'utf8')]))
        .digest('hex'),
    );
    expect(inclusion.leafHash).toBe(chainLeafHash(inclusion.leaf));
    expect(signatureOf(treeHead.hash, treeHead.signature)).toBe(true);
    expect(
      sha256(JSON.stringify(treeHead, ['createdAt', 'prevHash', 'rootHash', 'seq', 'treeSize'])),
    ).toBe(treeHead.hash);
    expect(inclusionProblem({ treeHead, ...inclusion }, publicKey)).toBeNull();
    // Nothing in it names another pact.
    const others: { id: string }[] = await t.dataSource.query(
      'SELECT id FROM pacts WHERE id <> $1',
      [id],
    );
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((o) => res.text.includes(o.id))).toEqual([]);
  });

  it('is issued once and served byte for byte, whatever is renamed afterwards', async () => {
    const id = await ratifiedPact('Issued once');
    const first = await get(t, token('member.lab'), `/api/pacts/${id}/certificate`);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const signer: string = first.body.certificate.payload.signatures[0].userName;
    // An admin renames the officer who signed, and the local party.
    const signerId: string = first.body.certificate.payload.signatures[0].userId;
    const renamed = await t.http
      .patch(`/api/users/${signerId}`)
      .set('authorization', `Bearer ${token('admin')}`)
      .send({ name: 'Somebody Else' });
    expect(renamed.status).toBe(200);
    const again = await get(t, token('member.lab'), `/api/pacts/${id}/certificate`);
    expect(again.text).toBe(first.text);
    expect(again.body.certificate.payload.signatures[0].userName).toBe(signer);
    await t.http
      .patch(`/api/users/${signerId}`)
      .set('authorization', `Bearer ${token('admin')}`)
      .send({ name: signer });
  });

  it('a terminated pact gets a second certificate, attesting the termination', async () => {
    const id = await ratifiedPact('Terminated later');
    const ratified = await get(t, token('member.lab'), `/api/pacts/${id}/certificate`);
    expect(ratified.body.certificate.payload).toMatchObject({
      event: 'ratified',
      terminatedAt: null,
    });
    const ended = await post(t, token('officer.lab.lewes'), `/api/pacts/${id}/terminate`, {
      reason: 'Candidate selected',
    });
    expect(ended.body.status).toBe('terminated');
    const terminated = await get(t, token('member.lab'), `/api/pacts/${id}/certificate`);
    expect(terminated.body.certificate.payload).toMatchObject({
      event: 'terminated',
      chainHead: { seq: 6 },
      terminatedAt: expect.any(String),
    });
    expect(terminated.body.certificate.payload.ratifiedAt).toBe(
      ratified.body.certificate.payload.ratifiedAt,
    );
  });
});

describe('checkpoints', () => {
  it('publishes signed tree heads that name no pact, with inclusion and consistency proofs', async () => {
    const before = await t.app.get(CheckpointService).latest();
    const id = await ratifiedPact('Checkpointed');
    const res = await get(t, token('member.lab'), '/api/audit/checkpoints?limit=200');
    expect(res.status).toBe(200);
    const { algorithm, publicKey, keyId } = res.body;
    const items: TreeHead[] = res.body.items;
    expect(algorithm).toBe('Ed25519');
    const key = createPublicKey(publicKey as string);
    expect(key.asymmetricKeyType).toBe('ed25519');
    expect(keyId).toBe(
      createHash('sha256')
        .update(key.export({ type: 'spki', format: 'der' }))
        .digest('hex'),
    );
    // No pact id anywhere: tree heads are sizes and roots.
    const ids: { id: string }[] = await t.dataSource.query('SELECT id FROM pacts');
    expect(ids.filter((p) => res.text.includes(p.id))).toEqual([]);

    // Each tree head: seq, link to the previous, hash, and signature by the published key.
    expect(items.length).toBeGreaterThanOrEqual(1);
    let prevHash = '0'.repeat(64);
    for (const [i, head] of items.entries()) {
      expect(head.seq).toBe(i + 1);
      expect(head.prevHash).toBe(prevHash);
      expect(hashTreeHead(head)).toBe(head.hash);
      expect(
        verify(null, Buffer.from(head.hash, 'utf8'), key, Buffer.from(head.signature, 'base64')),
      ).toBe(true);
      prevHash = head.hash;
    }

    // The latest logs the ratified pact's head: a viewer's inclusion proof, and the pact's verify.
    const latest = items.at(-1) as TreeHead;
    const proof = await get(t, token('member.lab'), `/api/pacts/${id}/audit/proof`);
    expect(proof.status).toBe(200);
    expect(proof.body.treeHead).toEqual(latest);
    expect(proof.body.leaf).toMatchObject({ chain: id, seq: 5 });
    expect(inclusionProblem(proof.body as InclusionProof, publicKey as string)).toBeNull();
    expect(proof.body.auditPath.length).toBeLessThanOrEqual(
      Math.ceil(Math.log2(latest.treeSize)) + 1,
    );
    const verified = await verifyPact(id);
    expect(verified).toMatchObject({
      valid: true,
      checkpoint: { seq: latest.seq, valid: true, covered: true, loggedSeq: 5 },
    });

    // Consistency from the head before this pact to the latest: the log only grew.
    if (before) {
      const consistency = await get(
        t,
        token('member.lab'),
        `/api/audit/checkpoints/consistency?from=${before.seq}&to=${latest.seq}`,
      );
      expect(consistency.status).toBe(200);
      expect(consistencyProblem(consistency.body, publicKey as string)).toBeNull();
    }
    expect(
      (await get(t, token('member.lab'), `/api/audit/checkpoints/consistency?from=2&to=1`)).body
        .code,
    ).toBe('INVALID_CONSISTENCY_RANGE');

    // Someone who may not see the pact gets no proof of it.
    const green = (await demoTokens(t, ['member.green']))['member.green'] ?? '';
    expect((await get(t, green, `/api/pacts/${id}/audit/proof`)).status).toBe(404);

    // Another checkpoint with nothing moved writes nothing.
    expect(await t.app.get(CheckpointService).createCheckpoint()).toEqual(latest);
  });

  it('pages tree heads with the list convention', async () => {
    await ratifiedPact('Paged heads one');
    await ratifiedPact('Paged heads two');
    const first = await get(t, token('member.lab'), '/api/audit/checkpoints?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(
      t,
      token('member.lab'),
      `/api/audit/checkpoints?limit=1&cursor=${first.body.nextCursor as string}`,
    );
    expect(second.body.items[0].seq).toBe(first.body.items[0].seq + 1);
    expect((await get(t, token('member.lab'), '/api/audit/checkpoints?cursor=bad')).body.code).toBe(
      'INVALID_CURSOR',
    );
  });
});
