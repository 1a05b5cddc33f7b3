import { type CompiledBaseline } from './compile-baseline.js';

/** What shares are shares of: Great Britain (the basis of British polls) or the United Kingdom. */
export type SwingBasis = 'gb' | 'uk';

/** The Northern Ireland region slug: outside the `gb` basis. */
export const NORTHERN_IRELAND = 'northern-ireland';

/** Baseline vote shares in percent over the seats of `basis`, all candidates included. */
export function nationalShares(
  baseline: CompiledBaseline,
  basis: SwingBasis = 'uk',
): Record<string, number> {
  const totals = new Float64Array(baseline.nParties);
  let total = 0;
  for (let seat = 0; seat < baseline.nSeats; seat++) {
    if (basis === 'gb' && baseline.regions[seat] === NORTHERN_IRELAND) {
      continue;
    }
    for (let p = 0; p < baseline.nParties; p++) {
      const cell = seat * baseline.nParties + p;
      totals[p] += baseline.votes[cell] + baseline.residual[cell];
    }
    total += baseline.validVotes[seat];
  }
  const shares: Record<string, number> = {};
  baseline.parties.forEach((party, p) => {
    if (totals[p] > 0) {
      shares[party] = (100 * totals[p]) / total;
    }
  });
  return shares;
}

/**
 * Baseline vote shares in percent per region (slug) of `basis`, all candidates included: on the
 * `gb` basis Northern Ireland has no entry (a GB swing leaves it alone, so it takes no shares).
 */
export function regionalShares(
  baseline: CompiledBaseline,
  basis: SwingBasis = 'uk',
): Record<string, Record<string, number>> {
  const totals = new Map<string, { votes: Float64Array; valid: number }>();
  for (let seat = 0; seat < baseline.nSeats; seat++) {
    const region = baseline.regions[seat];
    if (basis === 'gb' && region === NORTHERN_IRELAND) {
      continue;
    }
    let t = totals.get(region);
    if (!t) {
      t = { votes: new Float64Array(baseline.nParties), valid: 0 };
      totals.set(region, t);
    }
    for (let p = 0; p < baseline.nParties; p++) {
      const cell = seat * baseline.nParties + p;
      t.votes[p] += baseline.votes[cell] + baseline.residual[cell];
    }
    t.valid += baseline.validVotes[seat];
  }
  const out: Record<string, Record<string, number>> = {};
  for (const [region, t] of totals) {
    const shares: Record<string, number> = {};
    baseline.parties.forEach((party, p) => {
      if (t.votes[p] > 0) {
        shares[party] = (100 * t.votes[p]) / t.valid;
      }
    });
    out[region] = shares;
  }
  return out;
}
