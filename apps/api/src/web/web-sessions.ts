import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@pactroom/accounts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireRole, rolesOf } from '../auth/auth.guards.js';
import { Roles } from '../auth/roles.decorator.js';
import { AuthService } from '../auth/auth.service.js';
import { PrincipalCache } from '../auth/principal.cache.js';
import type { Principal } from '../auth/principal.js';
import { Public } from '../common/public.decorator.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { InboxCounts } from '../notifications/inbox-counts.js';
import { encodeSession, SESSION_COOKIE, sessionInRequest } from './session-cookie.js';

/** Thrown by a page that needs a signed-in viewer; the filter answers with the sign-in page. */
export class SignInRequired extends Error {
  override name = 'SignInRequired';
  constructor(readonly ended: boolean) {
    super('sign in required');
  }
}

type PageRequest = FastifyRequest & { user?: Principal; inboxUnread?: number };

const ROLE_WORDS: Readonly<Record<Role, string>> = {
  admin: 'administrators',
  coordinator: 'regional coordinators',
  officer: 'local party officers',
  member: 'members',
  national: 'party headquarters',
};

/**
 * Browser sessions for the pages: a signed, httpOnly cookie naming a session of the API's kind (a
 * refresh-token family). Each request loads its principal through the same cache as the API's
 * bearer tokens, so signing out, a disabled account or changed grants act at the next request.
 */
@Injectable()
export class WebSessions {
  constructor(
    private readonly auth: AuthService,
    private readonly principals: PrincipalCache,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Checks the password (the API's throttles and messages) and sets the session cookie. */
  async signIn(reply: FastifyReply, email: string, password: string, ip: string): Promise<void> {
    await this.establish(reply, await this.auth.verifyCredentials(email, password, ip));
  }

  /**
   * Starts a new session for an account whose owner has just proved who they are (a password
   * checked, or chosen from a mailed link) and sets the session cookie.
   */
  async establish(reply: FastifyReply, userId: string): Promise<void> {
    const { sessionId } = await this.auth.startSession(userId);
    const ttl = this.config.auth.webSessionTtlSeconds;
    const expiresAt = Math.floor(Date.now() / 1000) + ttl;
    void reply.setCookie(SESSION_COOKIE, encodeSession({ userId, sessionId, expiresAt }), {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.env === 'production',
      signed: true,
      path: '/',
      maxAge: ttl,
    });
  }

  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const principal = await this.principalOf(request);
    if (principal) {
      await this.auth.logout(principal);
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** The signed-in principal, or undefined when there is no live session. */
  async principalOf(request: FastifyRequest): Promise<Principal | undefined> {
    const session = sessionInRequest(request);
    if (!session || session.expiresAt * 1000 <= Date.now()) {
      return undefined;
    }
    return this.principals.load(session.userId, session.sessionId);
  }

  hasCookie(request: FastifyRequest): boolean {
    return request.cookies[SESSION_COOKIE] !== undefined;
  }
}

/** Lets a page through only with a live browser session, and puts its principal on the request. */
@Injectable()
export class PageSessionGuard implements CanActivate {
  constructor(
    private readonly sessions: WebSessions,
    private readonly reflector: Reflector,
    private readonly inbox: InboxCounts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PageRequest>();
    const principal = await this.sessions.principalOf(request);
    if (!principal) {
      throw new SignInRequired(this.sessions.hasCookie(request));
    }
    // The API's own role rule, now that there is a principal to apply it to.
    const roles = rolesOf(this.reflector, context);
    requireRole(
      principal,
      roles,
      `This page is for ${roles.map((r) => ROLE_WORDS[r]).join(' and ')}.`,
    );
    request.user = principal;
    // The header's inbox badge, on every full page (kept per person: no query while unchanged).
    if (request.method === 'GET') {
      request.inboxUnread = await this.inbox.unread(principal.userId);
    }
    return true;
  }
}

/**
 * A page for signed-in people (no bearer token: the session cookie); with roles, only for holders
 * of a grant of one of them — the same rule, and the same metadata, as the API's `@Roles`.
 */
export const Page = (...roles: Role[]) =>
  applyDecorators(Public(), Roles(...roles), UseGuards(PageSessionGuard));

/** The signed-in viewer of a `@Page()`. */
export const Viewer = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<PageRequest>();
  if (!request.user) {
    throw new Error('Viewer used outside a @Page()');
  }
  return request.user;
});
