import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccountTokenEntity, type AccountTokenPurpose } from './account-token.entity.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A token as mailed (never stored) and when it stops working. */
export interface IssuedAccountToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * Issues a one-time token (32 random bytes, base64url) in the caller's transaction, voiding the
 * account's older unused tokens of the same purpose: only the newest link works.
 */
export async function issueAccountToken(
  manager: EntityManager,
  input: {
    userId: string;
    purpose: AccountTokenPurpose;
    ttlMs: number;
    createdBy: string | null;
    now: Date;
  },
): Promise<IssuedAccountToken> {
  await voidAccountTokens(manager, input.userId, input.now, input.purpose);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.ttlMs);
  await manager.insert(AccountTokenEntity, {
    id: randomUUID(),
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: sha256(token),
    createdAt: input.now,
    expiresAt,
    usedAt: null,
    voidedAt: null,
    createdBy: input.createdBy,
  });
  return { token, expiresAt };
}

/** Marks the account's unused tokens (of one purpose, or all) void. */
export async function voidAccountTokens(
  manager: EntityManager,
  userId: string,
  now: Date,
  purpose?: AccountTokenPurpose,
): Promise<void> {
  await manager.query(
    `UPDATE account_tokens SET voided_at = $2
      WHERE user_id = $1 AND used_at IS NULL AND voided_at IS NULL
        AND ($3::varchar IS NULL OR purpose = $3)`,
    [userId, now, purpose ?? null],
  );
}

/**
 * Takes a token for use in the caller's transaction: the row is locked, so of two requests with
 * one token exactly one finds it unused. Returns the account's id and marks the token used, or
 * undefined for a token that is unknown, of another purpose, used, voided or expired — one answer
 * for all, so a link says nothing about why it no longer works.
 */
export async function consumeAccountToken(
  manager: EntityManager,
  token: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<string | undefined> {
  const row = await liveToken(manager, token, purpose, now, true);
  if (row) {
    await manager.update(AccountTokenEntity, { id: row.id }, { usedAt: now });
  }
  return row?.userId;
}

/**
 * Whether a token would work now, without taking it: checked before the new password is hashed,
 * so a guessed token costs a lookup rather than an argon2 hash. Its use is decided by
 * {@link consumeAccountToken}.
 */
export async function isLiveAccountToken(
  manager: EntityManager,
  token: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<boolean> {
  return (await liveToken(manager, token, purpose, now, false)) !== undefined;
}

async function liveToken(
  manager: EntityManager,
  token: string,
  purpose: AccountTokenPurpose,
  now: Date,
  lock: boolean,
): Promise<AccountTokenEntity | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
    return undefined;
  }
  const row = await manager.findOne(AccountTokenEntity, {
    where: { tokenHash: sha256(token) },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  const live =
    row !== null &&
    row.purpose === purpose &&
    row.usedAt === null &&
    row.voidedAt === null &&
    row.expiresAt > now;
  return live ? row : undefined;
}

/** How many tokens of a purpose the account was sent since `since` (to bound reset mail). */
export async function countAccountTokens(
  manager: EntityManager,
  userId: string,
  purpose: AccountTokenPurpose,
  since: Date,
): Promise<number> {
  const rows: { n: number }[] = await manager.query(
    `SELECT count(*)::int AS n FROM account_tokens
      WHERE user_id = $1 AND purpose = $2 AND created_at > $3`,
    [userId, purpose, since],
  );
  return rows[0]?.n ?? 0;
}
