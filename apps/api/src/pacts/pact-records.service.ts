import { Injectable } from '@nestjs/common';
import type { AuditEvent, InclusionProof } from '@pactroom/audit-chain';
import { isCertified } from '@pactroom/negotiation';
import { AuditService, type ChainLogVerification } from '../audit/audit.service.js';
import { CertificateService } from '../audit/certificate.service.js';
import type { Principal } from '../auth/principal.js';
import { DEFAULT_LIMIT, decodeNumberCursor, toPage, type Page } from '../common/pagination.js';
import type { PageQueryDto } from '../common/pagination.js';
import type { PactImpactQueryDto } from './dto/pact-impact.dto.js';
import type { PactImpactReport } from '../scenarios/pact-impact-report.js';
import { PactImpactService } from '../scenarios/pact-impact.service.js';
import { PactQueriesService } from './pact-queries.service.js';
import { PactErrors } from './pacts.errors.js';

/**
 * What a pact's viewers read beyond the pact itself — its audit trail and proofs, its certificate,
 * its projected impact — each a use case that first finds the pact visible (404 otherwise) and then
 * asks the feature that owns the answer.
 */
@Injectable()
export class PactRecordsService {
  constructor(
    private readonly pacts: PactQueriesService,
    private readonly audit: AuditService,
    private readonly certificates: CertificateService,
    private readonly impacts: PactImpactService,
  ) {}

  async auditTrail(
    principal: Principal,
    id: string,
    page: PageQueryDto,
  ): Promise<Page<AuditEvent>> {
    await this.pacts.getVisiblePact(principal, id);
    const limit = page.limit ?? DEFAULT_LIMIT;
    const events = await this.audit.events(id, decodeNumberCursor(page.cursor), limit + 1);
    return toPage(
      events,
      limit,
      (e) => [String(e.seq)],
      (e) => e,
    );
  }

  async verifyAuditTrail(principal: Principal, id: string): Promise<ChainLogVerification> {
    await this.pacts.getVisiblePact(principal, id);
    return this.audit.verifyPact(id);
  }

  async inclusionProof(
    principal: Principal,
    id: string,
    checkpoint?: number,
  ): Promise<InclusionProof> {
    await this.pacts.getVisiblePact(principal, id);
    return this.audit.inclusionProof(id, checkpoint);
  }

  /** The stored certificate of a ratified or terminated pact (issued now if missing). */
  async certificate(principal: Principal, id: string): Promise<string> {
    const pact = await this.pacts.getVisiblePact(principal, id);
    if (!isCertified(pact.status)) {
      throw PactErrors.notRatified();
    }
    return this.certificates.certificateOf(pact);
  }

  /** The current revision projected with the caller's options; stops if `signal` aborts. */
  async impact(
    principal: Principal,
    id: string,
    query: PactImpactQueryDto,
    signal: AbortSignal,
  ): Promise<PactImpactReport> {
    const pact = await this.pacts.getVisiblePact(principal, id);
    return this.impacts.report(pact, query, { owner: principal.userId, signal });
  }
}
