// Tamper tests against the real database (DESIGN.md "Audit trail"): what the append-only triggers
// refuse, and what verification finds when a superuser goes around them. Every tampering test
// snapshots the rows it touches and puts them back, so the tests stay independent of each other.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  appendEvent,
  chainLeafHash,
  consistencyProblem,
  hashTreeHead,
  inclusionProblem,
  verifyCertificate,
  verifyChain,
  type AuditEvent,
  type InclusionProof,
  type SignedCertificate,
  type TreeHead,
} from '@pactroom/audit-chain';
import type { PactVerification } from '../../src/audit/audit.service.js';
import { CheckpointService } from '../../src/audit/checkpoint.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  HASTINGS_FOR_LEWES,
  demoTokens,
  get,
  inAMonth,
  localPartyId,
  post,
} from '../support/pacts.js';

let t: TestApp;
let as: Record<string, string>;
let ldHastings: string;
let labLewes: string;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  as = await demoTokens(t, [
    'officer.ld.hastings',
    'officer.lab.lewes',
    'coord.ld.southeast',
    'coord.lab.southeast',
    'member.lab',
    'admin',
  ]);
  ldHastings = await localPartyId(t, 'Hastings and Rye Liberal Democrats');
  labLewes = await localPartyId(t, 'Lewes Labour');
});
afterAll(async () => {
  await t.close();
});

const token = (who: string) => as[who] ?? '';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The actions of a pact proposed by one side, signed by the other and approved by both regions. */
const RATIFIED_ACTIONS = [
  'pact.drafted',
  'pact.proposed',
  'pact.signed',
  'pact.approved',
  'pact.approved',
];

/** Hastings-for-Lewes, proposed, signed and approved by both South East coordinators. */
async function ratifiedPact(title: string): Promise<string> {
  const created = await post(t, token('officer.ld.hastings'), '/api/pacts', {
    title,
    election: 'ge2017',
    localParties: [ldHastings, labLewes],
    terms: HASTINGS_FOR_LEWES,
    respondBy: inAMonth(),
    propose: true,
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const revision = { revision: created.body.revision.number, hash: created.body.revision.hash };
  const signed = await post(t, token('officer.lab.lewes'), `/api/pacts/${id}/sign`, revision);
  expect(signed.body.status).toBe('signed');
  const ld = await post(t, token('coord.ld.southeast'), `/api/pacts/${id}/approve`, revision);
  expect(ld.body.status).toBe('signed');
  const lab = await post(t, token('coord.lab.southeast'), `/api/pacts/${id}/approve`, revision);
  expect(lab.status).toBe(200);
  expect(lab.body.status).toBe('ratified');
  return id;
}

const auditOf = async (id: string): Promise<AuditEvent[]> => {
  const res = await get(t, token('member.lab'), `/api/pacts/${id}/audit`);
  expect(res.status).toBe(200);
  const items: AuditEvent[] = res.body.items;
  return items;
};

const verifyPact = async (id: string): Promise<PactVerification> => {
  const res = await get(t, token('member.lab'), `/api/pacts/${id}/audit/verify`);
  expect(res.status).toBe(200);
  const body: PactVerification = res.body;
  return body;
};

interface PactTrail {
  pactId: string;
  valid: boolean;
  events: number;
  firstBrokenSeq: number | null;
  problem: string | null;
  logged: { leafIndex: number; seq: number } | null;
}

const verifyAll = async () => {
  const res = await get(t, token('admin'), '/api/audit/verify');
  expect(res.status).toBe(200);
  const body: {
    valid: boolean;
    log: {
      valid: boolean;
      problem: string | null;
      treeHeadSeq: number | null;
      leafIndex: number | null;
      chain: string | null;
    };
    pacts: PactTrail[];
    missingPacts: string[];
  } = res.body;
  return { ...body, pact: (id: string) => body.pacts.find((p) => p.pactId === id) };
};

/**
 * Runs SQL as a superuser who goes around the append-only triggers: inside one transaction with
 * `session_replication_role = replica`, under which ordinary triggers (the guards, and the foreign
 * keys) do not fire. `SET LOCAL` ends with the transaction, so the guards are back at commit.
 */
async function tamper(statements: [sql: string, params?: unknown[]][]): Promise<void> {
  await t.dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL session_replication_role = replica');
    for (const [sql, params] of statements) {
      await manager.query(sql, params);
    }
  });
}

