import type { Grant } from './grants.js';

/** Why a manager may not assign a set of grants. */
export type GrantRefusal = 'ROLE_NOT_GRANTABLE' | 'GRANT_OUT_OF_SCOPE' | 'NOT_A_MANAGER';

function coordinatorScopes(manager: readonly Grant[]): Grant[] {
  return manager.filter((g) => g.role === 'coordinator');
}

function withinCoordinator(grant: Grant, scopes: readonly Grant[]): boolean {
  return (
    (grant.role === 'officer' || grant.role === 'member') &&
    grant.region !== null &&
    scopes.some((s) => s.party === grant.party && s.region === grant.region)
  );
}

/** True for an admin. */
export function isAdmin(grants: readonly Grant[]): boolean {
  return grants.some((g) => g.role === 'admin');
}

/**
 * Whether `manager` may see and edit the account holding `target` grants. An admin manages all; a
 * coordinator manages accounts whose every grant is an officer or member grant of the coordinator's
 * party in the coordinator's region — so a coordinator can never touch an account that also acts
 * elsewhere, nor another coordinator or an admin.
 */
export function canManageAccount(manager: readonly Grant[], target: readonly Grant[]): boolean {
  if (isAdmin(manager)) {
    return true;
  }
  const scopes = coordinatorScopes(manager);
  return (
    scopes.length > 0 && target.length > 0 && target.every((g) => withinCoordinator(g, scopes))
  );
}

/**
 * Whether `manager` may give an account exactly these grants. Coordinators never grant admin,
 * coordinator or national roles (a national grant reaches beyond any one region), and only
 * officer/member grants of their own party in their own region.
 */
export function checkGrantAssignment(
  manager: readonly Grant[],
  grants: readonly Grant[],
): GrantRefusal | null {
  if (isAdmin(manager)) {
    return null;
  }
  const scopes = coordinatorScopes(manager);
  if (scopes.length === 0) {
    return 'NOT_A_MANAGER';
  }
  if (grants.some((g) => g.role === 'admin' || g.role === 'coordinator' || g.role === 'national')) {
    return 'ROLE_NOT_GRANTABLE';
  }
  return grants.every((g) => withinCoordinator(g, scopes)) ? null : 'GRANT_OUT_OF_SCOPE';
}

/** The capacity in which a manager changed an account, as an audit trail records it. */
export interface ManagingCapacity {
  readonly role: 'admin' | 'coordinator';
  readonly party: string | null;
  readonly region: string | null;
}

/**
 * In which capacity `manager` acts on an account holding `target` grants: admin when they are one,
 * else the coordinator grant whose party and region cover every target grant (the first such; a
 * coordinator of two regions names the one that applies). Null when neither applies.
 */
export function managingCapacity(
  manager: readonly Grant[],
  target: readonly Grant[],
): ManagingCapacity | null {
  if (isAdmin(manager)) {
    return { role: 'admin', party: null, region: null };
  }
  const scope = coordinatorScopes(manager).find((s) =>
    target.every((g) => withinCoordinator(g, [s])),
  );
  return scope ? { role: 'coordinator', party: scope.party, region: scope.region } : null;
}
