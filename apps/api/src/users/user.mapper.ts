import type { Grant } from '@pactroom/accounts';
import type { UserResponseDto } from './dto/user-response.dto.js';
import type { GrantEntity } from './grant.entity.js';
import type { UserEntity } from './user.entity.js';

/** A stored grant as the lib type. */
export function toGrant(row: GrantEntity): Grant {
  return {
    role: row.role,
    party: row.partyCode,
    region: row.regionSlug,
    localPartyId: row.localPartyId,
  };
}

/** Stable order so responses and comparisons do not depend on insertion order. */
export function sortGrants(grants: Grant[]): Grant[] {
  const key = (g: Grant) => `${g.role}|${g.party ?? ''}|${g.region ?? ''}|${g.localPartyId ?? ''}`;
  return grants.sort((a, b) => key(a).localeCompare(key(b)));
}

export function toUserResponse(user: UserEntity, grants: Grant[]): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    disabled: user.disabledAt !== null,
    invited: user.passwordHash === null,
    grants: sortGrants(grants).map((g) => ({ ...g })),
    createdAt: user.createdAt.toISOString(),
  };
}
