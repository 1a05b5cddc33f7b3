import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { ContestsService } from './contests.service.js';
import { ContestDto, ContestListDto, SetPollingDayDto } from './dto/contest.dto.js';

@ApiTags('contests')
@ApiBearerAuth()
@Controller('contests')
export class ContestsController {
  constructor(private readonly contests: ContestsService) {}

  @Get()
  @ApiOperation({
    summary: 'Elections pacts are for, with their nomination calendars (times in UTC)',
  })
  @ApiOkResponse({ type: ContestListDto })
  @ApiErrors(401)
  async list(): Promise<ContestListDto> {
    return { items: await this.contests.listContests(), nextCursor: null };
  }

  @Get(':id')
  @ApiOkResponse({ type: ContestDto })
  @ApiErrors(401, 404)
  get(@Param('id') id: string): Promise<ContestDto> {
    return this.contests.getContest(id);
  }

  @Put(':id/polling-day')
  @Roles('admin')
  @ApiOperation({
    summary: 'Set the polling day once the election is called (admin); the change is kept',
  })
  @ApiOkResponse({ type: ContestDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  setPollingDay(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Body() body: SetPollingDayDto,
  ): Promise<ContestDto> {
    return this.contests.setPollingDay(principal, id, body);
  }
}
