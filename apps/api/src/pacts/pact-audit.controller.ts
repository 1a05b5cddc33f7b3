import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InclusionQueryDto } from '../audit/audit-queries.dto.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { clientGone } from '../common/client-gone.js';
import { PageQueryDto } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  PactImpactDto,
  PactImpactQueryDto,
  PartyBalanceDto,
  ShareBandDto,
} from './dto/pact-impact.dto.js';
import { PactRecordsService } from './pact-records.service.js';

const PACT_ID = uuidPipe('PACT_NOT_FOUND');

/** A pact's audit trail, proofs, certificate and projected impact: one use-case call each. */
@ApiTags('pacts')
@ApiBearerAuth()
@ApiExtraModels(PartyBalanceDto, ShareBandDto)
@Controller('pacts/:id')
export class PactAuditController {
  constructor(private readonly records: PactRecordsService) {}

  @Get('audit')
  @ApiOperation({
    summary: 'The pact’s audit events in order, with seq, prevHash and hash (paged: limit, cursor)',
  })
  @ApiErrors(400, 401, 404)
  events(
    @CurrentUser() principal: Principal,
    @Param('id', PACT_ID) id: string,
    @Query() query: PageQueryDto,
  ) {
    return this.records.auditTrail(principal, id, query);
  }

  @Get('audit/verify')
  @ApiOperation({
    summary:
      'Recompute every hash of the chain and check it against the latest signed tree head (inclusion proof)',
  })
  @ApiErrors(401, 404)
  verify(@CurrentUser() principal: Principal, @Param('id', PACT_ID) id: string) {
    return this.records.verifyAuditTrail(principal, id);
  }

  @Get('audit/proof')
  @ApiOperation({
    summary:
      'Inclusion proof (RFC 9162) of the pact’s logged chain head in a signed tree head (default the latest)',
  })
  @ApiErrors(400, 401, 404, 409)
  proof(
    @CurrentUser() principal: Principal,
    @Param('id', PACT_ID) id: string,
    @Query() query: InclusionQueryDto,
  ) {
    return this.records.inclusionProof(principal, id, query.checkpoint);
  }

  @Get('certificate')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({
    summary:
      'Signed agreement certificate of a ratified (or terminated) pact, as issued, with its tree head and inclusion proof',
  })
  @ApiErrors(401, 404, 409)
  certificate(@CurrentUser() principal: Principal, @Param('id', PACT_ID) id: string) {
    return this.records.certificate(principal, id);
  }

  @Get('impact')
  @ApiOperation({
    summary:
      'Projected seat impact of the current revision: per seat, and what each party gains and gives',
    description:
      'Projected on the contest’s current scenario unless `scenario` names another (`none`: the baseline result). With the defaults (2,000 draws, seed 1, central transfers) the numbers are those of the pact detail, its certificate and its consultations.',
  })
  @ApiOkResponse({ type: PactImpactDto })
  @ApiErrors(400, 401, 404, 422, 429, 503)
  impact(
    @CurrentUser() principal: Principal,
    @Param('id', PACT_ID) id: string,
    @Query() query: PactImpactQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.records.impact(principal, id, query, clientGone(reply));
  }
}
