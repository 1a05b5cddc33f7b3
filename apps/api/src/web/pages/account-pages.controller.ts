import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountPasswordsService } from '../../auth/account-passwords.service.js';
import { AuthService } from '../../auth/auth.service.js';
import {
  ChangePasswordDto,
  PasswordResetRequestDto,
  SetPasswordWithTokenDto,
} from '../../auth/dto/password.dto.js';
import type { Principal } from '../../auth/principal.js';
import { ApiError, CommonErrors } from '../../common/api-error.js';
import { Public } from '../../common/public.decorator.js';
import { UsersService } from '../../users/users.service.js';
import { fieldText, validated } from '../page-input.js';
import { renderPage } from '../render.js';
import { SESSION_COOKIE } from '../session-cookie.js';
import { Page, Viewer, WebSessions } from '../web-sessions.js';
import { formErrorsOf, type FormErrors } from './admin-forms.js';

const WORDING = {
  labels: {
    password: 'New password',
    newPassword: 'New password',
    confirm: 'The repeated password',
    currentPassword: 'Current password',
    email: 'Email address',
    token: 'The link',
  },
};
const NOTICES: Readonly<Record<string, string>> = {
  welcome: 'Your password is set and you are signed in. Welcome to Pactroom.',
  password: 'Your password was changed. Every other session has been signed out.',
};

type Form = Record<string, unknown>;

/** Form errors for a service's ApiError (its own words, fields named as on the form). */
function errorsOf(error: unknown): FormErrors {
  if (error instanceof ApiError && error.status < 500) {
    return formErrorsOf(error, WORDING);
  }
  throw error;
}

/** The "repeat it" check of a form: a typo in a password nobody can see is easy to make. */
function mismatch(form: Form, field: string): ApiError | undefined {
  return fieldText(form, field) === fieldText(form, 'confirm')
    ? undefined
    : CommonErrors.validation([
        { field: 'confirm', problems: ['is not the same as the new password'] },
      ]);
}

/**
 * The pages where people look after their own password: accepting an invitation, asking for and
 * using a reset link (all public: the link is the proof), and the signed-in account page. Every
 * rule is the AccountPasswordsService's; the pages only map forms to it.
 */
@ApiExcludeController()
@Controller()
export class AccountPagesController {
  constructor(
    private readonly passwords: AccountPasswordsService,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly sessions: WebSessions,
  ) {}

  @Public()
  @Get('invitation/:token')
  async invitation(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.setPasswordForm(request, reply, 'invitation', token);
  }

  @Public()
  @Post('invitation/:token')
  async acceptInvitation(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = (request.body ?? {}) as Form;
    try {
      const dto = await this.setPasswordInput(token, form);
      const userId = await this.passwords.acceptInvitation(dto.token, dto.password);
      await this.sessions.establish(reply, userId);
    } catch (error) {
      return this.setPasswordForm(request, reply, 'invitation', token, errorsOf(error));
    }
    return reply.redirect('/account?done=welcome', 303);
  }

  @Public()
  @Get('password-reset')
  async resetRequestForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return renderPage(request, reply, 'password-reset', {
      title: 'Reset your password',
      email: '',
    });
  }

  /** The same page for every address: it must not say whether one has an account. */
  @Public()
  @Post('password-reset')
  async requestReset(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const email = fieldText((request.body ?? {}) as Form, 'email');
    try {
      const dto = await validated({ email }, PasswordResetRequestDto);
      await this.passwords.requestReset(dto.email);
    } catch (error) {
      const errors = errorsOf(error);
      return renderPage(
        request,
        reply,
        'password-reset',
        { title: 'Reset your password', email, errors },
        400,
      );
    }
    return renderPage(request, reply, 'password-reset', {
      title: 'Check your email',
      email,
      sent: true,
    });
  }

  @Public()
  @Get('password-reset/:token')
  async resetForm(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.setPasswordForm(request, reply, 'reset', token);
  }

  @Public()
  @Post('password-reset/:token')
  async confirmReset(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = (request.body ?? {}) as Form;
    try {
      const dto = await this.setPasswordInput(token, form);
      await this.passwords.confirmReset(dto.token, dto.password);
    } catch (error) {
      return this.setPasswordForm(request, reply, 'reset', token, errorsOf(error));
    }
    // Every session ended, this browser's too: sign in with the new password.
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in?reset=1', 303);
  }

  @Page()
  @Get('account')
  async account(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done?: string,
  ) {
    return this.accountPage(request, reply, viewer, { notice: NOTICES[done ?? ''] });
  }

  /** A changed password ends every session; this browser carries on in a fresh one. */
  @Page()
  @Post('account/password')
  async changePassword(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = (request.body ?? {}) as Form;
    try {
      const problem = mismatch(form, 'newPassword');
      const dto = await validated(
        {
          currentPassword: fieldText(form, 'currentPassword'),
          newPassword: fieldText(form, 'newPassword'),
        },
        ChangePasswordDto,
      );
      if (problem) {
        throw problem;
      }
      await this.passwords.changePassword(viewer, dto.currentPassword, dto.newPassword, request.ip);
      await this.sessions.establish(reply, viewer.userId);
    } catch (error) {
      const errors = errorsOf(error);
      if (error instanceof ApiError && error.headers) {
        void reply.headers(error.headers);
      }
      const status = error instanceof ApiError ? error.status : 400;
      return this.accountPage(request, reply, viewer, { errors }, status);
    }
    return reply.redirect('/account?done=password', 303);
  }

  @Page()
  @Post('account/sign-out-everywhere')
  async signOutEverywhere(@Viewer() viewer: Principal, @Res() reply: FastifyReply) {
    await this.auth.logoutEverywhere(viewer);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in?signed-out=everywhere', 303);
  }

  private async accountPage(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Principal,
    model: { notice?: string; errors?: FormErrors },
    status = 200,
  ) {
    const me = await this.users.getUser(viewer.userId);
    return renderPage(request, reply, 'account', { title: 'Your account', me, ...model }, status);
  }

  /** A set-password form's input checked by the API's DTO, and its two passwords compared. */
  private async setPasswordInput(token: string, form: Form): Promise<SetPasswordWithTokenDto> {
    const dto = await validated(
      { token, password: fieldText(form, 'password') },
      SetPasswordWithTokenDto,
    );
    const problem = mismatch(form, 'password');
    if (problem) {
      throw problem;
    }
    return dto;
  }

  /** The form to choose a password from a link; a dead link says so at once, with what to do. */
  private async setPasswordForm(
    request: FastifyRequest,
    reply: FastifyReply,
    purpose: 'invitation' | 'reset',
    token: string,
    errors?: FormErrors,
  ) {
    const live = await this.passwords.isLinkLive(
      token,
      purpose === 'invitation' ? 'invitation' : 'password-reset',
    );
    return renderPage(
      request,
      reply,
      'set-password',
      {
        title: purpose === 'invitation' ? 'Choose your password' : 'Choose a new password',
        purpose,
        action: `/${purpose === 'invitation' ? 'invitation' : 'password-reset'}/${encodeURIComponent(token)}`,
        live,
        errors,
      },
      errors || !live ? 400 : 200,
    );
  }
}
