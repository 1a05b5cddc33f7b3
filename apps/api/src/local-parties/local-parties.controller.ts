import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
  CreateLocalPartyDto,
  LocalPartyDto,
  LocalPartyEventDto,
  LocalPartyPageDto,
  LocalPartyQueryDto,
  RetireLocalPartyDto,
  UpdateLocalPartyDto,
} from './dto/local-party.dto.js';
import { LocalPartyErrors } from './local-parties.errors.js';
import { LocalPartiesService } from './local-parties.service.js';

const ID = uuidPipe('LOCAL_PARTY_NOT_FOUND');

@ApiTags('local-parties')
@ApiBearerAuth()
@Controller('local-parties')
export class LocalPartiesController {
  constructor(private readonly localParties: LocalPartiesService) {}

  @Get()
  @ApiOperation({
    summary: 'Local parties (branches) with the seats they cover, on every boundary set',
    description: 'Retired local parties are listed too (with `retiredAt`); filter with `retired`.',
  })
  @ApiOkResponse({ type: LocalPartyPageDto })
  @ApiErrors(400, 401)
  list(@Query() query: LocalPartyQueryDto): Promise<LocalPartyPageDto> {
    return this.localParties.listLocalParties(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One local party, retired or not' })
  @ApiOkResponse({ type: LocalPartyDto })
  @ApiErrors(401, 404)
  async get(@Param('id', ID) id: string): Promise<LocalPartyDto> {
    const found = await this.localParties.getLocalParty(id);
    if (!found) {
      throw LocalPartyErrors.notFound();
    }
    return found;
  }

  @Post()
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary: 'Create a local party (coordinators: own party, own region)',
    description:
      'Its seats may be on several boundary sets (2010 and 2024), all in one region. 409 ' +
      'LOCAL_PARTY_EXISTS: an active local party of the party in the region has the name (any ' +
      'case); 409 LOCAL_PARTY_SEAT_TAKEN: an active local party of the party covers a seat.',
  })
  @ApiCreatedResponse({ type: LocalPartyDto })
  @ApiErrors(400, 401, 403, 409, 422)
  create(
    @CurrentUser() principal: Principal,
    @Body() body: CreateLocalPartyDto,
  ): Promise<LocalPartyDto> {
    return this.localParties.createLocalParty(principal, body);
  }

  @Patch(':id')
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary:
      'Rename a local party and/or replace its seats (admins; coordinators: own party, own region)',
    description:
      '`constituencies` is the complete new list, on any boundary sets, in the local party’s ' +
      'region. Recorded in its history (`GET /api/local-parties/:id/events`). 404 outside your ' +
      'scope; 409 LOCAL_PARTY_RETIRED for a retired one; 409 LOCAL_PARTY_EXISTS and ' +
      'LOCAL_PARTY_SEAT_TAKEN as on create.',
  })
  @ApiOkResponse({ type: LocalPartyDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ID) id: string,
    @Body() body: UpdateLocalPartyDto,
  ): Promise<LocalPartyDto> {
    return this.localParties.updateLocalParty(principal, id, body);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary: 'Retire a local party, with a reason (admins; coordinators: own party, own region)',
    description:
      'Nothing is deleted: it stays listed (with `retiredAt`) and in every pact that names it, ' +
      'but cannot join a new pact (422 LOCAL_PARTY_RETIRED) and no longer holds its name or seats.',
  })
  @ApiOkResponse({ type: LocalPartyDto })
  @ApiErrors(400, 401, 403, 404, 409)
  retire(
    @CurrentUser() principal: Principal,
    @Param('id', ID) id: string,
    @Body() body: RetireLocalPartyDto,
  ): Promise<LocalPartyDto> {
    return this.localParties.retireLocalParty(principal, id, body);
  }

  @Get(':id/events')
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary: 'What happened to a local party and who did it (created, edited, retired)',
  })
  @ApiOkResponse({ type: [LocalPartyEventDto] })
  @ApiErrors(401, 403, 404)
  events(
    @CurrentUser() principal: Principal,
    @Param('id', ID) id: string,
  ): Promise<LocalPartyEventDto[]> {
    return this.localParties.localPartyEvents(principal, id);
  }
}
