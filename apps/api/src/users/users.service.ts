import { Inject, Injectable } from '@nestjs/common';
import {
  canManageAccount,
  checkGrantAssignment,
  distinctGrants,
  isAdmin,
  normaliseGrants,
  type Grant,
  type GrantRequest,
  type LocalPartyScope,
} from '@pactroom/accounts';
import type { AccountEvent } from '@pactroom/audit-chain';
import { DataSource, In, type EntityManager } from 'typeorm';
import { accountChanges, appendAccountChanges } from '../audit/account-trail.js';
import { AuditService, type ChainLogVerification } from '../audit/audit.service.js';
import { ChangeFeed } from '../database/change-feed.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { PasswordPolicy } from '../auth/password-policy.service.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { Outbox } from '../notifications/outbox.js';
import { revokeSessionsOf } from '../auth/refresh-token.service.js';
import type { Principal } from '../auth/principal.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  decodeNumberCursor,
  toPage,
  type Page,
  type PageQueryDto,
} from '../common/pagination.js';
import { LocalPartyEntity } from '../local-parties/local-party.entity.js';
import type { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user-request.dto.js';
import type { UserResponseDto } from './dto/user-response.dto.js';
import { actorFor, snapshotOf } from './account-actors.js';
import { issueAccountToken, voidAccountTokens } from './account-tokens.js';
import { GrantEntity } from './grant.entity.js';
import { toGrant, toUserResponse } from './user.mapper.js';
import { UserEntity } from './user.entity.js';
import { UserErrors } from './users.errors.js';

/** Password hash (none while invited) and status of an account, for sign-in only. */
export interface Credentials {
  id: string;
  passwordHash: string | undefined;
  disabled: boolean;
}

/**
 * What creating an account did: created it with the administrator's password, or sent an
 * invitation. An invitation's outcome is the same whether the address was new or already had an
 * account (issue 10 item 4); only an administrator's carries the new account's id.
 */
export type CreateUserOutcome =
  | { readonly kind: 'created'; readonly user: UserResponseDto }
  | { readonly kind: 'invited'; readonly email: string; readonly userId?: string };

/**
 * Account management. Who may see and change which account is the lib's `canManageAccount` and
 * `checkGrantAssignment`; an account outside the caller's scope answers 404 as if absent.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly feed: ChangeFeed,
    private readonly policy: PasswordPolicy,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async findCredentials(email: string): Promise<Credentials | undefined> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { email } });
    return user
      ? {
          id: user.id,
          passwordHash: user.passwordHash ?? undefined,
          disabled: user.disabledAt !== null,
        }
      : undefined;
  }

  async getUser(id: string): Promise<UserResponseDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id } });
    if (!user) {
      throw UserErrors.notFound();
    }
    return toUserResponse(user, await this.grantsOf(this.dataSource.manager, id));
  }

  /**
   * Throws 404 unless the caller manages accounts at all (admin, or coordinator of some scope):
   * for pages that show nothing but account management.
   */
  requireManager(principal: Principal): void {
    if (checkGrantAssignment(principal.grants, []) === 'NOT_A_MANAGER') {
      throw UserErrors.notFound();
    }
  }

  async getManagedUser(principal: Principal, id: string): Promise<UserResponseDto> {
    const user = await this.getUser(id);
    if (!canManageAccount(principal.grants, user.grants)) {
      throw UserErrors.notFound();
    }
    return user;
  }

  async listUsers(principal: Principal, query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string'])?.[0];
    const scopes = principal.grants.filter((g) => g.role === 'coordinator');
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .orderBy('u.email', 'ASC')
      .limit(limit + 1);
    if (after !== undefined) {
      qb.andWhere('u.email > :after', { after: String(after) });
    }
    if (!isAdmin(principal.grants)) {
      // Same rule as canManageAccount, in SQL: at least one grant, and none outside the scopes.
      qb.andWhere('EXISTS (SELECT 1 FROM grants g WHERE g.user_id = u.id)').andWhere(
        `NOT EXISTS (SELECT 1 FROM grants g WHERE g.user_id = u.id AND NOT (
           g.role IN ('officer', 'member') AND g.region_slug IS NOT NULL
           AND (g.party_code, g.region_slug) IN (SELECT * FROM unnest(CAST(:parties AS varchar[]), CAST(:regions AS varchar[])))))`,
        { parties: scopes.map((s) => s.party), regions: scopes.map((s) => s.region) },
      );
    }
    const users = await qb.getMany();
    const grants = await this.grantsOfMany(users.map((u) => u.id));
    return toPage(
      users,
      limit,
      (u) => [u.email],
      (u) => toUserResponse(u, grants.get(u.id) ?? []),
    );
  }

  /**
   * Creates an account. Without a password the account is invited: it has no password until the
   * person accepts the mailed link. With one (administrators only: onboarding by phone) it works
   * at once, and its trail records that the administrator set it.
   */
  async createUser(principal: Principal, dto: CreateUserDto): Promise<CreateUserOutcome> {
    const grants = await this.checkedGrants(principal, dto.grants);
    if (dto.password !== undefined && !isAdmin(principal.grants)) {
      throw UserErrors.passwordNotAllowed();
    }
    const email = dto.email.trim().toLowerCase();
    if (dto.password === undefined) {
      return this.invite(principal, dto, email, grants);
    }
    this.policy.assertAcceptable(dto.password, 'password');
    const passwordHash = await this.hasher.hash(dto.password);
    const id = await this.dataSource.transaction(async (manager) => {
      const user = await manager.save(
        manager.create(UserEntity, { email, name: dto.name, passwordHash, disabledAt: null }),
      );
      await this.replaceGrants(manager, user.id, grants);
      await appendAccountChanges(manager, user.id, actorFor(principal, grants), [
        { action: 'account.created', payload: { ...snapshotOf(user, grants) } },
        { action: 'account.password_set', payload: {} },
      ]);
      return user.id;
    });
    return { kind: 'created', user: await this.getUser(id) };
  }

  /**
   * An invited account, or — when the address already has one — a note to its owner and nothing
   * else. A caller who is not an administrator gets the same outcome either way, so account
   * management cannot be used to learn who has an account; an administrator sees EMAIL_TAKEN.
   */
  private async invite(
    principal: Principal,
    dto: CreateUserDto,
    email: string,
    grants: Grant[],
  ): Promise<CreateUserOutcome> {
    const admin = isAdmin(principal.grants);
    const now = new Date();
    const id = await this.dataSource.transaction(async (manager) => {
      // ON CONFLICT rather than a unique violation: a concurrent creation of the same address
      // then takes the existing-account path too, instead of answering 409.
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, NULL)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [email, dto.name],
      );
      const userId = inserted[0]?.id;
      if (userId === undefined) {
        if (admin) {
          throw UserErrors.emailTaken();
        }
        const [existing]: { id: string }[] = await manager.query(
          'SELECT id FROM users WHERE email = $1',
          [email],
        );
        if (existing) {
          // At most one such mail an hour per account, however often someone tries.
          await this.outbox.record(manager, {
            kind: 'account.invited-existing',
            subjectUserId: existing.id,
            actorUserId: principal.userId,
            data: {},
            dedupeKey: `invited-existing:${existing.id}:${Math.floor(now.getTime() / 3_600_000)}`,
          });
        }
        return undefined;
      }
      await this.replaceGrants(manager, userId, grants);
      const invitation = await issueAccountToken(manager, {
        userId,
        purpose: 'invitation',
        ttlMs: this.config.notifications.invitationTtlHours * 3_600_000,
        createdBy: principal.userId,
        now,
      });
      const snapshot = snapshotOf({ email, name: dto.name, disabledAt: null }, grants);
      await appendAccountChanges(manager, userId, actorFor(principal, grants), [
        { action: 'account.created', payload: { ...snapshot } },
        { action: 'account.invited', payload: { expiresAt: invitation.expiresAt.toISOString() } },
      ]);
      await this.outbox.record(manager, {
        kind: 'account.invited',
        subjectUserId: userId,
        actorUserId: principal.userId,
        data: {
          token: invitation.token,
          expiresAt: invitation.expiresAt.toISOString(),
          invitedByName: principal.name,
        },
      });
      return userId;
    });
    return admin && id !== undefined
      ? { kind: 'invited', email, userId: id }
      : { kind: 'invited', email };
  }

  /** An account's management trail, paged by seq (admin; coordinator within scope). */
  async accountTrail(
    principal: Principal,
    id: string,
    page: PageQueryDto,
  ): Promise<Page<AccountEvent>> {
    await this.getManagedUser(principal, id);
    const limit = page.limit ?? DEFAULT_LIMIT;
    const events = await this.audit.accountEvents(id, decodeNumberCursor(page.cursor), limit + 1);
    return toPage(
      events,
      limit,
      (e) => [String(e.seq)],
      (e) => e,
    );
  }

  /** An account's trail recomputed and checked against the audit log. */
  async verifyAccountTrail(principal: Principal, id: string): Promise<ChainLogVerification> {
    await this.getManagedUser(principal, id);
    return this.audit.verifyAccount(id);
  }

  async updateUser(principal: Principal, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    await this.getManagedUser(principal, id);
    if (dto.password !== undefined && !isAdmin(principal.grants)) {
      throw UserErrors.passwordNotAllowed();
    }
    const grants = dto.grants ? await this.checkedGrants(principal, dto.grants) : undefined;
    if (dto.password !== undefined) {
      this.policy.assertAcceptable(dto.password, 'password');
    }
    const passwordHash = dto.password ? await this.hasher.hash(dto.password) : undefined;
    await this.dataSource.transaction(async (manager) => {
      // Lock the account so a concurrent edit cannot move it out of the caller's scope meanwhile.
      const user = await manager.findOne(UserEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const grantsBefore = user ? await this.grantsOf(manager, id) : [];
      if (!user || !canManageAccount(principal.grants, grantsBefore)) {
        throw UserErrors.notFound();
      }
      const changes: Partial<UserEntity> = {};
      if (dto.name !== undefined) {
        changes.name = dto.name;
      }
      if (passwordHash !== undefined) {
        changes.passwordHash = passwordHash;
      }
      if (dto.disabled !== undefined) {
        changes.disabledAt = dto.disabled ? (user.disabledAt ?? new Date()) : null;
      }
      if (Object.keys(changes).length > 0) {
        await manager.update(UserEntity, { id }, changes);
      }
      // A credential change ends every session; so does disabling — and re-enabling, so an
      // account comes back with no session of before (nor of an older disable).
      if (passwordHash !== undefined || dto.disabled !== undefined) {
        await revokeSessionsOf(manager, id, new Date());
      }
      // A password set by an administrator ends any invitation or reset link still out.
      if (passwordHash !== undefined) {
        await voidAccountTokens(manager, id, new Date());
      }
      if (grants) {
        await this.replaceGrants(manager, id, grants);
      }
      const before = snapshotOf(user, grantsBefore);
      const after = snapshotOf({ ...user, ...changes }, grants ?? grantsBefore);
      await appendAccountChanges(
        manager,
        id,
        actorFor(principal, [...grantsBefore, ...(grants ?? [])]),
        accountChanges(before, after, passwordHash !== undefined),
        before,
      );
    });
    this.feed.changed({ kind: 'a', userId: id });
    return this.getUser(id);
  }

  private async checkedGrants(principal: Principal, requests: GrantRequest[]): Promise<Grant[]> {
    const ids = requests.flatMap((r) => (r.localPartyId ? [r.localPartyId] : []));
    const rows = ids.length
      ? await this.dataSource.getRepository(LocalPartyEntity).findBy({ id: In(ids) })
      : [];
    const scopes = new Map<string, LocalPartyScope>(
      rows.map((r) => [r.id, { id: r.id, party: r.partyCode, region: r.regionSlug }]),
    );
    const { grants, problems } = normaliseGrants(requests, scopes);
    if (problems.length > 0) {
      throw UserErrors.invalidGrants(problems);
    }
    const refusal = checkGrantAssignment(principal.grants, grants);
    if (refusal) {
      throw UserErrors.refused(refusal);
    }
    return distinctGrants(grants);
  }

  private async replaceGrants(
    manager: EntityManager,
    userId: string,
    grants: Grant[],
  ): Promise<void> {
    await manager.delete(GrantEntity, { userId });
    await manager.insert(
      GrantEntity,
      grants.map((g) => ({
        userId,
        role: g.role,
        partyCode: g.party,
        regionSlug: g.region,
        localPartyId: g.localPartyId,
      })),
    );
  }

  async grantsOf(manager: EntityManager, userId: string): Promise<Grant[]> {
    return (await manager.find(GrantEntity, { where: { userId } })).map(toGrant);
  }

  private async grantsOfMany(userIds: string[]): Promise<Map<string, Grant[]>> {
    const result = new Map<string, Grant[]>();
    if (userIds.length === 0) {
      return result;
    }
    for (const row of await this.dataSource
      .getRepository(GrantEntity)
      .findBy({ userId: In(userIds) })) {
      result.set(row.userId, [...(result.get(row.userId) ?? []), toGrant(row)]);
    }
    return result;
  }
}
