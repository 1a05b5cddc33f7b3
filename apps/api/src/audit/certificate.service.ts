import { Injectable } from '@nestjs/common';
import {
  TreeHeadError,
  buildCertificatePayload,
  canonicalJson,
  chainLeafHash,
  chainLeafJson,
  signCertificate,
  type InclusionProof,
} from '@pactroom/audit-chain';
import type { Pact } from '@pactroom/negotiation';
import { DataSource } from 'typeorm';
import { PactCertificateEntity } from '../pacts/entities/pact-certificate.entity.js';
import { certificateFacts } from '../pacts/pact-certificate.js';
import { loadPact } from '../pacts/store/index.js';
import { PactImpactService } from '../scenarios/pact-impact.service.js';
import { AuditErrors } from './audit.errors.js';
import { CheckpointService } from './checkpoint.service.js';

export type CertifiedEvent = 'ratified' | 'terminated';

/**
 * Agreement certificates, issued once — at ratification, and again at termination — and stored:
 * every later request gets the same bytes, so renaming a signer or a local party afterwards changes
 * nothing a member already holds. Each carries the signed tree head that logs the pact's chain head
 * and the inclusion proof, so it can be checked by hand against tree heads kept elsewhere.
 */
@Injectable()
export class CertificateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checkpoints: CheckpointService,
    private readonly impacts: PactImpactService,
  ) {}

  /** The certificate of a ratified or terminated pact: the stored one, issued now if missing. */
  async certificateOf(pact: Pact): Promise<string> {
    return this.issue(pact.id, pact.status === 'terminated' ? 'terminated' : 'ratified');
  }

  /**
   * Issues and stores the certificate of `event` unless one exists; returns the stored body. The
   * pact's chain head is logged first when the latest tree head does not yet include the event.
   */
  async issue(pactId: string, event: CertifiedEvent): Promise<string> {
    const existing = await this.stored(pactId, event);
    if (existing !== undefined) {
      return existing;
    }
    const manager = this.dataSource.manager;
    const pact = await loadPact(manager, pactId, false);
    if (!pact) {
      throw new Error(`pact ${pactId} vanished`);
    }
    const eventSeq = await this.eventSeq(pactId, event);
    let proof = await this.proofOf(pactId);
    if (!proof || proof.leaf.seq < eventSeq) {
      await this.checkpoints.createCheckpoint().catch((error: unknown) => {
        // The log refuses to sign over a tampered database; no certificate can be issued then.
        throw error instanceof TreeHeadError ? AuditErrors.logUnverified() : error;
      });
      proof = await this.proofOf(pactId);
    }
    if (!proof) {
      throw new Error(`pact ${pactId} could not be logged`);
    }
    // Not the summary (null when busy): a certificate waits for the figures it attests.
    const projection = await this.impacts.report(pact, {});
    const { input, canonicalTerms } = await certificateFacts(
      manager,
      pact,
      event,
      { seq: proof.leaf.seq, hash: proof.leaf.hash },
      projection,
      new Date(),
    );
    const payload = buildCertificatePayload(input);
    const body = JSON.stringify({
      certificate: signCertificate(payload, this.checkpoints.signingKey),
      canonicalPayload: canonicalJson(payload),
      canonicalTerms,
      treeHead: proof.treeHead,
      inclusion: {
        leafIndex: proof.leafIndex,
        leaf: proof.leaf,
        leafJson: chainLeafJson(proof.leaf),
        leafHash: chainLeafHash(proof.leaf),
        auditPath: proof.auditPath,
      },
      publicKey: this.checkpoints.publicKeyPem,
      keyId: this.checkpoints.keyId,
    });
    // Two requests issuing at once: the first stored wins, and both serve it.
    await manager
      .createQueryBuilder()
      .insert()
      .into(PactCertificateEntity)
      .values({ pactId, event, body, issuedAt: new Date() })
      .orIgnore()
      .execute();
    const stored = await this.stored(pactId, event);
    if (stored === undefined) {
      throw new Error(`certificate of pact ${pactId} was not stored`);
    }
    return stored;
  }

  private async stored(pactId: string, event: CertifiedEvent): Promise<string | undefined> {
    const row = await this.dataSource
      .getRepository(PactCertificateEntity)
      .findOne({ where: { pactId, event } });
    return row?.body;
  }

  private async proofOf(pactId: string): Promise<InclusionProof | null> {
    const head = await this.checkpoints.latest();
    return head ? this.checkpoints.inclusionProof(pactId, head) : null;
  }

  /** The seq of the audit event the certificate attests. */
  private async eventSeq(pactId: string, event: CertifiedEvent): Promise<number> {
    const rows: { seq: number | null }[] = await this.dataSource.query(
      event === 'ratified'
        ? `SELECT max(seq) AS seq FROM audit_events WHERE pact_id = $1 AND action = 'pact.approved' AND payload->>'to' = 'ratified'`
        : `SELECT max(seq) AS seq FROM audit_events WHERE pact_id = $1 AND action = 'pact.terminated'`,
      [pactId],
    );
    const seq = rows[0]?.seq;
    if (seq === null || seq === undefined) {
      throw new Error(`pact ${pactId} has no ${event} event`);
    }
    return seq;
  }
}
