import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { PactErrors } from '../pacts/pacts.errors.js';
import { certificateFacts } from '../pacts/pact-certificate.js';
import { impactSummary } from '../pacts/pact-impact.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { PactQueriesService } from '../pacts/pact-queries.service.js';
import { DataSource } from 'typeorm';
import { AuditService } from './audit.service.js';

const PACT_ID = uuidPipe('PACT_NOT_FOUND');

@ApiTags('audit')
@ApiBearerAuth()
@Controller('pacts/:id')
export class PactAuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly pacts: PactQueriesService,
    private readonly dataSource: DataSource,
    private readonly projections: ProjectionsService,
  ) {}

  @Get('audit')
  @ApiOperation({ summary: 'The pact’s audit events in order, with seq, prevHash and hash' })
  @ApiErrors(401, 404)
  async events(@CurrentUser() principal: Principal, @Param('id', PACT_ID) id: string) {
    await this.pacts.getVisiblePact(principal, id);
    return { items: await this.audit.events(id), nextCursor: null };
  }

  @Get('audit/verify')
  @ApiOperation({
    summary: 'Recompute every hash of the chain and check it against the latest signed checkpoint',
  })
  @ApiErrors(401, 404)
  async verify(@CurrentUser() principal: Principal, @Param('id', PACT_ID) id: string) {
    await this.pacts.getVisiblePact(principal, id);
    return this.audit.verifyPact(id);
  }

  @Get('certificate')
  @ApiOperation({
    summary:
      'Signed agreement certificate of a ratified pact, with the canonical JSON that was hashed',
  })
  @ApiErrors(401, 404, 409)
  async certificate(@CurrentUser() principal: Principal, @Param('id', PACT_ID) id: string) {
    const pact = await this.pacts.getVisiblePact(principal, id);
    if (pact.status !== 'ratified' && pact.status !== 'terminated') {
      throw PactErrors.notRatified();
    }
    const projection = await impactSummary(this.projections, pact);
    const { input, canonicalTerms } = await certificateFacts(
      this.dataSource.manager,
      pact,
      projection,
      new Date(),
    );
    return this.audit.certificate(input, canonicalTerms);
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @Roles('admin')
  @ApiOperation({ summary: 'Verify every pact chain and the checkpoint chain' })
  @ApiErrors(401, 403)
  verifyAll() {
    return this.audit.verifyAll();
  }

  @Get('checkpoints')
  @ApiOperation({
    summary:
      'The signed checkpoint chain and the platform public key, to keep copies outside the database',
  })
  @ApiErrors(401)
  async checkpoints() {
    return {
      algorithm: 'Ed25519',
      publicKey: this.audit.checkpoints.publicKeyPem,
      keyId: this.audit.checkpoints.keyId,
      items: await this.audit.checkpoints.all(),
      nextCursor: null,
    };
  }
}
