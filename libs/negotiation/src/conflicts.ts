import { type StandAside, type Terms } from './model.js';
import { isLive, type PactStatus } from './states.js';

/** The stand-asides of another pact's current revision, as the app loads them for conflict checks. */
export interface OtherPactStandAsides {
  readonly pactId: string;
  readonly status: PactStatus;
  readonly standAsides: readonly StandAside[];
}

/**
 * Why two pacts cannot both be live:
 * - `DIFFERENT_BENEFICIARY`: the same party stands aside in the same seat for different parties;
 * - `BENEFICIARY_STANDS_ASIDE`: a party benefits in a seat where (in the other pact) it stands
 *   aside, or stands aside where it benefits.
 */
export type PactConflictKind = 'DIFFERENT_BENEFICIARY' | 'BENEFICIARY_STANDS_ASIDE';

/** One conflict between a leg of the new terms and a leg of another live pact. */
export interface PactConflict {
  readonly kind: PactConflictKind;
  /** The other pact. */
  readonly pactId: string;
  readonly constituency: string;
  /** The leg of the terms being checked. */
  readonly standAside: StandAside;
  /** The clashing leg of the other pact. */
  readonly other: StandAside;
}

/**
 * Conflicts between `terms` and the other pacts. Only live pacts (proposed, signed, ratified)
 * count, and a pact never conflicts with itself (`selfPactId`), so the app may pass every pact
 * touching the constituencies. The same party standing aside in the same seat for the same
 * beneficiary in two pacts is consistent, not a conflict.
 */
export function findConflicts(
  terms: Terms,
  others: readonly OtherPactStandAsides[],
  selfPactId?: string,
): PactConflict[] {
  const conflicts: PactConflict[] = [];
  for (const other of others) {
    if (other.pactId === selfPactId || !isLive(other.status)) {
      continue;
    }
    for (const mine of terms.standAsides) {
      for (const theirs of other.standAsides) {
        if (mine.constituency !== theirs.constituency) {
          continue;
        }
        const kind = conflictKind(mine, theirs);
        if (kind !== null) {
          conflicts.push({
            kind,
            pactId: other.pactId,
            constituency: mine.constituency,
            standAside: mine,
            other: theirs,
          });
        }
      }
    }
  }
  return conflicts;
}

function conflictKind(mine: StandAside, theirs: StandAside): PactConflictKind | null {
  if (mine.party === theirs.party && mine.beneficiary !== theirs.beneficiary) {
    return 'DIFFERENT_BENEFICIARY';
  }
  if (mine.party === theirs.beneficiary || mine.beneficiary === theirs.party) {
    return 'BENEFICIARY_STANDS_ASIDE';
  }
  return null;
}
