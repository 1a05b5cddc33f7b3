import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TOKEN_ID } from '../common/validation.decorators.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { AuthErrors } from './auth.errors.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A refresh token as handed to the client: `<id>.<secret>`; only the secret's hash is stored. */
export interface IssuedRefreshToken {
  readonly token: string;
  readonly familyId: string;
  readonly userId: string;
}

/**
 * Refresh-token rotation with reuse detection: each refresh consumes the presented token and
 * issues the next one of the same family; presenting a consumed token revokes the whole family.
 */
@Injectable()
export class RefreshTokenService {
  private readonly ttlMs: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: ResolvedConfig,
  ) {
    this.ttlMs = config.auth.refreshTokenTtlSeconds * 1000;
  }

  async issue(
    manager: EntityManager,
    userId: string,
    familyId: string,
    now: Date,
  ): Promise<IssuedRefreshToken> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await manager.insert(RefreshTokenEntity, {
      id,
      familyId,
      userId,
      secretHash: sha256(secret),
      issuedAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs),
      usedAt: null,
      revokedAt: null,
    });
    return { token: `${id}.${secret}`, familyId, userId };
  }

  /** Consumes `token` and issues its successor, or throws (after revoking the family on reuse). */
  async rotate(token: string, now: Date): Promise<IssuedRefreshToken> {
    const [id, secret] = token.split('.');
    if (!id || !secret || !TOKEN_ID.test(id)) {
      throw AuthErrors.invalidRefreshToken();
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      // The row lock serialises two refreshes racing with the same token: exactly one rotates.
      const row = await manager.findOne(RefreshTokenEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || !timingSafeEqual(Buffer.from(row.secretHash), Buffer.from(sha256(secret)))) {
        return 'invalid' as const;
      }
      if (row.revokedAt || row.expiresAt <= now) {
        return 'invalid' as const;
      }
      if (row.usedAt) {
        await this.revokeFamily(manager, row.familyId, now);
        return 'reused' as const;
      }
      const user: unknown[] = await manager.query(
        `SELECT 1 FROM users WHERE id = $1 AND disabled_at IS NULL`,
        [row.userId],
      );
      if (user.length === 0) {
        return 'invalid' as const;
      }
      await manager.update(RefreshTokenEntity, { id }, { usedAt: now });
      return this.issue(manager, row.userId, row.familyId, now);
    });
    if (outcome === 'invalid') {
      throw AuthErrors.invalidRefreshToken();
    }
    if (outcome === 'reused') {
      throw AuthErrors.refreshTokenReused();
    }
    return outcome;
  }

  async revokeFamily(manager: EntityManager, familyId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId, now],
    );
  }
}

/**
 * Ends every session of an account: all its refresh-token families are revoked, so their refresh
 * tokens and (checked on every request) access tokens stop working at once. Run on a password
 * change, on disabling and on re-enabling an account (so re-enabling restores none), and when a
 * user signs out everywhere.
 */
export async function revokeSessionsOf(
  manager: EntityManager,
  userId: string,
  now: Date,
): Promise<void> {
  await manager.query(
    `UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
    [userId, now],
  );
}
