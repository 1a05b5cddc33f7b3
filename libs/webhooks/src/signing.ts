import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing, the scheme receivers already have
 * libraries for: the signed content is `${id}.${timestamp}.${body}`, its HMAC-SHA256 under the
 * base64-decoded secret is sent as `v1,<base64>` in `webhook-signature`, several space-separated
 * while more than one secret is valid (rotation), with `webhook-id` (the same on every retry, so
 * a receiver can drop duplicates) and `webhook-timestamp` (unix seconds, against replays).
 */

const SECRET_PREFIX = 'whsec_';

/** The three headers a delivery carries. */
export type WebhookHeaders = {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
};

/** Why a receiver refused a message. */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

/** A new secret from 32 random bytes (`randomBytes(32)`): `whsec_` and their base64. */
export function generateSecret(bytes: Buffer): string {
  if (bytes.length !== 32) {
    throw new Error('a webhook secret is 32 random bytes');
  }
  return SECRET_PREFIX + bytes.toString('base64');
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) {
    throw new WebhookVerificationError('the secret is empty or not base64');
  }
  return key;
}

/** One `v1,<base64>` signature of a message under one secret. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/** The headers of a message signed with every currently valid secret (at least one). */
export function signMessage(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): WebhookHeaders {
  if (secrets.length === 0) {
    throw new Error('no secret to sign with');
  }
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => signature(s, id, timestamp, body)).join(' '),
  };
}

function header(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  name: string,
): string {
  const value = headers[name] ?? headers[name.toLowerCase()];
  const text = Array.isArray(value) ? value.join(' ') : (value as string | undefined);
  if (!text) {
    throw new WebhookVerificationError(`missing header ${name}`);
  }
  return text;
}

/**
 * What a receiver does: checks the timestamp is within `toleranceSeconds` of `now` and that one
 * of the `v1` signatures matches one of its `secrets` (compared in constant time). Returns the
 * message id and timestamp; throws `WebhookVerificationError` saying why otherwise.
 */
export function verify(
  secrets: string | readonly string[],
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): { id: string; timestamp: number } {
  const id = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!/^\d{1,12}$/.test(timestampText)) {
    throw new WebhookVerificationError('webhook-timestamp is not unix seconds');
  }
  const timestamp = Number(timestampText);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    throw new WebhookVerificationError('webhook-timestamp is outside the tolerance');
  }
  const offered = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const expected = Buffer.from(signature(secret, id, timestamp, body).slice(3), 'base64');
    if (offered.some((o) => o.length === expected.length && timingSafeEqual(o, expected))) {
      return { id, timestamp };
    }
  }
  throw new WebhookVerificationError('no matching signature');
}
