import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Grant } from '@pactroom/accounts';
import type { FastifyRequest } from 'fastify';

/** The signed-in user as every route sees it, loaded fresh on each request. */
export interface Principal {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly grants: readonly Grant[];
  /** The refresh-token family (login session) the access token belongs to. */
  readonly sessionId: string;
}

/** Injects the authenticated principal (set by the JWT strategy). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    if (!request.user) {
      throw new Error('CurrentUser used on a public route');
    }
    return request.user;
  },
);
