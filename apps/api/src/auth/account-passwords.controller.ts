import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { Public } from '../common/public.decorator.js';
import { AccountPasswordsService } from './account-passwords.service.js';
import {
  ChangePasswordDto,
  PasswordResetRequestDto,
  PasswordResetRequestedDto,
  SetPasswordWithTokenDto,
} from './dto/password.dto.js';
import { CurrentUser, type Principal } from './principal.js';

/** Passwords people choose themselves: invitations, resets by mail, and changes. */
@ApiTags('auth')
@Controller('auth')
export class AccountPasswordsController {
  constructor(private readonly passwords: AccountPasswordsService) {}

  @Public()
  @Post('invitations/accept')
  @HttpCode(204)
  @ApiOperation({ summary: 'Choose the first password of an invited account (single-use link)' })
  @ApiNoContentResponse()
  @ApiErrors(400)
  async accept(@Body() body: SetPasswordWithTokenDto): Promise<void> {
    await this.passwords.acceptInvitation(body.token, body.password);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ask for a reset link by mail. The same answer whether or not the address has an account; at most 3 links an hour per account.',
  })
  @ApiAcceptedResponse({ type: PasswordResetRequestedDto })
  @ApiErrors(400)
  async requestReset(@Body() body: PasswordResetRequestDto): Promise<PasswordResetRequestedDto> {
    await this.passwords.requestReset(body.email);
    return { status: 'password-reset-requested' };
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password from a reset link; every session of the account ends',
  })
  @ApiNoContentResponse()
  @ApiErrors(400)
  async confirmReset(@Body() body: SetPasswordWithTokenDto): Promise<void> {
    await this.passwords.confirmReset(body.token, body.password);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Change your password (the current one is required); every session ends, this one included',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 429)
  async change(
    @CurrentUser() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<void> {
    await this.passwords.changePassword(principal, body.currentPassword, body.newPassword, ip);
  }
}
