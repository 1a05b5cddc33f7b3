import {
  appendAccountEvent,
  type AccountEvent,
  type AuditActor,
  type ChainHead,
} from '@pactroom/audit-chain';
import type { EntityManager } from 'typeorm';
import { AccountAuditEventEntity } from './account-audit-event.entity.js';
import { columnsOfEvent, fieldsOfRow } from './chain-event-columns.js';

/** The events of an account's management trail. Passwords never appear, only that one was set. */
export type AccountAction =
  | 'account.created'
  | 'account.recorded'
  | 'account.renamed'
  | 'account.password_set'
  | 'account.disabled'
  | 'account.enabled'
  | 'account.grants_changed'
  | 'account.invited'
  | 'account.invitation_resent'
  | 'account.activated'
  | 'account.password_reset'
  | 'account.password_changed'
  | 'account.unlocked';

/** An account as a trail event states it (no password, no hash). */
export interface AccountSnapshot {
  readonly email: string;
  readonly name: string;
  readonly disabled: boolean;
  readonly grants: readonly {
    readonly role: string;
    readonly party: string | null;
    readonly region: string | null;
    readonly localPartyId: string | null;
  }[];
}

/** One change to record. */
export interface AccountChange {
  readonly action: AccountAction;
  readonly payload: Record<string, unknown>;
}

/** The actor of what the platform itself records (seeding, an account found without a trail). */
export const SYSTEM_ACCOUNT_ACTOR: AuditActor = {
  userId: null,
  role: 'system',
  localPartyId: null,
  party: null,
  region: null,
};

/** A stored row as the lib's account event. */
export function toAccountEvent(row: AccountAuditEventEntity): AccountEvent {
  return { accountId: row.accountId, seq: row.seq, ...fieldsOfRow(row) };
}

/**
 * Appends changes to an account's chain inside the caller's transaction, which must hold the
 * account's row lock (or have just created the account) so appends are serialised per account.
 * An account with no chain yet (made before trails existed, or by hand) first gets
 * `account.recorded` stating it as `before`, by the system — so the chain starts from what was
 * found rather than pretending to know how it came about.
 */
export async function appendAccountChanges(
  manager: EntityManager,
  accountId: string,
  actor: AuditActor,
  changes: readonly AccountChange[],
  before?: AccountSnapshot,
  now: Date = new Date(),
): Promise<void> {
  if (changes.length === 0) {
    return;
  }
  const last = await manager.findOne(AccountAuditEventEntity, {
    where: { accountId },
    order: { seq: 'DESC' },
  });
  let head: ChainHead | null = last ? { seq: last.seq, hash: last.hash } : null;
  const occurredAt = now.toISOString();
  const all: { actor: AuditActor; change: AccountChange }[] = [];
  if (head === null && before !== undefined) {
    all.push({
      actor: SYSTEM_ACCOUNT_ACTOR,
      change: { action: 'account.recorded', payload: { ...before } },
    });
  }
  all.push(...changes.map((change) => ({ actor, change })));
  for (const { actor: by, change } of all) {
    const event = appendAccountEvent(head, {
      accountId,
      action: change.action,
      actor: by,
      payload: change.payload,
      occurredAt,
    });
    await manager.insert(AccountAuditEventEntity, {
      accountId,
      seq: event.seq,
      ...columnsOfEvent(event),
    });
    head = { seq: event.seq, hash: event.hash };
  }
}

/**
 * The trail events one edit makes, in a fixed order, each only when something changed: a rename
 * (from, to), a password set (never the password), disabled or enabled, grants changed (from, to).
 */
export function accountChanges(
  before: AccountSnapshot,
  after: AccountSnapshot,
  passwordSet: boolean,
): AccountChange[] {
  const changes: AccountChange[] = [];
  if (after.name !== before.name) {
    changes.push({ action: 'account.renamed', payload: { from: before.name, to: after.name } });
  }
  if (passwordSet) {
    changes.push({ action: 'account.password_set', payload: {} });
  }
  if (after.disabled !== before.disabled) {
    changes.push({ action: after.disabled ? 'account.disabled' : 'account.enabled', payload: {} });
  }
  if (grantsKey(after.grants) !== grantsKey(before.grants)) {
    changes.push({
      action: 'account.grants_changed',
      payload: { from: before.grants, to: after.grants },
    });
  }
  return changes;
}

function grantsKey(grants: AccountSnapshot['grants']): string {
  return grants
    .map((g) => [g.role, g.party, g.region, g.localPartyId].join('|'))
    .sort()
    .join(';');
}
