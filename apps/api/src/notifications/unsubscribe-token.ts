import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in a mail's List-Unsubscribe link: who and which kind, signed with a key derived from
 * the app secret, so one click turns that kind off without signing in (RFC 8058) and nobody can
 * forge it for someone else.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('pactroom:unsubscribe').digest();
  }

  issue(userId: string, kind: string): string {
    const body = Buffer.from(`${userId} ${kind}`).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The (user, kind) a token names, or `undefined` if it was not issued by us. */
  read(token: string): { userId: string; kind: string } | undefined {
    const [body = '', mac = '', ...rest] = token.split('.');
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (rest.length > 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return undefined;
    }
    const [userId, kind] = Buffer.from(body, 'base64url').toString('utf8').split(' ');
    return userId && kind ? { userId, kind } : undefined;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
