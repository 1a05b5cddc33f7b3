import { type PreparedScenario } from './prepare-scenario.js';
import { BAND_BINS, type MonteCarloTally } from './simulate.js';

/** A party's share of the valid vote in one seat over the draws, in percent. */
export interface ShareBand {
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

const BIN_WIDTH = 100 / BAND_BINS;

/** Quantile q of one histogram row, interpolated linearly inside its 0.5-point bin. */
function binQuantile(counts: Int32Array, offset: number, draws: number, q: number): number {
  const rank = q * draws;
  let seen = 0;
  for (let bin = 0; bin < BAND_BINS; bin++) {
    const n = counts[offset + bin];
    if (n > 0 && seen + n >= rank) {
      const within = (rank - seen) / n;
      return Math.round((bin + within) * BIN_WIDTH * 10) / 10;
    }
    seen += n;
  }
  return 100;
}

/**
 * Share bands (p5, p50, p95 of the party's share after the stand-asides) of the parties on the
 * ballot in one seat, or `undefined` when the tally kept none for it. Parties standing aside are
 * left out (their share is zero by construction).
 */
export function shareBandsOf(
  p: PreparedScenario,
  tally: MonteCarloTally | null,
  seat: number,
): Record<string, ShareBand> | undefined {
  if (!tally || tally.draws === 0 || tally.bandRow[seat] < 0) {
    return undefined;
  }
  const aside = new Set<number>();
  for (let k = p.seatSaStart[seat]; k < p.seatSaStart[seat + 1]; k++) {
    aside.add(p.saParty[k]);
  }
  const bands: Record<string, ShareBand> = {};
  for (let e = p.rowStart[seat]; e < p.rowStart[seat + 1]; e++) {
    const party = p.entryParty[e];
    if (aside.has(party)) {
      continue;
    }
    const offset = (tally.bandRow[seat] + e - p.rowStart[seat]) * BAND_BINS;
    bands[p.parties[party]] = {
      p5: binQuantile(tally.bandCounts, offset, tally.draws, 0.05),
      p50: binQuantile(tally.bandCounts, offset, tally.draws, 0.5),
      p95: binQuantile(tally.bandCounts, offset, tally.draws, 0.95),
    };
  }
  return bands;
}
