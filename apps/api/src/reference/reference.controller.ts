import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { PageQueryDto, type Page } from '../common/pagination.js';
import {
  ConstituencyPageDto,
  ConstituencyQueryDto,
  ConstituencyResultDto,
  ElectionPageDto,
  PartyPageDto,
  RegionPageDto,
} from './dto/reference.dto.js';
import { ReferenceService } from './reference.service.js';

/** The reference lists are short (≤ 24 rows) and answered whole: nextCursor is always null. */
const whole = <T>(items: T[]): Page<T> => ({ items, nextCursor: null });

@ApiTags('reference')
@ApiBearerAuth()
@Controller()
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('parties')
  @ApiOkResponse({ type: PartyPageDto })
  @ApiErrors(400, 401)
  async parties(@Query() _query: PageQueryDto): Promise<PartyPageDto> {
    return whole(await this.reference.listParties());
  }

  @Get('regions')
  @ApiOkResponse({ type: RegionPageDto })
  @ApiErrors(400, 401)
  async regions(@Query() _query: PageQueryDto): Promise<RegionPageDto> {
    return whole(await this.reference.listRegions());
  }

  @Get('elections')
  @ApiOperation({ summary: 'The loaded result sets with their seat totals' })
  @ApiOkResponse({ type: ElectionPageDto })
  @ApiErrors(400, 401)
  async elections(@Query() _query: PageQueryDto): Promise<ElectionPageDto> {
    return whole(await this.reference.listElections());
  }

  @Get('elections/:election/constituencies')
  @ApiOperation({ summary: 'Constituencies of an election with winner and majority, by ONS code' })
  @ApiOkResponse({ type: ConstituencyPageDto })
  @ApiErrors(400, 401, 404)
  constituencies(
    @Param('election') election: string,
    @Query() query: ConstituencyQueryDto,
  ): Promise<ConstituencyPageDto> {
    return this.reference.listConstituencies(election, query);
  }

  @Get('elections/:election/constituencies/:onsCode')
  @ApiOperation({
    summary: 'Full result: votes per party, candidates, electorate, turnout, winner, majority',
  })
  @ApiOkResponse({ type: ConstituencyResultDto })
  @ApiErrors(401, 404)
  constituency(
    @Param('election') election: string,
    @Param('onsCode') onsCode: string,
  ): Promise<ConstituencyResultDto> {
    return this.reference.getConstituencyResult(election, onsCode);
  }
}
