import { type StandAside, type Terms } from './model.js';
import { holdsSeats, type PactStatus } from './states.js';

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

/** One conflict between a leg of the new terms and a leg of another pact that holds its seats. */
export interface PactConflict {
  readonly kind: PactConflictKind;
  /** The other pact. */
  readonly pactId: string;
  readonly constituency: string;
  /** The leg of the terms being checked. */
  readonly standAside: StandAside;
  /** The clashing leg of the other pact. */
  readonly other: StandAside;
  /**
   * The party whose commitment in the other pact the leg contradicts: the one named in both legs
   * (it stands aside, or benefits, there).
   */
  readonly committedParty: string;
}

/**
 * What a caller is told of a conflict: only what their own party committed to. The other pact's
 * id, status and legs stay hidden — the caller may not be allowed to see it, and a refused command
 * must not become an oracle for other parties' secret deals.
 */
export interface ConflictNotice {
  readonly kind: PactConflictKind;
  readonly constituency: string;
  /** The caller's leg that clashes. */
  readonly standAside: StandAside;
  /** Always the caller's own party. */
  readonly committedParty: string;
}

/** The notices for `conflicts` that a caller acting for `party` may receive. */
export function conflictNotices(
  conflicts: readonly PactConflict[],
  party: string,
): ConflictNotice[] {
  // One notice per distinct clash: how many pacts share it would itself say something.
  const notices = new Map<string, ConflictNotice>();
  for (const { kind, constituency, standAside, committedParty } of conflicts) {
    if (committedParty === party) {
      const notice = { kind, constituency, standAside, committedParty };
      notices.set(JSON.stringify(notice), notice);
    }
  }
  return [...notices.values()];
}

/**
 * Conflicts between `terms` and the other pacts. Only pacts that hold their seats (signed,
 * ratified: `holdsSeats`) count, and a pact never conflicts with itself (`selfPactId`), so the app
 * may pass every pact touching the constituencies. The same party standing aside in the same seat
 * for the same beneficiary in two pacts is consistent, not a conflict.
 */
export function findConflicts(
  terms: Terms,
  others: readonly OtherPactStandAsides[],
  selfPactId?: string,
): PactConflict[] {
  const conflicts: PactConflict[] = [];
  for (const other of others) {
    if (other.pactId === selfPactId || !holdsSeats(other.status)) {
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
            committedParty: committedParty(mine, theirs),
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

/** The party named in both clashing legs: its commitment elsewhere is what the leg contradicts. */
function committedParty(mine: StandAside, theirs: StandAside): string {
  if (mine.party === theirs.party || mine.party === theirs.beneficiary) {
    return mine.party;
  }
  return mine.beneficiary;
}
