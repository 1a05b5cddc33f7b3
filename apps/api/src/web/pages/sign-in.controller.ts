import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../common/api-error.js';
import { Public } from '../../common/public.decorator.js';
import { renderPage } from '../render.js';
import { WebSessions } from '../web-sessions.js';

/** Only a path on this site (never `//elsewhere` or a full URL): where to go after signing in. */
export function safeNext(next: unknown): string {
  // Printable ASCII only: a control character would make the Location header itself invalid.
  return typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && next.length <= 500
    ? next
    : '/';
}

interface SignInForm {
  email?: unknown;
  password?: unknown;
  next?: unknown;
}

/** Sign in and out: the API's password check, throttles and messages, with a browser session. */
@ApiExcludeController()
@Controller()
export class SignInController {
  constructor(private readonly sessions: WebSessions) {}

  @Public()
  @Get('sign-in')
  async form(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
    @Query('ended') ended?: string,
    @Query('signed-out') signedOut?: string,
    @Query('reset') reset?: string,
  ) {
    if (await this.sessions.principalOf(request)) {
      return reply.redirect(safeNext(next), 303);
    }
    const notice =
      ended === '1'
        ? 'Your session has ended. Sign in again to carry on.'
        : signedOut === '1'
          ? 'You have signed out.'
          : signedOut === 'everywhere'
            ? 'You have signed out everywhere: every session of your account has ended.'
            : reset === '1'
              ? 'Your password was changed and every session ended. Sign in with your new password.'
              : undefined;
    return renderPage(request, reply, 'sign-in', {
      title: 'Sign in',
      next: safeNext(next),
      notice,
      email: '',
    });
  }

  @Public()
  @Post('sign-in')
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = (request.body ?? {}) as SignInForm;
    const email = typeof form.email === 'string' ? form.email : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const next = safeNext(form.next);
    if (email.trim() === '' || password === '') {
      return renderPage(
        request,
        reply,
        'sign-in',
        { title: 'Sign in', next, email, error: 'Enter your email address and your password.' },
        400,
      );
    }
    try {
      await this.sessions.signIn(reply, email, password, request.ip);
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.headers) {
          void reply.headers(error.headers);
        }
        return renderPage(
          request,
          reply,
          'sign-in',
          { title: 'Sign in', next, email, error: error.message },
          error.status,
        );
      }
      throw error;
    }
    return reply.redirect(next, 303);
  }

  @Public()
  @Post('sign-out')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.sessions.signOut(request, reply);
    return reply.redirect('/sign-in?signed-out=1', 303);
  }
}
