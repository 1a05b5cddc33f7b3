import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CheckpointError,
  createCheckpoint,
  hashCheckpoint,
  verifyHashSignature,
  publicKeyPem,
  toPrivateKey,
  toPublicKey,
  type ChainHead,
  type Checkpoint,
} from '@pactroom/audit-chain';
import type { KeyObject } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { AuditCheckpointEntity } from './audit-checkpoint.entity.js';

/** A stored checkpoint as the lib's type. */
export function toCheckpoint(row: AuditCheckpointEntity): Checkpoint {
  return {
    seq: row.seq,
    prevHash: row.prevHash,
    createdAt: row.createdAt.toISOString(),
    heads: row.heads,
    hash: row.hash,
    signature: row.signature,
  };
}

/** Accepts the key as PKCS#8 PEM or as the base64 of that PEM (one line, for env files). */
function parsePrivateKey(text: string): KeyObject {
  const pem = text.includes('-----BEGIN') ? text : Buffer.from(text, 'base64').toString('utf8');
  return toPrivateKey(pem);
}

/**
 * The global checkpoint chain: folds the head of every pact chain into a checkpoint signed with the
 * platform's Ed25519 key. Appends are serialised by a transaction advisory lock so every API
 * instance can call this; a checkpoint is only written when some head moved.
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

  /** Writes a checkpoint of all chain heads unless nothing moved; returns the latest checkpoint. */
  async createCheckpoint(): Promise<Checkpoint | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('pactroom:checkpoint', 0))`,
      );
      const last = await manager.findOne(AuditCheckpointEntity, {
        where: {},
        order: { seq: 'DESC' },
      });
      const previous = last ? toCheckpoint(last) : null;
      const forged = previous ? this.problemOf(previous) : null;
      if (previous && forged) {
        // Never sign on top of a checkpoint the platform did not sign: that would launder a forgery.
        throw new CheckpointError(`checkpoint ${previous.seq} fails verification (${forged})`);
      }
      const heads = await currentHeads(manager);
      if (previous && sameHeads(previous.heads, heads)) {
        return previous;
      }
      if (!previous && Object.keys(heads).length === 0) {
        return null;
      }
      const checkpoint = createCheckpoint(previous, heads, new Date(), this.privateKey);
      await manager.insert(AuditCheckpointEntity, {
        seq: checkpoint.seq,
        prevHash: checkpoint.prevHash,
        hash: checkpoint.hash,
        signature: checkpoint.signature,
        keyId: this.keyId,
        heads: checkpoint.heads as Record<string, ChainHead>,
        createdAt: new Date(checkpoint.createdAt),
      });
      this.logger.log(`checkpoint ${checkpoint.seq}: ${Object.keys(heads).length} chains`);
      return checkpoint;
    });
  }

  /** Why a stored checkpoint cannot be trusted (its hash or signature), or null. */
  problemOf(checkpoint: Checkpoint): 'HASH_MISMATCH' | 'BAD_SIGNATURE' | null {
    if (hashCheckpoint(checkpoint) !== checkpoint.hash) {
      return 'HASH_MISMATCH';
    }
    return verifyHashSignature(checkpoint.hash, checkpoint.signature, this.publicKeyPem)
      ? null
      : 'BAD_SIGNATURE';
  }

  async latest(manager: EntityManager = this.dataSource.manager): Promise<Checkpoint | null> {
    const row = await manager.findOne(AuditCheckpointEntity, { where: {}, order: { seq: 'DESC' } });
    return row ? toCheckpoint(row) : null;
  }

  async all(): Promise<Checkpoint[]> {
    return (
      await this.dataSource.getRepository(AuditCheckpointEntity).find({ order: { seq: 'ASC' } })
    ).map(toCheckpoint);
  }
}

async function currentHeads(manager: EntityManager): Promise<Record<string, ChainHead>> {
  const rows: { pact_id: string; seq: number; hash: string }[] = await manager.query(
    `SELECT DISTINCT ON (pact_id) pact_id, seq, hash FROM audit_events ORDER BY pact_id, seq DESC`,
  );
  return Object.fromEntries(rows.map((r) => [r.pact_id, { seq: r.seq, hash: r.hash }]));
}

function sameHeads(
  a: Readonly<Record<string, ChainHead>>,
  b: Readonly<Record<string, ChainHead>>,
): boolean {
  const keys = Object.keys(b);
  return (
    Object.keys(a).length === keys.length &&
    keys.every((k) => a[k]?.seq === b[k]?.seq && a[k]?.hash === b[k]?.hash)
  );
}
