// Tamper tests against the real database (DESIGN.md "Audit trail"): what the append-only triggers
// refuse, and what verification finds when a superuser goes around them. Every tampering test
// snapshots the rows it touches and puts them back, so the tests stay independent of each other.
// Certificates and the published tree heads: audit-certificates.e2e-spec.ts.
import { describe, expect, it } from '@jest/globals';
import { appendEvent, hashTreeHead, verifyChain } from '@pactroom/audit-chain';
import { CheckpointService } from '../../src/audit/checkpoint.service.js';
import {
  t,
  useAuditApp,
  token,
  RATIFIED_ACTIONS,
  ratifiedPact,
  auditOf,
  verifyPact,
  verifyAll,
  tamper,
  snapshot,
  EVENTS,
  WHOLE_PACT,
} from '../support/audit-fixture.js';
import { get } from '../support/pacts.js';

useAuditApp();

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
