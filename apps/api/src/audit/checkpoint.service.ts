import { createHash, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  TreeHeadError,
  appendLeaves,
  consistencyProofRanges,
  inclusionProofRanges,
  perfectSubtrees,
  publicKeyPem,
  rangeHash,
  signTreeHead,
  toPrivateKey,
  toPublicKey,
  treeHeadProblem,
  type ChainLeaf,
  type ConsistencyProof,
  type InclusionProof,
  type LeafRange,
  type SubtreeRef,
  type TreeHead,
} from '@pactroom/audit-chain';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { AuditTreeHeadEntity } from './audit-tree-head.entity.js';

/** A stored tree head as the lib's type. */
export function toTreeHead(row: AuditTreeHeadEntity): TreeHead {
  return {
    seq: row.seq,
    prevHash: row.prevHash,
    createdAt: row.createdAt.toISOString(),
    treeSize: Number(row.treeSize),
    rootHash: row.rootHash,
    hash: row.hash,
    signature: row.signature,
  };
}

/** Accepts the key as PKCS#8 PEM or as the base64 of that PEM (one line, for env files). */
function parsePrivateKey(text: string): KeyObject {
  const pem = text.includes('-----BEGIN') ? text : Buffer.from(text, 'base64').toString('utf8');
  return toPrivateKey(pem);
}

const BATCH = 5000;
const nodeKey = (r: SubtreeRef) => `${r.level}:${r.index}`;

/**
 * The audit log and its checkpoints (RFC 9162 style). A checkpoint appends a leaf for every pact
 * or account chain whose head moved since it was last logged, stores the complete subtrees that completes, and
 * signs a tree head over the whole log with the platform's Ed25519 key. Checkpoints are serialised
 * by a transaction advisory lock, so every API instance may run them. Proofs read O(log² n) stored
 * subtree hashes, never the whole log.
 */
