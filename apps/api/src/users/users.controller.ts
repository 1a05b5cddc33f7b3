import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { PageQueryDto } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  CreateUserDto,
  ListUsersQueryDto,
  UpdateUserDto,
  UserPageDto,
} from './dto/user-request.dto.js';
import type { FastifyReply } from 'fastify';
import { InvitationSentDto, UserResponseDto } from './dto/user-response.dto.js';
import { AccountAccessService } from './account-access.service.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin', 'coordinator')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly access: AccountAccessService,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Invite someone (coordinators: officer/member grants of their party and region only). ' +
      'Every invitation answers 202 {status: "invitation-sent", email}, also when the address ' +
      'already has an account (its owner is told instead; administrators get 409 EMAIL_TAKEN). ' +
      'An administrator may give `password` instead: the account is created at once (201).',
  })
  @ApiAcceptedResponse({ type: InvitationSentDto })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiErrors(400, 401, 403, 409, 422)
  async create(
    @CurrentUser() principal: Principal,
    @Body() body: CreateUserDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponseDto | InvitationSentDto> {
    const outcome = await this.users.createUser(principal, body);
    if (outcome.kind === 'created') {
      return outcome.user;
    }
    void reply.status(202);
    return { status: 'invitation-sent', email: outcome.email };
  }

  @Post(':id/invitation')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Send a new invitation (older links stop working); only while the account has no password',
  })
  @ApiAcceptedResponse({ type: InvitationSentDto })
  @ApiErrors(400, 401, 403, 404, 409)
  resendInvitation(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('USER_NOT_FOUND')) id: string,
  ): Promise<InvitationSentDto> {
    return this.access.resendInvitation(principal, id);
  }

  @Post(':id/unlock')
  @HttpCode(204)
  @ApiOperation({ summary: 'Clear the account’s failed-sign-in throttle so its owner may retry' })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404)
  async unlock(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('USER_NOT_FOUND')) id: string,
  ): Promise<void> {
    await this.access.unlock(principal, id);
  }

  @Get()
  @ApiOperation({ summary: 'Accounts the caller manages' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400, 401, 403)
  list(
    @CurrentUser() principal: Principal,
    @Query() query: ListUsersQueryDto,
  ): Promise<UserPageDto> {
    return this.users.listUsers(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(400, 401, 403, 404)
  get(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('USER_NOT_FOUND')) id: string,
  ): Promise<UserResponseDto> {
    return this.users.getManagedUser(principal, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit an account: name, password, disabled, grants (replaced as a whole)',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(400, 401, 403, 404, 422)
  update(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('USER_NOT_FOUND')) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponseDto> {
    return this.users.updateUser(principal, id, body);
  }

  @Get(':id/audit')
  @ApiOperation({
    summary:
      'The account’s management trail: created, renamed, password set, disabled, enabled, grants changed — hash-chained, with who did it (paged)',
  })
  @ApiErrors(400, 401, 403, 404)
  trail(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('USER_NOT_FOUND')) id: string,
    @Query() query: PageQueryDto,
  ) {
    return this.users.accountTrail(principal, id, query);
  }

  @Get(':id/audit/verify')
  @ApiOperation({
    summary:
      'Recompute the account’s trail and check it against the latest signed tree head (inclusion proof)',
  })
  @ApiErrors(400, 401, 403, 404)
  verifyTrail(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('USER_NOT_FOUND')) id: string,
  ) {
    return this.users.verifyAccountTrail(principal, id);
  }
}
