import { managingCapacity, type Grant } from '@pactroom/accounts';
import type { AuditActor } from '@pactroom/audit-chain';
import type { AccountSnapshot } from '../audit/account-trail.js';
import type { Principal } from '../auth/principal.js';
import type { UserEntity } from './user.entity.js';

/** An account as its trail states it; grants in a stable order. */
export function snapshotOf(
  user: Pick<UserEntity, 'email' | 'name' | 'disabledAt'>,
  grants: readonly Grant[],
): AccountSnapshot {
  return {
    email: user.email,
    name: user.name,
    disabled: user.disabledAt !== null,
    grants: [...grants]
      .map((g) => ({
        role: g.role,
        party: g.party,
        region: g.region,
        localPartyId: g.localPartyId,
      }))
      .sort((a, b) =>
        JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b))),
      ),
  };
}

/** The manager as an audit actor: their capacity for these grants, and their name as of now. */
export function actorFor(principal: Principal, target: readonly Grant[]): AuditActor {
  const capacity = managingCapacity(principal.grants, target);
  return {
    userId: principal.userId,
    role: capacity?.role ?? 'coordinator',
    localPartyId: null,
    party: capacity?.party ?? null,
    region: capacity?.region ?? null,
    name: principal.name,
  };
}