/** The rows of `table` whose `key` is `value`, as JSON text. */
async function rowsOf(table: string, key: string, value: unknown): Promise<string> {
  const [row]: { rows: string }[] = await t.dataSource.query(
    `SELECT coalesce(jsonb_agg(to_jsonb(r)), '[]')::text AS rows FROM "${table}" r WHERE ${key} = $1`,
    [value],
  );
  return row?.rows ?? '[]';
}

/**
 * Snapshots the rows of each `[table, key]` whose key is `value`; the returned function puts
 * exactly those rows back, going around the guards like {@link tamper}.
 */
async function snapshot(
  value: unknown,
  tables: readonly (readonly [table: string, key: string])[],
): Promise<() => Promise<void>> {
  const saved: [table: string, key: string, rows: string][] = [];
  for (const [table, key] of tables) {
    saved.push([table, key, await rowsOf(table, key, value)]);
  }
  return () =>
    tamper(
      saved.flatMap(([table, key, rows]): [string, unknown[]][] => [
        [`DELETE FROM "${table}" WHERE ${key} = $1`, [value]],
        [
          `INSERT INTO "${table}" OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`,
          [rows],
        ],
      ]),
    );
}

const EVENTS = [['audit_events', 'pact_id']] as const;
/** Every row of a pact, children before parents. */
const WHOLE_PACT = [
  ['audit_events', 'pact_id'],
  ['pact_approvals', 'pact_id'],
  ['pact_signatures', 'pact_id'],
  ['pact_stand_asides', 'pact_id'],
  ['pact_revisions', 'pact_id'],
  ['pact_participants', 'pact_id'],
  ['pacts', 'id'],
] as const;

describe('append-only triggers', () => {
  it('refuse a superuser UPDATE, DELETE and TRUNCATE of audit events, revisions and signatures', async () => {
    const id = await ratifiedPact('Trigger guard');
    const refusals: [table: string, sql: string][] = [
      ['audit_events', `UPDATE audit_events SET payload = '{}' WHERE pact_id = $1`],
      ['audit_events', `UPDATE audit_events SET hash = repeat('0', 64) WHERE pact_id = $1`],
      ['audit_events', `DELETE FROM audit_events WHERE pact_id = $1 AND seq = 3`],
      ['audit_events', 'TRUNCATE audit_events'],
      ['pact_revisions', `UPDATE pact_revisions SET canonical_terms = '{}' WHERE pact_id = $1`],
      ['pact_revisions', `DELETE FROM pact_revisions WHERE pact_id = $1`],
      ['pact_revisions', 'TRUNCATE pact_revisions CASCADE'],
      ['pact_signatures', `UPDATE pact_signatures SET signed_at = now() WHERE pact_id = $1`],
      ['pact_signatures', `DELETE FROM pact_signatures WHERE pact_id = $1`],
      ['pact_signatures', 'TRUNCATE pact_signatures'],
      ['pact_approvals', `DELETE FROM pact_approvals WHERE pact_id = $1`],
      ['audit_checkpoints', 'TRUNCATE audit_checkpoints'],
      ['audit_log_leaves', `DELETE FROM audit_log_leaves WHERE chain_id = $1`],
      ['audit_log_leaves', 'TRUNCATE audit_log_leaves'],
      ['audit_tree_nodes', `UPDATE audit_tree_nodes SET hash = repeat('0', 64)`],
      ['audit_tree_heads', `UPDATE audit_tree_heads SET root_hash = repeat('0', 64)`],
      ['audit_tree_heads', 'DELETE FROM audit_tree_heads'],
      ['pact_certificates', `UPDATE pact_certificates SET body = '{}' WHERE pact_id = $1`],
    ];
    for (const [table, sql] of refusals) {
      const params = sql.includes('$1') ? [id] : [];
      await expect(t.dataSource.query(sql, params)).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(
          new RegExp(`^(UPDATE|DELETE|TRUNCATE) on ${table} is not allowed: .*append-only`),
        ),
      });
    }
    // The pact row itself cannot go while its events reference it.
    await expect(t.dataSource.query('DELETE FROM pacts WHERE id = $1', [id])).rejects.toMatchObject(
      { code: '23503' },
    );

    // Nothing changed: the trail still verifies, chain and checkpoint.
    expect((await auditOf(id)).map((e) => e.action)).toEqual(RATIFIED_ACTIONS);
    expect(await verifyPact(id)).toMatchObject({
      valid: true,
      events: 5,
      firstBrokenSeq: null,
      checkpoint: { covered: true, valid: true },
    });
    const [{ count }]: { count: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM pact_signatures WHERE pact_id = $1',
      [id],
    );
    expect(count).toBe(2);
  });
});

