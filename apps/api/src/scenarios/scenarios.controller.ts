import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  ContestScenarioDto,
  CreateScenarioDto,
  ScenarioDto,
  ScenarioListDto,
  ScenarioListQueryDto,
  SetContestScenarioDto,
} from './dto/scenario.dto.js';
import { ScenariosService } from './scenarios.service.js';

/** 404 for a malformed id, like an absent one. */
const SCENARIO_ID = uuidPipe('SCENARIO_NOT_FOUND');

@ApiTags('scenarios')
@ApiBearerAuth()
@Controller('scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Publish a named swing scenario (admin); checked against the election’s baseline, never edited or deleted afterwards',
  })
  @ApiCreatedResponse({ type: ScenarioDto })
  @ApiErrors(400, 401, 403, 422)
  publish(@CurrentUser() principal: Principal, @Body() body: CreateScenarioDto) {
    return this.scenarios.publish(principal, body);
  }

  @Get()
  @ApiOperation({ summary: 'Published scenarios, newest first (anyone signed in: public polls)' })
  @ApiOkResponse({ type: ScenarioListDto })
  @ApiErrors(400, 401)
  async list(@Query() query: ScenarioListQueryDto): Promise<ScenarioListDto> {
    return { items: await this.scenarios.list(query.boundarySet), nextCursor: null };
  }

  @Get(':id')
  @ApiOkResponse({ type: ScenarioDto })
  @ApiErrors(401, 404)
  get(@Param('id', SCENARIO_ID) id: string): Promise<ScenarioDto> {
    return this.scenarios.get(id);
  }
}

@ApiTags('contests')
@ApiBearerAuth()
@Controller('contests')
export class ContestScenarioController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Get(':id/scenario')
  @ApiOperation({ summary: 'The scenario the contest’s pacts are projected on (null: baseline)' })
  @ApiOkResponse({ type: ContestScenarioDto })
  @ApiErrors(401, 404)
  get(@Param('id') id: string): Promise<ContestScenarioDto> {
    return this.scenarios.contestScenario(id);
  }

  @Put(':id/scenario')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Set the contest’s current scenario (admin): pact impacts use it unless the viewer picks another; the change is kept',
  })
  @ApiOkResponse({ type: ContestScenarioDto })
  @ApiErrors(400, 401, 403, 404, 422)
  set(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Body() body: SetContestScenarioDto,
  ): Promise<ContestScenarioDto> {
    return this.scenarios.setContestScenario(principal, id, body);
  }
}
