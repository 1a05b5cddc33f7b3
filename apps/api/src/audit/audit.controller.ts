import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { DEFAULT_LIMIT, PageQueryDto, decodeNumberCursor, toPage } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { PactErrors } from '../pacts/pacts.errors.js';
import { PactQueriesService } from '../pacts/pact-queries.service.js';
import {
  CheckpointsQueryDto,
  ConsistencyQueryDto,
  InclusionQueryDto,
} from './audit-queries.dto.js';
import { AuditErrors } from './audit.errors.js';
import { AuditService } from './audit.service.js';
import { CertificateService } from './certificate.service.js';

const PACT_ID = uuidPipe('PACT_NOT_FOUND');

@ApiTags('audit')
@ApiBearerAuth()
@Controller('pacts/:id')
export class PactAuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly pacts: PactQueriesService,
    private readonly certificates: CertificateService,
  ) {}

  @Get('audit')
  @ApiOperation({
    summary: 'The pact’s audit events in order, with seq, prevHash and hash (paged: limit, cursor)',
  })
  @ApiErrors(400, 401, 404)
  async events(
    @CurrentUser() principal: Principal,
    @Param('id', PACT_ID) id: string,
    @Query() query: PageQueryDto,
  ) {
    await this.pacts.getVisiblePact(principal, id);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const events = await this.audit.events(id, decodeNumberCursor(query.cursor), limit + 1);
    return toPage(
      events,
      limit,
      (e) => [String(e.seq)],
      (e) => e,
    );
  }

  @Get('audit/verify')
  @ApiOperation({
    summary:
      'Recompute every hash of the chain and check it against the latest signed tree head (inclusion proof)',
  })
  @ApiErrors(401, 404)
  async verify(@CurrentUser() principal: Principal, @Param('id', PACT_ID) id: string) {
    await this.pacts.getVisiblePact(principal, id);
    return this.audit.verifyPact(id);
  }

  @Get('audit/proof')
  @ApiOperation({
    summary:
      'Inclusion proof (RFC 9162) of the pact’s logged chain head in a signed tree head (default the latest)',
  })
  @ApiErrors(400, 401, 404, 409)
  async proof(
    @CurrentUser() principal: Principal,
    @Param('id', PACT_ID) id: string,
    @Query() query: InclusionQueryDto,
  ) {
    await this.pacts.getVisiblePact(principal, id);
    const checkpoints = this.audit.checkpoints;
    const head =
      query.checkpoint === undefined
        ? await checkpoints.latest()
        : await checkpoints.bySeq(query.checkpoint);
    if (!head) {
      throw query.checkpoint === undefined
        ? AuditErrors.notCheckpointed()
        : AuditErrors.checkpointNotFound(query.checkpoint);
    }
    const proof = await checkpoints.inclusionProof(id, head);
    if (!proof) {
      throw AuditErrors.notCheckpointed();
    }
    return proof;
  }

  @Get('certificate')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({
    summary:
      'Signed agreement certificate of a ratified (or terminated) pact, as issued, with its tree head and inclusion proof',
  })
  @ApiErrors(401, 404, 409)
  async certificate(@CurrentUser() principal: Principal, @Param('id', PACT_ID) id: string) {
    const pact = await this.pacts.getVisiblePact(principal, id);
    if (pact.status !== 'ratified' && pact.status !== 'terminated') {
      throw PactErrors.notRatified();
    }
    return this.certificates.certificateOf(pact);
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @Roles('admin')
  @ApiOperation({ summary: 'Verify every pact chain, the audit log and its signed tree heads' })
  @ApiErrors(401, 403)
  verifyAll() {
    return this.audit.verifyAll();
  }

  @Get('checkpoints')
  @ApiOperation({
    summary:
      'Signed tree heads of the audit log (they name no pact) and the platform public key, to keep copies outside the database',
  })
  @ApiErrors(400, 401)
  async checkpoints(@Query() query: CheckpointsQueryDto) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const afterSeq = decodeNumberCursor(query.cursor);
    const heads = await this.audit.checkpoints.page(afterSeq, limit + 1);
    return {
      algorithm: 'Ed25519',
      publicKey: this.audit.checkpoints.publicKeyPem,
      keyId: this.audit.checkpoints.keyId,
      ...toPage(
        heads,
        limit,
        (h) => [String(h.seq)],
        (h) => h,
      ),
    };
  }

  @Get('checkpoints/consistency')
  @ApiOperation({
    summary: 'Consistency proof (RFC 9162) that a later tree head extends an earlier one',
  })
  @ApiErrors(400, 401, 404)
  async consistency(@Query() query: ConsistencyQueryDto) {
    if (query.from > query.to) {
      throw AuditErrors.backwards();
    }
    const checkpoints = this.audit.checkpoints;
    const [from, to] = await Promise.all([
      checkpoints.bySeq(query.from),
      checkpoints.bySeq(query.to),
    ]);
    if (!from) {
      throw AuditErrors.checkpointNotFound(query.from);
    }
    if (!to) {
      throw AuditErrors.checkpointNotFound(query.to);
    }
    return checkpoints.consistencyProof(from, to);
  }
}