@Injectable()
export class CheckpointService {
  private readonly logger = new Logger(CheckpointService.name);
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  readonly keyId: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: ResolvedConfig,
  ) {
    this.privateKey = parsePrivateKey(config.audit.signingKey);
    const publicKey = toPublicKey(this.privateKey);
    this.publicKeyPem = publicKeyPem(publicKey);
    this.keyId = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex');
  }

  get signingKey(): KeyObject {
    return this.privateKey;
  }

  /**
   * Logs every moved chain head and signs a new tree head; returns the latest tree head (the same
   * one when nothing moved; null while nothing was ever logged). Refuses — `TreeHeadError`, nothing
   * written — when the latest tree head fails verification or a logged chain went back, was
   * rewritten or deleted: signing then would bless a tampered database.
   */
  async createCheckpoint(): Promise<TreeHead | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('pactroom:checkpoint', 0))`,
      );
      const previous = await this.latest(manager);
      const forged = previous ? this.problemOf(previous) : null;
      if (previous && forged) {
        throw new TreeHeadError(`tree head ${previous.seq} fails verification (${forged})`);
      }
      const leaves = await movedHeads(manager);
      if (leaves.length === 0) {
        return previous;
      }
      const size = previous?.treeSize ?? 0;
      const frontier = await this.subtrees(manager, size === 0 ? [] : perfectSubtrees([0, size]));
      const { nodes, root } = appendLeaves(size, leaves, (ref) => need(frontier, ref));
      for (let i = 0; i < leaves.length; i += BATCH) {
        const chunk = leaves.slice(i, i + BATCH);
        await manager.query(
          `INSERT INTO audit_log_leaves (leaf_index, chain_id, seq, head_hash)
           SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::int[], $4::char(64)[])`,
          [
            chunk.map((_, j) => size + i + j),
            chunk.map((l) => l.chain),
            chunk.map((l) => l.seq),
            chunk.map((l) => l.hash),
          ],
        );
      }
      for (let i = 0; i < nodes.length; i += BATCH) {
        const chunk = nodes.slice(i, i + BATCH);
        await manager.query(
          `INSERT INTO audit_tree_nodes (level, node_index, hash)
           SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::char(64)[])`,
          [chunk.map((n) => n.ref.level), chunk.map((n) => n.ref.index), chunk.map((n) => n.hash)],
        );
      }
      const head = signTreeHead(previous, size + leaves.length, root, new Date(), this.privateKey);
      await manager.insert(AuditTreeHeadEntity, {
        seq: head.seq,
        prevHash: head.prevHash,
        treeSize: String(head.treeSize),
        rootHash: head.rootHash,
        createdAt: new Date(head.createdAt),
        hash: head.hash,
        signature: head.signature,
        keyId: this.keyId,
      });
      this.logger.log(
        `tree head ${head.seq}: ${leaves.length} chain heads logged, ${head.treeSize} leaves`,
      );
      return head;
    });
  }

  /** Why a stored tree head cannot be trusted (its hash or signature), or null. */
  problemOf(head: TreeHead): 'HASH_MISMATCH' | 'BAD_SIGNATURE' | null {
    return treeHeadProblem(head, this.publicKeyPem);
  }

  async latest(manager: EntityManager = this.dataSource.manager): Promise<TreeHead | null> {
    const row = await manager.findOne(AuditTreeHeadEntity, { where: {}, order: { seq: 'DESC' } });
    return row ? toTreeHead(row) : null;
  }

  async bySeq(seq: number): Promise<TreeHead | null> {
    const row = await this.dataSource.manager.findOne(AuditTreeHeadEntity, { where: { seq } });
    return row ? toTreeHead(row) : null;
  }

  /** Tree heads after `afterSeq`, oldest first. */
  async page(afterSeq: number, limit: number): Promise<TreeHead[]> {
    const rows: AuditTreeHeadEntity[] = await this.dataSource
      .getRepository(AuditTreeHeadEntity)
      .createQueryBuilder('h')
      .where('h.seq > :afterSeq', { afterSeq })
      .orderBy('h.seq', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toTreeHead);
  }

  async allTreeHeads(manager: EntityManager = this.dataSource.manager): Promise<TreeHead[]> {
    return (await manager.getRepository(AuditTreeHeadEntity).find({ order: { seq: 'ASC' } })).map(
      toTreeHead,
    );
  }

  async allLeaves(manager: EntityManager = this.dataSource.manager): Promise<ChainLeaf[]> {
    const rows: { chain_id: string; seq: number; head_hash: string }[] = await manager.query(
      'SELECT chain_id, seq, head_hash FROM audit_log_leaves ORDER BY leaf_index',
    );
    return rows.map((r) => ({ chain: r.chain_id, seq: r.seq, hash: r.head_hash }));
  }

  /**
   * The inclusion proof of a chain's latest head logged in `treeHead`, or null when the chain had
   * no leaf yet in that tree (it was created, or first moved, after the checkpoint).
   */
  async inclusionProof(chainId: string, treeHead: TreeHead): Promise<InclusionProof | null> {
    const rows: { leaf_index: string; seq: number; head_hash: string }[] =
      await this.dataSource.query(
        `SELECT leaf_index, seq, head_hash FROM audit_log_leaves
          WHERE chain_id = $1 AND leaf_index < $2 ORDER BY leaf_index DESC LIMIT 1`,
        [chainId, treeHead.treeSize],
      );
    const row = rows[0];
    if (!row) {
      return null;
    }
    const leafIndex = Number(row.leaf_index);
    const ranges = inclusionProofRanges(leafIndex, treeHead.treeSize);
    return {
      treeHead,
      leafIndex,
      leaf: { chain: chainId, seq: row.seq, hash: row.head_hash },
      auditPath: await this.rangeHashes(ranges),
    };
  }

  /** The proof that `to` extends `from` (`from.treeSize` ≤ `to.treeSize`). */
  async consistencyProof(from: TreeHead, to: TreeHead): Promise<ConsistencyProof> {
    const ranges = from.treeSize === 0 ? [] : consistencyProofRanges(from.treeSize, to.treeSize);
    return { from, to, proof: await this.rangeHashes(ranges) };
  }

  private async rangeHashes(ranges: readonly LeafRange[]): Promise<string[]> {
    const stored = await this.subtrees(
      this.dataSource.manager,
      ranges.flatMap((r) => perfectSubtrees(r)),
    );
    return ranges.map((r) => rangeHash(r, (ref) => need(stored, ref)));
  }

  /** The stored complete subtrees named, in one query. */
  private async subtrees(
    manager: EntityManager,
    refs: readonly SubtreeRef[],
  ): Promise<Map<string, string>> {
    if (refs.length === 0) {
      return new Map();
    }
    const rows: { level: number; node_index: string; hash: string }[] = await manager.query(
      `SELECT n.level, n.node_index, n.hash FROM audit_tree_nodes n
         JOIN unnest($1::smallint[], $2::bigint[]) AS r(level, node_index)
           ON n.level = r.level AND n.node_index = r.node_index`,
      [refs.map((r) => r.level), refs.map((r) => r.index)],
    );
    return new Map(rows.map((r) => [`${r.level}:${r.node_index}`, r.hash]));
  }
}

function need(nodes: ReadonlyMap<string, string>, ref: SubtreeRef): string {
  const hash = nodes.get(nodeKey(ref));
  if (hash === undefined) {
    // A stored subtree missing means the log tables were tampered with (they are append-only).
    throw new TreeHeadError(`audit log subtree ${nodeKey(ref)} is missing`);
  }
  return hash;
}

/**
 * The chain heads to log, sorted by chain id: every chain whose newest event is past its last
 * logged leaf (or never logged). A logged chain that went back, whose logged event changed, or
 * that vanished is a tampered database: refused.
 */
async function movedHeads(manager: EntityManager): Promise<ChainLeaf[]> {
  const rows: {
    chain_id: string;
    seq: number | null;
    hash: string | null;
    logged_seq: number | null;
    logged_hash: string | null;
    hash_at_logged: string | null;
  }[] = await manager.query(
    // Pact chains and account chains are logged alike; both tables are read by their primary keys.
    `WITH heads AS (
       (SELECT DISTINCT ON (pact_id) pact_id AS chain_id, seq, hash FROM audit_events
         ORDER BY pact_id, seq DESC)
       UNION ALL
       (SELECT DISTINCT ON (account_id) account_id, seq, hash FROM account_audit_events
         ORDER BY account_id, seq DESC)
     ), logged AS (
       SELECT DISTINCT ON (chain_id) chain_id, seq, head_hash FROM audit_log_leaves
        ORDER BY chain_id, leaf_index DESC
     ), compared AS (
       SELECT COALESCE(h.chain_id, l.chain_id) AS chain_id, h.seq, h.hash,
              l.seq AS logged_seq, l.head_hash AS logged_hash,
              CASE WHEN l.chain_id IS NOT NULL THEN COALESCE(
                (SELECT e.hash FROM audit_events e WHERE e.pact_id = l.chain_id AND e.seq = l.seq),
                (SELECT a.hash FROM account_audit_events a WHERE a.account_id = l.chain_id AND a.seq = l.seq))
              END AS hash_at_logged
         FROM heads h FULL JOIN logged l ON l.chain_id = h.chain_id
     )
     SELECT * FROM compared
      WHERE logged_seq IS NULL OR seq IS NULL OR seq <> logged_seq
         OR hash_at_logged IS DISTINCT FROM logged_hash
      ORDER BY 1`,
  );
  const tampered = rows.filter(
    (r) =>
      r.logged_seq !== null &&
      (r.seq === null || r.seq < r.logged_seq || r.hash_at_logged !== r.logged_hash),
  );
  if (tampered.length > 0) {
    throw new TreeHeadError(
      `audit chains changed after they were logged: ${tampered.map((r) => r.chain_id).join(', ')}`,
    );
  }
  return rows.map((r) => ({ chain: r.chain_id, seq: r.seq ?? 0, hash: r.hash ?? '' }));
}