describe('tampering found by verify', () => {
  it('a superuser UPDATE of one event → verify names its seq', async () => {
    const id = await ratifiedPact('Edited event');
    const restore = await snapshot(id, EVENTS);
    try {
      // seq 3 is Lewes Labour's signature: claim they signed revision 2.
      await tamper([
        [
          `UPDATE audit_events SET payload = jsonb_set(payload, '{revision}', '2') WHERE pact_id = $1 AND seq = 3`,
          [id],
        ],
      ]);
      // The guard is back once the tampering transaction committed.
      await expect(
        t.dataSource.query('UPDATE audit_events SET payload = payload WHERE pact_id = $1', [id]),
      ).rejects.toThrow(/append-only/);

      expect((await auditOf(id))[2]?.payload).toMatchObject({ revision: 2 });
      expect(await verifyPact(id)).toMatchObject({
        valid: false,
        events: 5,
        firstBrokenSeq: 3,
        problem: 'HASH_MISMATCH',
        head: { seq: 2 },
      });
      const all = await verifyAll();
      expect(all.valid).toBe(false);
      expect(all.missingPacts).toEqual([]);
      expect(all.pact(id)).toMatchObject({
        valid: false,
        firstBrokenSeq: 3,
        problem: 'HASH_MISMATCH',
      });
    } finally {
      await restore();
    }
    expect(await verifyPact(id)).toMatchObject({ valid: true, firstBrokenSeq: null });
  });

  it('a deleted event → gap found at its seq', async () => {
    const id = await ratifiedPact('Deleted event');
    const restore = await snapshot(id, EVENTS);
    try {
      await tamper([[`DELETE FROM audit_events WHERE pact_id = $1 AND seq = 3`, [id]]]);
      expect((await auditOf(id)).map((e) => e.seq)).toEqual([1, 2, 4, 5]);
      expect(await verifyPact(id)).toMatchObject({
        valid: false,
        events: 4,
        firstBrokenSeq: 3,
        problem: 'SEQ_MISMATCH',
        head: { seq: 2 },
      });
      const all = await verifyAll();
      expect(all.valid).toBe(false);
      expect(all.pact(id)).toMatchObject({
        valid: false,
        firstBrokenSeq: 3,
        problem: 'SEQ_MISMATCH',
      });
    } finally {
      await restore();
    }
    expect(await verifyPact(id)).toMatchObject({ valid: true, events: 5 });
  });

  it('a deleted tail → the chain alone looks fine, the checkpoint finds it short', async () => {
    const id = await ratifiedPact('Deleted tail');
    const restore = await snapshot(id, EVENTS);
    try {
      await tamper([[`DELETE FROM audit_events WHERE pact_id = $1 AND seq = 5`, [id]]]);
      expect(verifyChain(await auditOf(id))).toMatchObject({ valid: true, head: { seq: 4 } });
      expect(await verifyPact(id)).toMatchObject({
        valid: false,
        events: 4,
        firstBrokenSeq: null,
        problem: 'CHAIN_TOO_SHORT',
        checkpoint: { covered: true, valid: false, problem: 'CHAIN_TOO_SHORT' },
      });
    } finally {
      await restore();
    }
    expect(await verifyPact(id)).toMatchObject({ valid: true, events: 5 });
  });

  it('a consistent tail rewrite → caught by the checkpoint', async () => {
    const id = await ratifiedPact('Rewritten tail');
    const before = await auditOf(id);
    const [previous, last] = before.slice(-2);
    if (!previous || !last) {
      throw new Error('expected a ratified chain');
    }
    // The checkpoint written after the ratification logged the head.
    const checkpoints = t.app.get(CheckpointService);
    const checkpoint = await checkpoints.latest();
    const logged = checkpoint && (await checkpoints.inclusionProof(id, checkpoint));
    expect(logged?.leaf).toEqual({ chain: id, seq: 5, hash: last.hash });

    // Forge the final approval as if it had not ratified, and re-hash it consistently.
    const forged = appendEvent(
      { seq: previous.seq, hash: previous.hash },
      { ...last, payload: { ...(last.payload as object), to: 'signed' } },
    );
    expect(forged.seq).toBe(5);
    expect(forged.hash).not.toBe(last.hash);
    const restore = await snapshot(id, EVENTS);
    try {
      await tamper([
        [
          'UPDATE audit_events SET payload = $1::jsonb, hash = $2 WHERE pact_id = $3 AND seq = $4',
          [JSON.stringify(forged.payload), forged.hash, id, forged.seq],
        ],
      ]);
      // The chain on its own is self-consistent: verifyChain alone would pass.
      const after = await auditOf(id);
      expect(after[4]).toEqual(forged);
      expect(verifyChain(after)).toEqual({
        valid: true,
        events: 5,
        head: { seq: 5, hash: forged.hash },
        firstBrokenSeq: null,
        problem: null,
      });
      // The server's verify agrees about the chain but not about the checkpoint.
      expect(await verifyPact(id)).toEqual({
        valid: false,
        events: 5,
        head: { seq: 5, hash: forged.hash },
        firstBrokenSeq: null,
        problem: 'HEAD_MISMATCH',
        checkpoint: {
          seq: checkpoint?.seq,
          treeSize: checkpoint?.treeSize,
          covered: true,
          leafIndex: logged?.leafIndex,
          loggedSeq: 5,
          valid: false,
          problem: 'HEAD_MISMATCH',
        },
      });
      const all = await verifyAll();
      expect(all.valid).toBe(false);
      expect(all.pact(id)).toMatchObject({ valid: true, problem: null, logged: { seq: 5 } });
      expect(all.log).toMatchObject({ valid: false, problem: 'HEAD_MISMATCH', chain: id });
      // And the platform refuses to sign a tree head that would bless the rewrite.
      await expect(checkpoints.createCheckpoint()).rejects.toThrow(
        /changed after they were logged/,
      );
    } finally {
      await restore();
    }
    expect(await verifyPact(id)).toMatchObject({ valid: true, head: { seq: 5, hash: last.hash } });
  });

  it('a deleted pact → the log still holds its head', async () => {
    const id = await ratifiedPact('Deleted pact');
    const checkpoint = await t.app.get(CheckpointService).latest();
    const logged =
      checkpoint && (await t.app.get(CheckpointService).inclusionProof(id, checkpoint));
    expect(logged?.leaf).toMatchObject({ seq: 5 });
    const restore = await snapshot(id, WHOLE_PACT);
    try {
      // First its events only: the pact is there with an empty chain.
      await tamper([['DELETE FROM audit_events WHERE pact_id = $1', [id]]]);
      expect(await verifyPact(id)).toMatchObject({
        valid: false,
        events: 0,
        head: null,
        problem: 'CHAIN_TOO_SHORT',
        checkpoint: { covered: true, valid: false },
      });
      let all = await verifyAll();
      expect(all.valid).toBe(false);
      expect(all.missingPacts).toEqual([id]);

      // Then every row of the pact: the API no longer knows it, the log still does.
      await tamper(
        WHOLE_PACT.map(([table, key]): [string, unknown[]] => [
          `DELETE FROM "${table}" WHERE ${key} = $1`,
          [id],
        ]),
      );
      expect((await get(t, token('member.lab'), `/api/pacts/${id}`)).status).toBe(404);
      all = await verifyAll();
      expect(all.valid).toBe(false);
      expect(all.missingPacts).toEqual([id]);
      expect(all.pact(id)).toMatchObject({ events: 0, logged: { seq: 5 } });
      expect(all.log).toMatchObject({ valid: false, problem: 'CHAIN_TOO_SHORT', chain: id });
      await expect(t.app.get(CheckpointService).createCheckpoint()).rejects.toThrow(
        /changed after they were logged/,
      );
    } finally {
      await restore();
    }
    expect(await verifyPact(id)).toMatchObject({ valid: true, events: 5 });
    expect((await verifyAll()).missingPacts).toEqual([]);
  });
  it('a forged tree head → its signature fails', async () => {
    await ratifiedPact('Forged tree head');
    const head = await t.app.get(CheckpointService).latest();
    if (!head) {
      throw new Error('expected a tree head after the ratification');
    }
    // Point the head at another root and re-hash it consistently: only the signature, which needs
    // the platform's key, is left to betray it.
    const rootHash = 'a'.repeat(64);
    const hash = hashTreeHead({ ...head, rootHash });
    const restore = await snapshot(head.seq, [['audit_tree_heads', 'seq']]);
    try {
      await tamper([
        [
          'UPDATE audit_tree_heads SET root_hash = $1, hash = $2 WHERE seq = $3',
          [rootHash, hash, head.seq],
        ],
      ]);
      const all = await verifyAll();
      expect(all.valid).toBe(false);
      expect(all.log).toMatchObject({
        valid: false,
        treeHeadSeq: head.seq,
        problem: 'BAD_SIGNATURE',
      });
    } finally {
      await restore();
    }
    expect((await verifyAll()).log).toMatchObject({ valid: true, problem: null });
  });

  it('a leaf removed from the log → the signed root no longer matches', async () => {
    const id = await ratifiedPact('Removed leaf');
    const restore = await snapshot(id, [['audit_log_leaves', 'chain_id']]);
    try {
      await tamper([['DELETE FROM audit_log_leaves WHERE chain_id = $1', [id]]]);
      const all = await verifyAll();
      expect(all.valid).toBe(false);
      expect(all.log.problem).toMatch(/^(ROOT_MISMATCH|TREE_TOO_BIG)$/);
      expect(await verifyPact(id)).toMatchObject({ valid: true, checkpoint: { covered: false } });
    } finally {
      await restore();
    }
    expect((await verifyAll()).log).toMatchObject({ valid: true, problem: null });
  });
});

