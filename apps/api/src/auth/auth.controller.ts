import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommonErrors } from '../common/api-error.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { Public } from '../common/public.decorator.js';
import { UserResponseDto } from '../users/dto/user-response.dto.js';
import { UsersService } from '../users/users.service.js';
import { AuthService } from './auth.service.js';
import { LoginDto, LoginResponseDto, RefreshDto, TokenPairDto } from './dto/login.dto.js';
import { CurrentUser, type Principal } from './principal.js';

/**
 * passport-local leaves an empty body without a call to `validate`, answering 400 "Missing
 * credentials" through Nest as a 401; the strategy's own DTO check covers the other malformed cases.
 */
class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error instanceof Error) {
      throw error;
    }
    if (!user) {
      throw CommonErrors.validation([
        { field: 'email', problems: ['email and password are required'] },
      ]);
    }
    return user;
  }
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiOperation({ summary: 'Sign in with email and password (throttled per account and per IP)' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 403, 429)
  async login(@Req() request: { user: { userId: string } }): Promise<LoginResponseDto> {
    const { tokens, user } = await this.auth.startSession(request.user.userId);
    return { ...tokens, user };
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; the old one stops working' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(400, 401)
  refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Revoke this session: its refresh tokens and access tokens stop working',
  })
  @ApiErrors(401)
  async logout(@CurrentUser() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @Post('logout-all')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Sign out everywhere: every session of your account, this one included, stops working at once',
  })
  @ApiErrors(401)
  async logoutAll(@CurrentUser() principal: Principal): Promise<void> {
    await this.auth.logoutEverywhere(principal);
  }
}

@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user and their grants' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(401)
  me(@CurrentUser() principal: Principal): Promise<UserResponseDto> {
    return this.users.getUser(principal.userId);
  }
}
