import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '../database/change-feed.js';
import { UsersService } from '../users/users.service.js';
import type { UserResponseDto } from '../users/dto/user-response.dto.js';
import { AuthErrors } from './auth.errors.js';
import { LoginAdmission } from './login-admission.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import type { Principal } from './principal.js';
import { RefreshTokenService, revokeSessionsOf } from './refresh-token.service.js';
import { TokenService } from './token.service.js';

/** What a successful login or refresh returns. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly admission: LoginAdmission,
    private readonly refreshTokens: RefreshTokenService,
    private readonly tokens: TokenService,
    private readonly feed: ChangeFeed,
  ) {}

  /**
   * Checks the password (argon2id; the same cost for unknown emails) under the in-flight cap and
   * the per-account and per-IP throttle. A correct password on a disabled account is refused with
   * its own code: only someone who knows the password learns the account is disabled. Returns the
   * user id.
   */
  async verifyCredentials(email: string, password: string, ip: string): Promise<string> {
    const normalised = email.trim().toLowerCase();
    // Synchronous, before any await: past the caps nothing is counted, read or hashed.
    const release = this.admission.enter({ email: normalised, ip });
    try {
      const reservation = await this.throttle.reserve(normalised, ip, new Date());
      const account = await this.users.findCredentials(normalised);
      const ok = await this.hasher.verifyOrBurn(account?.passwordHash, password);
      if (!ok || !account) {
        throw AuthErrors.invalidCredentials();
      }
      await this.throttle.refund(reservation);
      if (account.disabled) {
        throw AuthErrors.accountDisabled();
      }
      return account.id;
    } finally {
      release();
    }
  }

  /** Starts a session (a new refresh-token family) for a user whose credentials were checked. */
  async startSession(
    userId: string,
  ): Promise<{ tokens: SessionTokens; user: UserResponseDto; sessionId: string }> {
    const sessionId = randomUUID();
    const tokens = await this.dataSource.transaction(async (manager) => {
      const refresh = await this.refreshTokens.issue(manager, userId, sessionId, new Date());
      return this.pair(refresh.userId, refresh.familyId, refresh.token);
    });
    return { tokens, user: await this.users.getUser(userId), sessionId };
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    const next = await this.refreshTokens.rotate(refreshToken, new Date());
    return this.pair(next.userId, next.familyId, next.token);
  }

  async logout(principal: Principal): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.refreshTokens.revokeFamily(manager, principal.sessionId, new Date()),
    );
    this.feed.changed({ kind: 's', userId: principal.userId });
  }

  /** Ends every session of the caller's account, this one included. */
  async logoutEverywhere(principal: Principal): Promise<void> {
    await this.dataSource.transaction((manager) =>
      revokeSessionsOf(manager, principal.userId, new Date()),
    );
    this.feed.changed({ kind: 's', userId: principal.userId });
  }

  private pair(userId: string, familyId: string, refreshToken: string): SessionTokens {
    return {
      accessToken: this.tokens.signAccessToken(userId, familyId),
      refreshToken,
      expiresIn: this.tokens.ttlSeconds,
    };
  }
}
