import { Injectable } from '@nestjs/common';
import {
  chainAgainstLeaf,
  inclusionProblem,
  verifyAuditTrail,
  verifyAccountChain,
  verifyChain,
  type AccountEvent,
  type AuditEvent,
  type AuditTrailVerification,
  type ChainHead,
  type ChainVerification,
  type ConsistencyProof,
  type InclusionProof,
} from '@pactroom/audit-chain';
import { DEFAULT_LIMIT, decodeNumberCursor, toPage } from '../common/pagination.js';
import { AuditErrors } from './audit.errors.js';
import { DataSource } from 'typeorm';
import { AccountAuditEventEntity } from './account-audit-event.entity.js';
import { toAccountEvent } from './account-trail.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { toAuditEvent } from './audit-log.js';
import { CheckpointService } from './checkpoint.service.js';

/**
 * `GET /api/pacts/:id/audit/verify` and `GET /api/users/:id/audit/verify`: the chain, and the
 * chain against the latest tree head.
 */
export interface ChainLogVerification {
  valid: boolean;
  events: number;
  head: { seq: number; hash: string } | null;
  firstBrokenSeq: number | null;
  problem: string | null;
  /**
   * The latest signed tree head and what it logged of this chain (`covered: false` while the
   * chain has not been checkpointed yet), or null before the first checkpoint.
   */
  checkpoint: {
    seq: number;
    treeSize: number;
    covered: boolean;
    leafIndex: number | null;
    loggedSeq: number | null;
    valid: boolean;
    problem: string | null;
  } | null;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    readonly checkpoints: CheckpointService,
  ) {}

  /** A pact's audit events in seq order, after `afterSeq`, at most `limit`. */
  async events(
    pactId: string,
    afterSeq = 0,
    limit = Number.MAX_SAFE_INTEGER,
  ): Promise<AuditEvent[]> {
    const rows = await this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.pact_id = :pactId AND e.seq > :afterSeq', { pactId, afterSeq })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toAuditEvent);
  }

  /**
   * Recomputes the pact's chain and checks it against the latest tree head: the tree head's own
   * hash and platform signature, the inclusion proof of the chain's logged head under its root, and
   * that the chain still holds that event — so a forged tree head cannot vouch for a rewrite, and a
   * rewritten or truncated chain no longer matches what was logged.
   */
  async verifyPact(pactId: string): Promise<ChainLogVerification> {
    const events = await this.events(pactId);
    return this.againstLog(pactId, events, verifyChain(events, { pactId }));
  }

  /** An account's management events in seq order, after `afterSeq`, at most `limit`. */
  async accountEvents(
    accountId: string,
    afterSeq = 0,
    limit = Number.MAX_SAFE_INTEGER,
  ): Promise<AccountEvent[]> {
    const rows = await this.dataSource
      .getRepository(AccountAuditEventEntity)
      .createQueryBuilder('e')
      .where('e.account_id = :accountId AND e.seq > :afterSeq', { accountId, afterSeq })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toAccountEvent);
  }

  /** An account's management chain, recomputed and checked against the log like a pact's. */
  async verifyAccount(accountId: string): Promise<ChainLogVerification> {
    const events = await this.accountEvents(accountId);
    return this.againstLog(accountId, events, verifyAccountChain(events, accountId));
  }

  private async againstLog(
    chainId: string,
    events: readonly ChainHead[],
    chain: ChainVerification,
  ): Promise<ChainLogVerification> {
    const treeHead = await this.checkpoints.latest();
    let checkpoint: ChainLogVerification['checkpoint'] = null;
    if (treeHead) {
      const base = { seq: treeHead.seq, treeSize: treeHead.treeSize };
      const uncovered = { ...base, covered: false, leafIndex: null, loggedSeq: null };
      const forged = this.checkpoints.problemOf(treeHead);
      const proof = forged ? null : await this.checkpoints.inclusionProof(chainId, treeHead);
      if (forged) {
        checkpoint = { ...uncovered, valid: false, problem: forged };
      } else if (!proof) {
        checkpoint = { ...uncovered, valid: true, problem: null };
      } else {
        const problem =
          inclusionProblem(proof, this.checkpoints.publicKeyPem) ??
          chainAgainstLeaf(events, proof.leaf);
        checkpoint = {
          ...base,
          covered: true,
          leafIndex: proof.leafIndex,
          loggedSeq: proof.leaf.seq,
          valid: problem === null,
          problem,
        };
      }
    }
    return {
      valid: chain.valid && (checkpoint?.valid ?? true),
      events: chain.events,
      head: chain.head,
      firstBrokenSeq: chain.firstBrokenSeq,
      problem: chain.problem ?? checkpoint?.problem ?? null,
      checkpoint,
    };
  }

  /** A page of signed tree heads, oldest first, with the key to check them by. */
  async treeHeadPage(cursor: string | undefined, limit: number = DEFAULT_LIMIT) {
    const heads = await this.checkpoints.page(decodeNumberCursor(cursor), limit + 1);
    return {
      algorithm: 'Ed25519',
      publicKey: this.checkpoints.publicKeyPem,
      keyId: this.checkpoints.keyId,
      ...toPage(
        heads,
        limit,
        (h) => [String(h.seq)],
        (h) => h,
      ),
    };
  }

  /** The proof that tree head `toSeq` extends tree head `fromSeq`. */
  async consistency(fromSeq: number, toSeq: number): Promise<ConsistencyProof> {
    if (fromSeq > toSeq) {
      throw AuditErrors.backwards();
    }
    const [from, to] = await Promise.all([
      this.checkpoints.bySeq(fromSeq),
      this.checkpoints.bySeq(toSeq),
    ]);
    if (!from) {
      throw AuditErrors.checkpointNotFound(fromSeq);
    }
    if (!to) {
      throw AuditErrors.checkpointNotFound(toSeq);
    }
    return this.checkpoints.consistencyProof(from, to);
  }

  /** The inclusion proof of a chain's logged head in tree head `seq` (default the latest). */
  async inclusionProof(chainId: string, seq?: number): Promise<InclusionProof> {
    const head =
      seq === undefined ? await this.checkpoints.latest() : await this.checkpoints.bySeq(seq);
    if (!head) {
      throw seq === undefined ? AuditErrors.notCheckpointed() : AuditErrors.checkpointNotFound(seq);
    }
    const proof = await this.checkpoints.inclusionProof(chainId, head);
    if (!proof) {
      throw AuditErrors.notCheckpointed();
    }
    return proof;
  }

  /** Every chain, the log and its tree heads (admin). */
  async verifyAll(): Promise<AuditTrailVerification> {
    // One snapshot for chains, leaves and tree heads: read apart, a checkpoint committing between
    // the reads (every few seconds on a busy platform) would log heads the chains read earlier lack,
    // or sign a tree over leaves read before it — a false alarm, not tampering.
    const read = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const rows = await manager
        .getRepository(AuditEventEntity)
        .find({ order: { pactId: 'ASC', seq: 'ASC' } });
      const pactIds: { id: string }[] = await manager.query('SELECT id FROM pacts');
      const accountRows = await manager
        .getRepository(AccountAuditEventEntity)
        .find({ order: { accountId: 'ASC', seq: 'ASC' } });
      const leaves = await this.checkpoints.allLeaves(manager);
      const treeHeads = await this.checkpoints.allTreeHeads(manager);
      return { rows, pactIds, accountRows, leaves, treeHeads };
    });
    const chains = new Map<string, AuditEvent[]>();
    for (const row of read.rows) {
      const list = chains.get(row.pactId) ?? [];
      list.push(toAuditEvent(row));
      chains.set(row.pactId, list);
    }
    for (const { id } of read.pactIds) {
      if (!chains.has(id)) {
        chains.set(id, []);
      }
    }
    const accounts = new Map<string, AccountEvent[]>();
    for (const row of read.accountRows) {
      const list = accounts.get(row.accountId) ?? [];
      list.push(toAccountEvent(row));
      accounts.set(row.accountId, list);
    }
    return verifyAuditTrail(
      { pacts: chains, accounts },
      read.leaves,
      read.treeHeads,
      this.checkpoints.publicKeyPem,
    );
  }
}
