/**
 * The four roles of DESIGN.md and `national`: a party's national or nation's HQ (Labour HQ, the
 * Welsh Liberal Democrats), which acts as an officer of every local party of its party — in one
 * region (a nation: `wales`, `scotland`) or, with no region, everywhere.
 */
export type Role = 'admin' | 'coordinator' | 'officer' | 'member' | 'national';

/** Every role, for validation. */
export const ROLES: readonly Role[] = ['admin', 'coordinator', 'officer', 'member', 'national'];

/**
 * A role with its scope as stored: officers carry the party and region of their local party,
 * coordinators a party and region, members a party (optionally a region or local party), admins
 * nothing.
 */
export interface Grant {
  readonly role: Role;
  readonly party: string | null;
  readonly region: string | null;
  readonly localPartyId: string | null;
}

/** A requested grant before the local party's party and region are filled in. */
export interface GrantRequest {
  readonly role: Role;
  readonly party?: string | null;
  readonly region?: string | null;
  readonly localPartyId?: string | null;
}

/** What the app knows about a local party named in a grant. */
export interface LocalPartyScope {
  readonly id: string;
  readonly party: string;
  readonly region: string;
}

/** Why a requested grant is not well-formed. */
export interface GrantProblem {
  readonly index: number;
  readonly problem: string;
}

/**
 * Completes and checks requested grants: an officer grant takes its party and region from its local
 * party (a different party or region given is a problem); a coordinator needs a party and region;
 * a member a party (and, with a local party, that party's); a national grant a party and
 * optionally a region, never a local party; an admin no scope at all.
 */
export function normaliseGrants(
  requests: readonly GrantRequest[],
  localParties: ReadonlyMap<string, LocalPartyScope>,
): { grants: Grant[]; problems: GrantProblem[] } {
  const problems: GrantProblem[] = [];
  const grants = requests.map((request, index): Grant => {
    const party = request.party ?? null;
    const region = request.region ?? null;
    const localPartyId = request.localPartyId ?? null;
    const fail = (problem: string): Grant => {
      problems.push({ index, problem });
      return { role: request.role, party, region, localPartyId };
    };
    switch (request.role) {
      case 'admin':
        return party || region || localPartyId
          ? fail('an admin grant has no party, region or local party')
          : { role: 'admin', party: null, region: null, localPartyId: null };
      case 'coordinator':
        if (!party || !region || localPartyId) {
          return fail('a coordinator grant needs a party and a region, and no local party');
        }
        return { role: 'coordinator', party, region, localPartyId: null };
      case 'national':
        if (!party || localPartyId) {
          return fail(
            'a national grant needs a party (and optionally a region), and no local party',
          );
        }
        return { role: 'national', party, region, localPartyId: null };
      case 'officer':
      case 'member': {
        if (!localPartyId) {
          if (request.role === 'officer') {
            return fail('an officer grant needs a local party');
          }
          return party
            ? { role: 'member', party, region, localPartyId: null }
            : fail('a member grant needs a party');
        }
        const local = localParties.get(localPartyId);
        if (!local) {
          return fail('unknown local party');
        }
        if ((party && party !== local.party) || (region && region !== local.region)) {
          return fail('party and region must be those of the local party');
        }
        return { role: request.role, party: local.party, region: local.region, localPartyId };
      }
    }
  });
  return { grants, problems };
}

/** Removes exact duplicates so a user never holds the same grant twice. */
export function distinctGrants(grants: readonly Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.role}|${g.party ?? ''}|${g.region ?? ''}|${g.localPartyId ?? ''}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
