import type { CompiledBaseline } from './compile-baseline.js';
import type { StandAside } from './prepare-scenario.js';
import { getTransferSet } from './transfer-sets.js';

/** A stand-aside whose beneficiary may be left for the engine to choose. */
export interface OpenStandAside {
  readonly party: string;
  readonly constituency: string;
  readonly beneficiary?: string | null;
}

/**
 * Fills in missing beneficiaries. Whom a stand-aside favours is a political choice, not a model
 * parameter, so the default is the same whatever transfer set is projected: the party, among those
 * with a candidate in the seat (other than the one standing aside), that the standing-aside party's
 * voters favour most at the `central` rates; ties — and parties with no measured rate — go to the
 * one with more votes there. A stand-aside in an unknown seat is passed through unchanged (the
 * scenario check reports it).
 */
export function withDefaultBeneficiaries(
  baseline: CompiledBaseline,
  standAsides: readonly OpenStandAside[],
): StandAside[] {
  const central = getTransferSet('central');
  const rate = (from: string, to: string): number =>
    central?.rates.find((r) => r.from === from && r.to === to)?.central ?? 0;
  return standAsides.map((sa) => {
    if (sa.beneficiary) {
      return { party: sa.party, constituency: sa.constituency, beneficiary: sa.beneficiary };
    }
    const seat = baseline.onsCodes.indexOf(sa.constituency);
    let best = '';
    let bestRate = -1;
    let bestVotes = -1;
    if (seat >= 0) {
      for (let p = 0; p < baseline.nParties; p++) {
        const party = baseline.parties[p] ?? '';
        const votes = baseline.votes[seat * baseline.nParties + p] ?? 0;
        if (party === sa.party || votes <= 0) {
          continue;
        }
        const r = rate(sa.party, party);
        if (r > bestRate || (r === bestRate && votes > bestVotes)) {
          best = party;
          bestRate = r;
          bestVotes = votes;
        }
      }
    }
    return { party: sa.party, constituency: sa.constituency, beneficiary: best };
  });
}
