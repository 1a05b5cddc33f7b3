import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Role } from '@pactroom/accounts';
import { CommonErrors } from '../common/api-error.js';
import { IS_PUBLIC } from '../common/public.decorator.js';
import { AuthErrors } from './auth.errors.js';
import type { Principal } from './principal.js';
import { ROLES_KEY } from './roles.decorator.js';

/** Global guard: every route needs a valid access token unless marked `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error instanceof Error) {
      throw error;
    }
    if (!user) {
      throw AuthErrors.invalidToken();
    }
    return user;
  }
}

/** Global guard: routes marked `@Roles(...)` need a grant of one of those roles (403 otherwise). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) {
      return true;
    }
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!user) {
      throw CommonErrors.unauthenticated();
    }
    if (!user.grants.some((g) => roles.includes(g.role))) {
      throw CommonErrors.forbidden();
    }
    return true;
  }
}
