import { randomUUID } from 'node:crypto';
import { RefreshTokenService } from '../../src/auth/refresh-token.service.js';
import { TokenService } from '../../src/auth/token.service.js';
import type { TestApp } from './test-app.js';

/**
 * Access tokens for many accounts at once, as a sign-in would issue them (a session family with its
 * refresh token, and an access token of that session) but without hashing a password per account:
 * for tests of many people acting together (login is tested on its own).
 */
export async function sessionTokens(t: TestApp, userIds: readonly string[]): Promise<string[]> {
  const refresh = t.app.get(RefreshTokenService);
  const tokens = t.app.get(TokenService);
  const now = new Date();
  const out: string[] = [];
  for (const userId of userIds) {
    const familyId = randomUUID();
    await refresh.issue(t.dataSource.manager, userId, familyId, now);
    out.push(tokens.signAccessToken(userId, familyId));
  }
  return out;
}
