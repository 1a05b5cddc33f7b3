import { pactRegions } from './actors.js';
import { type Actor, type Pact } from './model.js';

/**
 * Keys that make "the pacts I may see, newest first" an index look-up instead of a scan. A pact is
 * filed under the keys of everyone who may see it (`listKeysOf`), a user looks under theirs
 * (`listKeysFor`), and for every pact and user:
 *
 *     canView(pact, user)  ⇔  user is an admin, or listKeysOf(pact) and listKeysFor(user) meet
 *
 * (checked against canView over random negotiations in model.spec.ts). Stored keys are only ever
 * added — a pact keeps the keys of its earlier states — so the list still applies the exact
 * visibility rule to what it finds; stale keys cost a skipped row, never a wrong answer.
 */
export function listKeysOf(pact: Pact): string[] {
  const keys = new Set([`author:${pact.authorLocalPartyId}`]);
  if (pact.proposedAt !== null) {
    const regions = pactRegions(pact);
    for (const p of pact.participants) {
      keys.add(`officer:${p.localPartyId}`);
      for (const region of regions) {
        keys.add(`coordinator:${p.party}:${region}`);
      }
      if (pact.status === 'ratified' || pact.status === 'terminated') {
        keys.add(`member:${p.party}`);
      }
    }
  }
  return [...keys].sort();
}

/** The keys a user looks under; `all` for admins, who see every pact. */
export function listKeysFor(user: Actor): { all: boolean; keys: string[] } {
  const keys = new Set<string>();
  let all = false;
  for (const g of user.grants) {
    if (g.role === 'admin') {
      all = true;
    } else if (g.role === 'officer' && g.localPartyId) {
      keys.add(`author:${g.localPartyId}`);
      keys.add(`officer:${g.localPartyId}`);
    } else if (g.role === 'coordinator' && g.party && g.region) {
      keys.add(`coordinator:${g.party}:${g.region}`);
    } else if (g.role === 'member' && g.party) {
      keys.add(`member:${g.party}`);
    }
  }
  return { all, keys: [...keys].sort() };
}
