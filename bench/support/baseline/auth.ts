// The baseline's authentication, held to what the app does so the comparison is of the framework
// alone: the same bearer-token checks as JwtStrategy and the same principal reload, the same
// argon2id parameters for passwords, and access tokens with the same claims and lifetime.
import type { KeyObject } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import { AuthErrors } from '../../../apps/api/src/auth/auth.errors.js';
import { HASH_PARAMS } from '../../../apps/api/src/auth/hash-protocol.js';
import type { Principal } from '../../../apps/api/src/auth/principal.js';
import type { PrincipalLoader } from '../../../apps/api/src/auth/principal.loader.js';
import { JWT_AUDIENCE, JWT_ISSUER } from '../../../apps/api/src/auth/token.service.js';

export const ACCESS_TTL_SECONDS = 900;

const CLAIM_ID = /^[0-9a-f-]{36}$/;
const BEARER = /^\s*bearer\s+(\S+)\s*$/i;

/** The same verification as JwtStrategy: HS256 only, issuer, audience, expiry; then the principal reload. */
export function authenticator(key: KeyObject, principals: PrincipalLoader) {
  return async function authenticate(request: FastifyRequest): Promise<Principal> {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) {
      throw AuthErrors.invalidToken();
    }
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, key, {
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      }) as jwt.JwtPayload;
    } catch {
      throw AuthErrors.invalidToken();
    }
    const sub: unknown = claims.sub;
    const sid: unknown = claims.sid;
    if (
      typeof sub !== 'string' ||
      typeof sid !== 'string' ||
      !CLAIM_ID.test(sub) ||
      !CLAIM_ID.test(sid)
    ) {
      throw AuthErrors.invalidToken();
    }
    const principal = await principals.load(sub, sid);
    if (!principal) {
      throw AuthErrors.invalidToken();
    }
    return principal;
  };
}

/**
 * The bare floor for sign-ins: argon2id with the app's parameters on libuv's thread pool, as many
 * at once as arrive (the app instead caps hashing threads and sign-ins in flight, trading login
 * capacity for the other routes' latency; README "Performance").
 */
export function bareHasher() {
  const dummyHash = argonHash('pactroom-no-such-account', HASH_PARAMS);
  return {
    async verifyOrBurn(stored: string | undefined, password: string): Promise<boolean> {
      const ok = await argonVerify(stored ?? (await dummyHash), password).catch(() => false);
      return ok && stored !== undefined;
    },
  };
}

/** An access token for the session `familyId`, as TokenService signs it. */
export function signAccessToken(key: KeyObject, userId: string, familyId: string): string {
  return jwt.sign({ sid: familyId }, key, {
    algorithm: 'HS256',
    subject: userId,
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    expiresIn: ACCESS_TTL_SECONDS,
  });
}
