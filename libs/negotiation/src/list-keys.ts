import { oversightSlots, pactRegions } from './actors.js';
import { type Actor, type Pact } from './model.js';

/**
 * The list's filters (all optional, all must match): the pact's status, a participating party, a
 * region it touches (a participant's or a current stand-aside's) and a constituency of a current
 * stand-aside.
 */
export interface ListFilter {
  readonly status?: string;
  readonly party?: string;
  readonly region?: string;
  readonly constituency?: string;
}

/** The filter terms a pact matches now, one per dimension value (`status:proposed`, `seat:E14…`). */
function termsOf(pact: Pact): string[] {
  return [
    `status:${pact.status}`,
    ...new Set(pact.participants.map((p) => `party:${p.party}`)),
    ...pactRegions(pact).map((r) => `region:${r}`),
    ...new Set(pact.revision.terms.standAsides.map((s) => `seat:${s.constituency}`)),
  ];
}

/** Every term a filter asks for, one per dimension given. */
function filterTerms(filter: ListFilter): string[] {
  return [
    ...(filter.status === undefined ? [] : [`status:${filter.status}`]),
    ...(filter.party === undefined ? [] : [`party:${filter.party}`]),
    ...(filter.region === undefined ? [] : [`region:${filter.region}`]),
    ...(filter.constituency === undefined ? [] : [`seat:${filter.constituency}`]),
  ];
}

/**
 * The keys a pact must also be filed under to match every filter given: `all|<term>` for each
 * term (every pact is filed under `all` qualified by each of its terms). With exact keys, "has all
 * of these" is `matchesListFilter`, decided by the same rule that filed them.
 */
export function filterKeys(filter: ListFilter): string[] {
  return filterTerms(filter).map((t) => `all|${t}`);
}

/**
 * The one term a filtered list walks, most selective dimension first: a seat holds few pacts, a
 * status or a region more, a party the most. The other filters are applied to what it finds.
 */
function walkedTerm(filter: ListFilter): string | undefined {
  if (filter.constituency !== undefined) {
    return `seat:${filter.constituency}`;
  }
  if (filter.status !== undefined) {
    return `status:${filter.status}`;
  }
  if (filter.region !== undefined) {
    return `region:${filter.region}`;
  }
  return filter.party === undefined ? undefined : `party:${filter.party}`;
}

/**
 * Whether the pact matches every filter given: the list's FILTERS in SQL, written from the pact
 * itself (not from its terms) so that the model test checks the keys against it.
 */
export function matchesListFilter(pact: Pact, filter: ListFilter): boolean {
  const { status, party, region, constituency } = filter;
  return (
    (status === undefined || pact.status === status) &&
    (party === undefined || pact.participants.some((p) => p.party === party)) &&
    (region === undefined || pactRegions(pact).includes(region)) &&
    (constituency === undefined ||
      pact.revision.terms.standAsides.some((s) => s.constituency === constituency))
  );
}

/** The keys of everyone who may see the pact now (`all`: an admin's, for filtered lists only). */
function viewerKeysOf(pact: Pact): string[] {
  const keys = new Set([`author:${pact.authorLocalPartyId}`]);
  // National grants act for local parties: the HQs covering the author see a draft, those covering
  // any participant a proposed pact (`national:<party>` party-wide, `…:<region>` for a nation).
  const reached =
    pact.proposedAt === null
      ? pact.participants.filter((p) => p.localPartyId === pact.authorLocalPartyId)
      : pact.participants;
  for (const p of reached) {
    keys.add(`national:${p.party}`);
    keys.add(`national:${p.party}:${p.region}`);
  }
  if (pact.proposedAt !== null) {
    for (const p of pact.participants) {
      keys.add(`officer:${p.localPartyId}`);
      if (pact.status === 'ratified' || pact.status === 'terminated') {
        keys.add(`member:${p.party}`);
      }
    }
    for (const slot of oversightSlots(pact)) {
      keys.add(`coordinator:${slot.party}:${slot.region}`);
    }
  }
  return [...keys];
}

/**
 * Keys that make "the pacts I may see, newest first" an index look-up instead of a scan. A pact is
 * filed under the keys of everyone who may see it, and under each of those keys qualified by each
 * filter term it matches (`officer:…|status:proposed`), so a filtered list reads its own range
 * instead of narrowing a viewer's; a user looks under theirs (`listKeysFor`). For every pact, user
 * and filter:
 *
 *     canView(pact, user)                      ⇔  user is an admin, or the keys meet (no filter)
 *     canView(pact, user) ∧ matches(walked term)  ⇔  the keys meet (a filter)
 *
 * (checked against canView over random negotiations in model.spec.ts). The app stores exactly
 * these keys for each pact's current state, replacing them on every change under the pact's row
 * lock, so the database decides visibility (`canView`) and filters (`matchesListFilter`) by this
 * one rule: a pact is visible to a user when they share a viewer key, and matches a filter when it
 * is filed under each of `filterKeys(filter)`.
 */
export function listKeysOf(pact: Pact): string[] {
  const viewers = viewerKeysOf(pact);
  const terms = termsOf(pact);
  // Once proposed, the author's officers find the pact under their `officer:` key: qualifying the
  // `author:` key too would only add rows.
  const qualifiedBy =
    pact.proposedAt === null ? viewers : viewers.filter((v) => !v.startsWith('author:'));
  const qualified = [...qualifiedBy, 'all'].flatMap((v) => terms.map((t) => `${v}|${t}`));
  return [...viewers, ...qualified].sort();
}

/**
 * The keys a user looks under for a list with `filter`. Unfiltered: their viewer keys, and `all`
 * for an admin, who then walks every pact instead. Filtered: those keys (an admin's `all`
 * included) qualified by the filter's most selective term.
 */
export function listKeysFor(
  user: Actor,
  filter: ListFilter = {},
): { all: boolean; keys: string[] } {
  const keys = new Set<string>();
  let admin = false;
  for (const g of user.grants) {
    if (g.role === 'admin') {
      admin = true;
    } else if (g.role === 'officer' && g.localPartyId) {
      keys.add(`author:${g.localPartyId}`);
      keys.add(`officer:${g.localPartyId}`);
    } else if (g.role === 'national' && g.party) {
      keys.add(g.region ? `national:${g.party}:${g.region}` : `national:${g.party}`);
    } else if (g.role === 'coordinator' && g.party && g.region) {
      keys.add(`coordinator:${g.party}:${g.region}`);
    } else if (g.role === 'member' && g.party) {
      keys.add(`member:${g.party}`);
    }
  }
  const term = walkedTerm(filter);
  if (term === undefined) {
    return { all: admin, keys: [...keys].sort() };
  }
  if (admin) {
    keys.add('all');
  }
  return { all: false, keys: [...keys].map((k) => `${k}|${term}`).sort() };
}
