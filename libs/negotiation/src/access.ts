import {
  coordinatorIdentities,
  officerIdentities,
  overseeingCoordinators,
  standAsideCoordinators,
  type Identity,
} from './actors.js';
import { isPastRespondBy } from './decide.js';
import { type Actor, type Pact } from './model.js';
import { PACT_COMMAND_TYPES, canTransition, type PactCommandType } from './states.js';

/**
 * Whether `user` may see `pact` at all; when not, the app answers 404 (not 403) so a pact's
 * existence does not leak. Rules (DESIGN.md, "Pact lifecycle"), with decisions where it is silent:
 *
 * - an admin sees every pact (admins verify the whole audit trail, so they are platform-wide);
 * - a pact never proposed (a draft, or a draft later withdrawn or expired) is seen only by
 *   officers of its author local party: the other participants never received it;
 * - "officers" of a local party include the national grants of its party covering it (its nation's
 *   HQ, or the party-wide HQ): they act for it, so they see what its officers see;
 * - any other pact is seen by officers of every participant and by the coordinators overseeing it
 *   — a participating party in a region where it has a participant or a seat of the pact
 *   (`oversightSlots`) — whatever its status, ended pacts included;
 * - members of a participating party see it once `ratified`, and after it is `terminated`.
 */
export function canView(pact: Pact, user: Actor): boolean {
  if (user.grants.some((g) => g.role === 'admin')) {
    return true;
  }
  if (pact.proposedAt === null) {
    return officerIdentities(pact, user).some(
      (o) => o.role === 'officer' && o.localPartyId === pact.authorLocalPartyId,
    );
  }
  if (officerIdentities(pact, user).length > 0 || overseeingCoordinators(pact, user).length > 0) {
    return true;
  }
  const parties = new Set(pact.participants.map((p) => p.party));
  return (
    (pact.status === 'ratified' || pact.status === 'terminated') &&
    user.grants.some(
      (g) => g.role === 'member' && typeof g.party === 'string' && parties.has(g.party),
    )
  );
}

/**
 * The identities under which `user` could issue `command` now (several means the request must
 * name one with `actingFor`; for `sign`, it may list several to sign for all of them). Mirrors the actor checks of `decide`; `sign` and `approve` leave out
 * local parties and slots that have already accepted the current revision.
 */
export function commandIdentities(pact: Pact, command: PactCommandType, user: Actor): Identity[] {
  const officers = officerIdentities(pact, user);
  const current = pact.revision.number;
  const author = officers.filter(
    (o) => o.role === 'officer' && o.localPartyId === pact.authorLocalPartyId,
  );
  switch (command) {
    case 'propose':
      return author;
    case 'withdraw':
      return pact.status === 'draft' ? author : officers;
    case 'counter':
      return officers;
    case 'decline':
      return [...officers, ...standAsideCoordinators(pact, user)];
    case 'sign':
      return officers.filter(
        (o) =>
          o.role === 'officer' &&
          !pact.signatures.some((s) => s.localPartyId === o.localPartyId && s.revision === current),
      );
    case 'approve':
      return coordinatorIdentities(pact.requiredApprovals, user).filter(
        (c) =>
          c.role === 'coordinator' &&
          !pact.approvals.some(
            (a) => a.party === c.party && a.region === c.region && a.revision === current,
          ),
      );
    case 'reject':
      return coordinatorIdentities(pact.requiredApprovals, user);
    case 'terminate':
      return [...officers, ...overseeingCoordinators(pact, user)];
    case 'expire':
      // The clock's transition, not a user's: anyone's request may trigger it via expireIfDue.
      return [];
  }
}

/**
 * The commands `user` may issue on `pact` at `now`, for showing the right buttons. Nothing is
 * allowed on a pact past its deadline (it is about to be expired) or one the user cannot see.
 */
export function allowedCommands(pact: Pact, user: Actor, now: Date | string): PactCommandType[] {
  if (!canView(pact, user) || isPastRespondBy(pact, now)) {
    return [];
  }
  return PACT_COMMAND_TYPES.filter(
    (command) =>
      canTransition(pact.status, command) && commandIdentities(pact, command, user).length > 0,
  );
}
