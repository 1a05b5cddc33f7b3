import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { TOKEN_ID } from '../common/validation.decorators.js';
import { AuthErrors } from './auth.errors.js';
import { PrincipalCache } from './principal.cache.js';
import type { Principal } from './principal.js';
import { JWT_AUDIENCE, JWT_ISSUER, TokenService, type AccessClaims } from './token.service.js';

/**
 * Bearer JWT verification: HS256 only (an `alg: none` or RS/HS confusion token is refused by the
 * algorithm list), issuer, audience, expiry and not-before checked by jsonwebtoken; then the user
 * and session, from the principal cache that every change to them evicts at once (PrincipalCache),
 * so disabled accounts and revoked sessions stop at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    tokens: TokenService,
    private readonly principals: PrincipalCache,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: tokens.key as unknown as string,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: Partial<AccessClaims>): Promise<Principal> {
    if (
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      !TOKEN_ID.test(claims.sub) ||
      !TOKEN_ID.test(claims.sid)
    ) {
      throw AuthErrors.invalidToken();
    }
    const principal = await this.principals.load(claims.sub, claims.sid);
    if (!principal) {
      throw AuthErrors.invalidToken();
    }
    return principal;
  }
}
