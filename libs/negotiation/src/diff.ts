import { type Commitment, type StandAside, type Terms } from './model.js';
import { compareText } from './terms.js';

/** A stand-aside kept (same party × constituency) with another beneficiary. */
export interface StandAsideChange {
  readonly party: string;
  readonly constituency: string;
  readonly from: string;
  readonly to: string;
}

/** What changed from one revision's terms to another's. */
export interface TermsDiff {
  readonly standAsides: {
    readonly added: readonly StandAside[];
    readonly removed: readonly StandAside[];
    readonly changed: readonly StandAsideChange[];
  };
  /**
   * Commitments have no key but their text, so an edited commitment is one removed and one added;
   * duplicates are compared as a multiset.
   */
  readonly commitments: {
    readonly added: readonly Commitment[];
    readonly removed: readonly Commitment[];
  };
}

const seatKey = (s: StandAside) => `${s.party}\u0000${s.constituency}`;
const bySeat = (a: StandAside, b: StandAside) =>
  compareText(a.constituency, b.constituency) || compareText(a.party, b.party);

/**
 * The changes from `from` to `to` (e.g. revision m → n, `GET …/revisions/:n/diff?against=:m`):
 * stand-asides keyed by party × constituency are added, removed or changed (new beneficiary);
 * results are sorted by constituency then party so the diff reads the same every time.
 */
export function diffTerms(from: Terms, to: Terms): TermsDiff {
  const before = new Map(from.standAsides.map((s) => [seatKey(s), s]));
  const after = new Map(to.standAsides.map((s) => [seatKey(s), s]));
  const added: StandAside[] = [];
  const changed: StandAsideChange[] = [];
  for (const [key, s] of after) {
    const old = before.get(key);
    if (old === undefined) {
      added.push(s);
    } else if (old.beneficiary !== s.beneficiary) {
      changed.push({
        party: s.party,
        constituency: s.constituency,
        from: old.beneficiary,
        to: s.beneficiary,
      });
    }
  }
  const removed = [...before].filter(([key]) => !after.has(key)).map(([, s]) => s);
  return {
    standAsides: {
      added: added.sort(bySeat),
      removed: removed.sort(bySeat),
      changed: changed.sort(
        (a, b) => compareText(a.constituency, b.constituency) || compareText(a.party, b.party),
      ),
    },
    commitments: {
      added: multisetMinus(to.commitments, from.commitments),
      removed: multisetMinus(from.commitments, to.commitments),
    },
  };
}

/** Items of `a` not matched one-for-one by an equal item of `b`, in `a`'s order. */
function multisetMinus(a: readonly Commitment[], b: readonly Commitment[]): Commitment[] {
  const counts = new Map<string, number>();
  const key = (c: Commitment) => `${c.party}\u0000${c.text}`;
  for (const c of b) {
    counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
  }
  return a.filter((c) => {
    const left = counts.get(key(c)) ?? 0;
    if (left > 0) {
      counts.set(key(c), left - 1);
      return false;
    }
    return true;
  });
}
