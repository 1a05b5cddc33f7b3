import { Inject, Injectable } from '@nestjs/common';
import type { AuditActor } from '@pactroom/audit-chain';
import { DataSource, type EntityManager } from 'typeorm';
import {
  appendAccountChanges,
  type AccountAction,
  type AccountSnapshot,
} from '../audit/account-trail.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { ChangeFeed } from '../database/change-feed.js';
import { Outbox } from '../notifications/outbox.js';
import {
  consumeAccountToken,
  countAccountTokens,
  isLiveAccountToken,
  issueAccountToken,
  voidAccountTokens,
} from '../users/account-tokens.js';
import type { AccountTokenPurpose } from '../users/account-token.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { snapshotOf } from '../users/account-actors.js';
import { UsersService } from '../users/users.service.js';
import { AuthErrors } from './auth.errors.js';
import { LoginAdmission } from './login-admission.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordPolicy } from './password-policy.service.js';
import type { Principal } from './principal.js';
import { revokeSessionsOf } from './refresh-token.service.js';

/** Reset links an account may be sent in an hour; more requests send nothing (mail bombing). */
export const RESETS_PER_HOUR = 3;

/** The account holder as the actor of their own trail events. */
function holder(user: Pick<UserEntity, 'id' | 'name'>): AuditActor {
  return {
    userId: user.id,
    role: 'account-holder',
    localPartyId: null,
    party: null,
    region: null,
    name: user.name,
  };
}

/**
 * Passwords the account holder chooses: accepting an invitation, resetting a forgotten password
 * by a mailed link, and changing it while signed in. Each new password passes the policy (length,
 * breached list), ends every session of the account and voids every link still out; each is an
 * event of the account's trail, never with the password.
 */
@Injectable()
export class AccountPasswordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly throttle: LoginThrottleService,
    private readonly admission: LoginAdmission,
    private readonly outbox: Outbox,
    private readonly feed: ChangeFeed,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Whether a mailed link would work now (for the page to say so before the form is filled). */
  isLinkLive(token: string, purpose: AccountTokenPurpose): Promise<boolean> {
    return isLiveAccountToken(this.dataSource.manager, token, purpose, new Date());
  }

  /** Sets the first password from an invitation link; returns the account's id. */
  acceptInvitation(token: string, password: string): Promise<string> {
    return this.setWithToken(token, 'invitation', password, 'account.activated');
  }

  /** Sets a new password from a reset link, ending every session; returns the account's id. */
  confirmReset(token: string, password: string): Promise<string> {
    return this.setWithToken(token, 'password-reset', password, 'account.password_reset');
  }

  /**
   * Mails a reset link when the address has an enabled account, at most RESETS_PER_HOUR an hour.
   * The caller answers the same whatever happened, so the route says nothing about the address.
   */
  async requestReset(email: string): Promise<void> {
    const normalised = email.trim().toLowerCase();
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      // Locked so two requests at once cannot both pass the hourly count.
      const user = await manager.findOne(UserEntity, {
        where: { email: normalised },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user || user.disabledAt !== null) {
        return;
      }
      const hourAgo = new Date(now.getTime() - 3_600_000);
      if (
        (await countAccountTokens(manager, user.id, 'password-reset', hourAgo)) >= RESETS_PER_HOUR
      ) {
        return;
      }
      const reset = await issueAccountToken(manager, {
        userId: user.id,
        purpose: 'password-reset',
        ttlMs: this.config.notifications.passwordResetTtlMinutes * 60_000,
        createdBy: null,
        now,
      });
      await this.outbox.record(manager, {
        kind: 'account.password-reset',
        subjectUserId: user.id,
        data: { token: reset.token, expiresAt: reset.expiresAt.toISOString() },
      });
    });
  }

  /**
   * Changes the signed-in person's password. The current password is checked like a sign-in (the
   * same in-flight cap and failure throttle), so a stolen session cannot be used to guess it.
   */
  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    ip: string,
  ): Promise<void> {
    this.policy.assertAcceptable(newPassword, 'newPassword');
    const release = this.admission.enter({ email: principal.email, ip });
    try {
      const reservation = await this.throttle.reserve(principal.email, ip, new Date());
      const account = await this.users.findCredentials(principal.email);
      const ok = await this.hasher.verifyOrBurn(account?.passwordHash, currentPassword);
      if (!ok || account?.id !== principal.userId) {
        throw AuthErrors.currentPasswordWrong();
      }
      await this.throttle.refund(reservation);
    } finally {
      release();
    }
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      const user = await this.lockUser(manager, principal.userId);
      if (!user || user.disabledAt !== null) {
        throw AuthErrors.invalidToken();
      }
      await this.store(manager, user, passwordHash, 'account.password_changed');
    });
    this.feed.changed({ kind: 's', userId: principal.userId });
  }

  private async setWithToken(
    token: string,
    purpose: AccountTokenPurpose,
    password: string,
    action: AccountAction,
  ): Promise<string> {
    if (!(await isLiveAccountToken(this.dataSource.manager, token, purpose, new Date()))) {
      throw AuthErrors.tokenInvalid();
    }
    this.policy.assertAcceptable(password, 'password');
    const passwordHash = await this.hasher.hash(password);
    const userId = await this.dataSource.transaction(async (manager) => {
      // The token's row lock decides a race between two uses of one link: one wins.
      const id = await consumeAccountToken(manager, token, purpose, new Date());
      const user = id ? await this.lockUser(manager, id) : undefined;
      if (!user || user.disabledAt !== null) {
        throw AuthErrors.tokenInvalid();
      }
      await this.store(manager, user, passwordHash, action);
      return user.id;
    });
    this.feed.changed({ kind: 's', userId });
    return userId;
  }

  /** The new hash, every session ended, every link voided, and the trail event. */
  private async store(
    manager: EntityManager,
    user: UserEntity,
    passwordHash: string,
    action: AccountAction,
  ): Promise<void> {
    const now = new Date();
    await manager.update(UserEntity, { id: user.id }, { passwordHash });
    await revokeSessionsOf(manager, user.id, now);
    await voidAccountTokens(manager, user.id, now);
    const grants = await this.users.grantsOf(manager, user.id);
    const before: AccountSnapshot = snapshotOf(user, grants);
    await appendAccountChanges(
      manager,
      user.id,
      holder(user),
      [{ action, payload: {} }],
      before,
      now,
    );
  }

  private async lockUser(manager: EntityManager, id: string): Promise<UserEntity | undefined> {
    const user = await manager.findOne(UserEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    return user ?? undefined;
  }
}
