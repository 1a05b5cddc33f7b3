import { Body, Controller, Get, Post, Query } from '@nestjs/common';
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
import {
  CreateLocalPartyDto,
  LocalPartyDto,
  LocalPartyPageDto,
  LocalPartyQueryDto,
} from './dto/local-party.dto.js';
import { LocalPartiesService } from './local-parties.service.js';

@ApiTags('local-parties')
@ApiBearerAuth()
@Controller('local-parties')
export class LocalPartiesController {
  constructor(private readonly localParties: LocalPartiesService) {}

  @Get()
  @ApiOperation({ summary: 'Local parties (branches) with the constituencies they cover' })
  @ApiOkResponse({ type: LocalPartyPageDto })
  @ApiErrors(400, 401)
  list(@Query() query: LocalPartyQueryDto): Promise<LocalPartyPageDto> {
    return this.localParties.listLocalParties(query);
  }

  @Post()
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: 'Create a local party (coordinators: own party, own region)' })
  @ApiCreatedResponse({ type: LocalPartyDto })
  @ApiErrors(400, 401, 403, 409, 422)
  create(
    @CurrentUser() principal: Principal,
    @Body() body: CreateLocalPartyDto,
  ): Promise<LocalPartyDto> {
    return this.localParties.createLocalParty(principal, body);
  }
}
