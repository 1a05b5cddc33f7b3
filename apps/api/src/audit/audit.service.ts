import { Injectable } from '@nestjs/common';
import {
  buildCertificatePayload,
  canonicalJson,
  signCertificate,
  verifyAuditTrail,
  verifyChain,
  verifyChainAgainstCheckpoint,
  type AuditEvent,
  type AuditTrailVerification,
  type Checkpoint,
  type SignedCertificate,
} from '@pactroom/audit-chain';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { toAuditEvent } from './audit-log.js';
import { CheckpointService } from './checkpoint.service.js';

/** `GET /api/pacts/:id/audit/verify`: the chain, and the chain against the latest checkpoint. */
export interface PactVerification {
  valid: boolean;
  events: number;
  head: { seq: number; hash: string } | null;
  firstBrokenSeq: number | null;
  problem: string | null;
  checkpoint: { seq: number; covered: boolean; valid: boolean; problem: string | null } | null;
}

/** The agreement certificate as served, with everything needed to recompute its hashes. */
export interface CertificateResponse {
  certificate: SignedCertificate;
  /** The exact canonical JSON of `certificate.payload` whose SHA-256 is `certificate.hash`. */
  canonicalPayload: string;
  /** The exact canonical JSON of the ratified terms whose SHA-256 is the revision hash. */
  canonicalTerms: string;
  latestCheckpoint: Checkpoint | null;
  publicKey: string;
  keyId: string;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    readonly checkpoints: CheckpointService,
  ) {}

  async events(pactId: string): Promise<AuditEvent[]> {
    const rows = await this.dataSource
      .getRepository(AuditEventEntity)
      .find({ where: { pactId }, order: { seq: 'ASC' } });
    return rows.map(toAuditEvent);
  }

  /**
   * Recomputes the pact's chain and checks it against the latest checkpoint — after checking that
   * checkpoint's own hash and platform signature, so a forged checkpoint cannot vouch for a rewrite.
   */
  async verifyPact(pactId: string): Promise<PactVerification> {
    const [events, checkpoint] = await Promise.all([
      this.events(pactId),
      this.checkpoints.latest(),
    ]);
    const chain = verifyChain(events, { pactId });
    let checkpointResult: PactVerification['checkpoint'] = null;
    if (checkpoint) {
      const forged = this.checkpoints.problemOf(checkpoint);
      const against = forged ? null : verifyChainAgainstCheckpoint(events, checkpoint, pactId);
      checkpointResult = against
        ? {
            seq: checkpoint.seq,
            covered: against.covered,
            valid: against.valid,
            problem: against.problem,
          }
        : { seq: checkpoint.seq, covered: false, valid: false, problem: forged };
    }
    return {
      valid: chain.valid && (checkpointResult?.valid ?? true),
      events: chain.events,
      head: chain.head,
      firstBrokenSeq: chain.firstBrokenSeq,
      problem: chain.problem ?? checkpointResult?.problem ?? null,
      checkpoint: checkpointResult,
    };
  }

  /** Every chain and the checkpoint chain (admin). */
  async verifyAll(): Promise<AuditTrailVerification> {
    const rows = await this.dataSource
      .getRepository(AuditEventEntity)
      .find({ order: { pactId: 'ASC', seq: 'ASC' } });
    const chains = new Map<string, AuditEvent[]>();
    for (const row of rows) {
      const list = chains.get(row.pactId) ?? [];
      list.push(toAuditEvent(row));
      chains.set(row.pactId, list);
    }
    const pactIds: { id: string }[] = await this.dataSource.query('SELECT id FROM pacts');
    for (const { id } of pactIds) {
      if (!chains.has(id)) {
        chains.set(id, []);
      }
    }
    return verifyAuditTrail(chains, await this.checkpoints.all(), this.checkpoints.publicKeyPem);
  }

  /** Signs an agreement certificate over the given facts (the caller checks the pact is ratified). */
  async certificate(
    input: Parameters<typeof buildCertificatePayload>[0],
    canonicalTerms: string,
  ): Promise<CertificateResponse> {
    const payload = buildCertificatePayload(input);
    return {
      certificate: signCertificate(payload, this.checkpoints.signingKey),
      canonicalPayload: canonicalJson(payload),
      canonicalTerms,
      latestCheckpoint: await this.checkpoints.latest(),
      publicKey: this.checkpoints.publicKeyPem,
      keyId: this.checkpoints.keyId,
    };
  }
}
