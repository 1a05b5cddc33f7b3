import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { clientGone } from '../common/client-gone.js';
import { SuggestionsQueryDto } from '../projections/dto/projection.dto.js';
import { SwapSetDto } from '../projections/dto/suggestions.dto.js';
import { SwapSuggestionsService } from './swap-suggestions.service.js';

@ApiTags('projections')
@ApiBearerAuth()
@Controller()
export class SwapSuggestionsController {
  constructor(private readonly suggestions: SwapSuggestionsService) {}

  @Get('projections/suggestions')
  @ApiOperation({
    summary:
      'A set of reciprocal swaps that can all be signed together (no seat twice), within a region or bordering regions, each good for both sides, with the local parties that would carry each leg; priced on the next election’s current scenario unless `scenario` picks another',
  })
  @ApiOkResponse({ type: SwapSetDto })
  @ApiErrors(400, 401, 422, 429, 503)
  async list(
    @CurrentUser() principal: Principal,
    @Query() query: SuggestionsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SwapSetDto> {
    const ticket = { owner: principal.userId, signal: clientGone(reply) };
    const { swaps, ...set } = await this.suggestions.suggestions(query, ticket);
    return {
      ...set,
      items: swaps.map((s) => ({ ...s, parties: [...s.parties], legs: [...s.legs] })),
      nextCursor: null,
    };
  }
}
