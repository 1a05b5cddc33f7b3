import type { FastifyRequest } from 'fastify';

/**
 * What the browser session cookie holds: the user, the session (refresh-token family, so logging out
 * or disabling the account ends it exactly as it ends the API's tokens) and when it expires. The
 * cookie is signed (@fastify/cookie), so none of it can be forged; it says nothing secret.
 */
export interface BrowserSession {
  readonly userId: string;
  readonly sessionId: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

export const SESSION_COOKIE = 'pactroom_session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeSession(session: BrowserSession): string {
  return `${session.userId}.${session.sessionId}.${session.expiresAt}`;
}

/** The session in an (already unsigned) cookie value; undefined when malformed. */
export function decodeSession(value: string): BrowserSession | undefined {
  const [userId = '', sessionId = '', expires = '', ...rest] = value.split('.');
  if (
    rest.length > 0 ||
    !UUID.test(userId) ||
    !UUID.test(sessionId) ||
    !/^\d{1,12}$/.test(expires)
  ) {
    return undefined;
  }
  return { userId, sessionId, expiresAt: Number(expires) };
}

/** The session named by a request's cookie, if its signature holds (expired or not). */
export function sessionInRequest(request: FastifyRequest): BrowserSession | undefined {
  const raw = request.cookies[SESSION_COOKIE];
  if (raw === undefined) {
    return undefined;
  }
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value !== null ? decodeSession(unsigned.value) : undefined;
}

/** What a CSRF token is bound to: the session, or (before sign-in) no session at all. */
export function csrfBinding(request: FastifyRequest): string {
  return sessionInRequest(request)?.sessionId ?? 'signed-out';
}