describe('certificate', () => {
  it('a flipped byte in a certificate → its signature fails', async () => {
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

describe('regressions found by these tamper tests', () => {
  /** Rewrites the pact's last event consistently (as in the tail-rewrite test); returns its hash. */
  const rewriteTail = async (id: string): Promise<string> => {
    const events = await auditOf(id);
    const [previous, last] = events.slice(-2);
    if (!previous || !last) {
      throw new Error('expected a ratified chain');
    }
    const forged = appendEvent(
      { seq: previous.seq, hash: previous.hash },
      { ...last, payload: { ...(last.payload as object), to: 'signed' } },
    );
    await tamper([
      [
        'UPDATE audit_events SET payload = $1::jsonb, hash = $2 WHERE pact_id = $3 AND seq = $4',
        [JSON.stringify(forged.payload), forged.hash, id, forged.seq],
      ],
    ]);
    return forged.hash;
  };

  it('a leaf forged to vouch for a rewrite is not trusted, and never signed over', async () => {
    const id = await ratifiedPact('Forged leaf');
    const checkpoints = t.app.get(CheckpointService);
    const latest = await checkpoints.latest();
    if (!latest) {
      throw new Error('expected a tree head after ratification');
    }
    const restoreEvents = await snapshot(id, EVENTS);
    const restoreLeaves = await snapshot(id, [['audit_log_leaves', 'chain_id']]);
    try {
      const forgedHash = await rewriteTail(id);
      await tamper([
        [
          'UPDATE audit_log_leaves SET head_hash = $1 WHERE chain_id = $2 AND seq = 5',
          [forgedHash, id],
        ],
      ]);
      // The leaf row agrees with the rewrite, but not with the signed root.
      expect(await verifyPact(id)).toMatchObject({
        valid: false,
        checkpoint: { seq: latest.seq, covered: true, valid: false, problem: 'NOT_INCLUDED' },
      });
      expect((await verifyAll()).log).toMatchObject({ valid: false, problem: 'ROOT_MISMATCH' });
      const next = await checkpoints.createCheckpoint();
      expect(next).toEqual(latest);
    } finally {
      await restoreLeaves();
      await restoreEvents();
    }
    expect((await verifyPact(id)).valid).toBe(true);
  });

  it('a ratification still answers 200 when the checkpoint after it cannot be written', async () => {
    const rewritten = await ratifiedPact('Rewritten before another ratification');
    const restore = await snapshot(rewritten, EVENTS);
    try {
      await rewriteTail(rewritten);
      // ratifiedPact asserts the final approval answers 200 and `ratified`.
      const other = await ratifiedPact('Ratified while a chain is broken');
      expect((await verifyPact(other)).checkpoint?.covered).toBe(false);
      // No certificate can be issued over a log that fails verification: a 503 that says why.
      const certificate = await get(t, token('member.lab'), `/api/pacts/${other}/certificate`);
      expect(certificate.status).toBe(503);
      expect(certificate.body.code).toBe('AUDIT_LOG_UNVERIFIED');
    } finally {
      await restore();
    }
  });
});
