import { type CompiledBaseline } from './compile-baseline.js';
import { type PreparedScenario } from './prepare-scenario.js';
import { inverseNormal } from './random.js';
import { NORTHERN_IRELAND, nationalShares, regionalShares } from './shares.js';

/** One observed error: the projected (or baseline) share x and actual − projected, fractions. */
export interface ErrorSample {
  readonly share: number;
  readonly error: number;
}

/**
 * Maximum-likelihood c of the noise model σ = c·√(x(1−x)) from observed errors: c² is the mean of
 * e² / (x(1−x)). Samples with x at 0 or 1 carry no information and are skipped.
 */
export function fitScale(samples: readonly ErrorSample[]): number {
  let sum = 0;
  let n = 0;
  for (const { share, error } of samples) {
    const v = share * (1 - share);
    if (v > 0) {
      sum += (error * error) / v;
      n++;
    }
  }
  return n > 0 ? Math.sqrt(sum / n) : 0;
}

/**
 * Robust c: the value for which `coverage` (default 90 %) of the samples lie inside the central
 * normal interval ±z·c·√(x(1−x)) — the band the projection shows. Heavy tails (a party's local
 * collapse) inflate the maximum-likelihood c of {@link fitScale}; this one is fitted to the band.
 */
export function fitScaleForBand(samples: readonly ErrorSample[], coverage = 0.9): number {
  const ratios = samples
    .filter(({ share }) => share > 0 && share < 1)
    .map(({ share, error }) => Math.abs(error) / Math.sqrt(share * (1 - share)))
    .sort((a, b) => a - b);
  if (ratios.length === 0) {
    return 0;
  }
  const z = inverseNormal(0.5 + coverage / 2);
  return ratios[Math.min(ratios.length - 1, Math.ceil(coverage * ratios.length) - 1)] / z;
}

/**
 * Seat-level errors of a projection without stand-asides (a swing to the actual shares) against
 * the actual result on the same boundaries: one sample per GB seat and party that stood in both.
 */
export function seatErrors(projected: PreparedScenario, actual: CompiledBaseline): ErrorSample[] {
  const seatOf = new Map(actual.onsCodes.map((code, i) => [code, i]));
  const partyOf = new Map(actual.parties.map((party, i) => [party, i]));
  const samples: ErrorSample[] = [];
  for (let seat = 0; seat < projected.nSeats; seat++) {
    const there = seatOf.get(projected.onsCodes[seat]);
    if (there === undefined || projected.regions[seat] === NORTHERN_IRELAND) {
      continue;
    }
    for (let e = projected.rowStart[seat]; e < projected.rowStart[seat + 1]; e++) {
      const j = partyOf.get(projected.parties[projected.entryParty[e]]);
      const votes = j === undefined ? 0 : actual.votes[there * actual.nParties + j];
      const share = projected.entryVotes[e] / projected.validVotes[seat];
      if (votes > 0 && share > 0) {
        samples.push({ share, error: votes / actual.validVotes[there] - share });
      }
    }
  }
  return samples;
}

/**
 * Regional errors of a national swing: for each GB region and party that stood in both
 * elections, the region's change minus the GB change (the part a national swing cannot see).
 */
export function regionalErrors(from: CompiledBaseline, to: CompiledBaseline): ErrorSample[] {
  const gbFrom = nationalShares(from, 'gb');
  const gbTo = nationalShares(to, 'gb');
  const regionsFrom = regionalShares(from);
  const regionsTo = regionalShares(to);
  const samples: ErrorSample[] = [];
  for (const [region, before] of Object.entries(regionsFrom)) {
    const after = regionsTo[region];
    if (region === NORTHERN_IRELAND || !after) {
      continue;
    }
    for (const [party, x] of Object.entries(before)) {
      const y = after[party];
      const national = (gbTo[party] ?? 0) - (gbFrom[party] ?? 0);
      if (y !== undefined && y > 0 && x > 0) {
        samples.push({ share: x / 100, error: (y - x - national) / 100 });
      }
    }
  }
  return samples;
}
