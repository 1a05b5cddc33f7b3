import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { clientGone } from '../common/client-gone.js';
import {
  CreateProjectionDto,
  HemicycleQueryDto,
  ProjectionQueryDto,
} from './dto/projection.dto.js';
import { ProjectionsService } from './projections.service.js';

@ApiTags('projections')
@ApiBearerAuth()
@Controller()
export class ProjectionsController {
  constructor(private readonly projections: ProjectionsService) {}

  @Get('transfer-matrices')
  @ApiOperation({ summary: 'Named, sourced transfer sets (central, low, high, upper-bound…)' })
  @ApiErrors(401)
  list() {
    return { items: this.projections.listTransferSets(), nextCursor: null };
  }

  @Get('transfer-matrices/:name')
  @ApiOperation({ summary: 'A transfer set with every rate, its range and citation' })
  @ApiErrors(401, 404)
  get(@Param('name') name: string) {
    return this.projections.getTransferSet(name);
  }

  @Post('projections')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'National projection: seats before/after/expected, flips, and per-seat winners, break-evens and win probabilities',
  })
  @ApiErrors(400, 401, 413, 422, 429, 503)
  project(
    @CurrentUser() principal: Principal,
    @Body() body: CreateProjectionDto,
    @Query() query: ProjectionQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.projections.createProjection(body, query.all ?? false, {
      owner: principal.userId,
      signal: clientGone(reply),
    });
  }

  @Get('projections/hemicycle.svg')
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  @ApiProduces('image/svg+xml')
  @ApiOperation({
    summary: 'Parliament chart of 650 seats before and after, with the majority line',
  })
  @ApiOkResponse({ description: 'An SVG document' })
  @ApiErrors(400, 401, 422, 429, 503)
  hemicycle(
    @CurrentUser() principal: Principal,
    @Query() query: HemicycleQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.projections.hemicycle(query, {
      owner: principal.userId,
      signal: clientGone(reply),
    });
  }
}
