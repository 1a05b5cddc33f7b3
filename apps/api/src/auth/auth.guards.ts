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

/** The role rule of `@Roles(...)`: the caller holds a grant of one of them (403 otherwise). */
export function requireRole(user: Principal, roles: readonly Role[], message?: string): void {
  if (roles.length > 0 && !user.grants.some((g) => roles.includes(g.role))) {
    throw CommonErrors.forbidden(message);
  }
}

/** The roles a route is marked with (`@Roles`, or `@Page(...roles)` for a page). */
export function rolesOf(reflector: Reflector, context: ExecutionContext): Role[] {
  return (
    reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]) ?? []
  );
}

/**
 * Global guard: routes marked `@Roles(...)` need a grant of one of those roles (403 otherwise).
 * Public routes have no token to check here; a page's session guard applies the same rule once it
 * has loaded the browser session's principal.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = rolesOf(this.reflector, context);
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles.length === 0 || isPublic) {
      return true;
    }
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!user) {
      throw CommonErrors.unauthenticated();
    }
    requireRole(user, roles);
    return true;
  }
}
