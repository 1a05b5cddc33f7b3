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
 * Whether `manager` may give an account exactly these grants. Coordinators never grant admin or
 * coordinator roles, and only officer/member grants of their own party in their own region.
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
  if (grants.some((g) => g.role === 'admin' || g.role === 'coordinator')) {
    return 'ROLE_NOT_GRANTABLE';
  }
  return grants.every((g) => withinCoordinator(g, scopes)) ? null : 'GRANT_OUT_OF_SCOPE';
}
