import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { clientGone } from '../common/client-gone.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { ImpactQueryDto } from '../projections/dto/projection.dto.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { PactQueriesService } from './pact-queries.service.js';

@ApiTags('projections')
@ApiBearerAuth()
@Controller('pacts/:id/impact')
export class PactImpactController {
  constructor(
    private readonly pacts: PactQueriesService,
    private readonly projections: ProjectionsService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Projected seat impact of the current revision: per seat, and what each party gains and gives',
  })
  @ApiErrors(400, 401, 404, 429, 503)
  async impact(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('PACT_NOT_FOUND')) id: string,
    @Query() query: ImpactQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const pact = await this.pacts.getVisiblePact(principal, id);
    return this.projections.pactImpact(pact.election, pact.revision.terms.standAsides, query, {
      owner: principal.userId,
      signal: clientGone(reply),
    });
  }
}
