import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
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
import { PageQueryDto } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  CreateUserDto,
  ListUsersQueryDto,
  UpdateUserDto,
  UserPageDto,
} from './dto/user-request.dto.js';
import { UserResponseDto } from './dto/user-response.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin', 'coordinator')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary:
      'Create an account (coordinators: officer/member grants of their party and region only)',
  })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiErrors(400, 401, 403, 409, 422)
  create(
    @CurrentUser() principal: Principal,
    @Body() body: CreateUserDto,
  ): Promise<UserResponseDto> {
    return this.users.createUser(principal, body);
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
