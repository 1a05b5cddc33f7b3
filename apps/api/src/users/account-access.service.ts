import { Inject, Injectable } from '@nestjs/common';
import { canManageAccount } from '@pactroom/accounts';
import { DataSource, type EntityManager } from 'typeorm';
import { appendAccountChanges } from '../audit/account-trail.js';
import { clearAccountThrottle } from '../auth/login-throttle.service.js';
import type { Principal } from '../auth/principal.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { Outbox } from '../notifications/outbox.js';
import { issueAccountToken } from './account-tokens.js';
import type { InvitationSentDto } from './dto/user-response.dto.js';
import { UserEntity } from './user.entity.js';
import { UserErrors } from './users.errors.js';
import { actorFor, snapshotOf } from './account-actors.js';
import { UsersService } from './users.service.js';

/**
 * What a manager may do for someone's access without ever knowing or setting their password:
 * resend an invitation (while the account has none) and unlock the sign-in throttle. Admins for
 * any account, coordinators within their scope (the lib's `canManageAccount`); 404 otherwise.
 */
@Injectable()
export class AccountAccessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** A new invitation link (the older ones stop working), while the account has no password. */
  async resendInvitation(principal: Principal, id: string): Promise<InvitationSentDto> {
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      const { user, grants } = await this.lockManaged(manager, principal, id);
      if (user.passwordHash !== null) {
        throw UserErrors.alreadyActive();
      }
      if (user.disabledAt !== null) {
        throw UserErrors.accountDisabled();
      }
      const invitation = await issueAccountToken(manager, {
        userId: id,
        purpose: 'invitation',
        ttlMs: this.config.notifications.invitationTtlHours * 3_600_000,
        createdBy: principal.userId,
        now,
      });
      await appendAccountChanges(
        manager,
        id,
        actorFor(principal, grants),
        [
          {
            action: 'account.invitation_resent',
            payload: { expiresAt: invitation.expiresAt.toISOString() },
          },
        ],
        snapshotOf(user, grants),
        now,
      );
      await this.outbox.record(manager, {
        kind: 'account.invited',
        subjectUserId: id,
        actorUserId: principal.userId,
        data: {
          token: invitation.token,
          expiresAt: invitation.expiresAt.toISOString(),
          invitedByName: principal.name,
        },
      });
      return { status: 'invitation-sent' as const, email: user.email };
    });
  }

  /** Clears the account's failed-sign-in counters, so its owner may try again at once. */
  async unlock(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { user, grants } = await this.lockManaged(manager, principal, id);
      await clearAccountThrottle(manager, user.email);
      await appendAccountChanges(
        manager,
        id,
        actorFor(principal, grants),
        [{ action: 'account.unlocked', payload: {} }],
        snapshotOf(user, grants),
      );
    });
  }

  /** The account, row-locked (its trail is appended to), if the caller manages it; else 404. */
  private async lockManaged(manager: EntityManager, principal: Principal, id: string) {
    const user = await manager.findOne(UserEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    const grants = user ? await this.users.grantsOf(manager, id) : [];
    if (!user || !canManageAccount(principal.grants, grants)) {
      throw UserErrors.notFound();
    }
    return { user, grants };
  }
}
