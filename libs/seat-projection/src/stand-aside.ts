import { OFF_BALLOT } from './ballot.js';
import { type PreparedScenario } from './prepare-scenario.js';

/**
 * Applies the stand-asides of `seat` to `w`, which holds the seat's entries (`w[e - rowStart]`):
 * each standing-aside party's votes move to the parties still on the ballot at `rates[pair]`, the
 * rest abstain, and its entry becomes {@link OFF_BALLOT}. Transfers never target a party that
 * also stands aside in the seat, so the order of stand-asides does not matter.
 */
export function applyStandAsides(
  p: PreparedScenario,
  seat: number,
  w: Float64Array,
  rates: Float64Array,
): void {
  const base = p.rowStart[seat];
  for (let k = p.seatSaStart[seat]; k < p.seatSaStart[seat + 1]; k++) {
    const x = p.saEntry[k];
    if (x < 0) {
      continue;
    }
    const moved = w[x - base];
    w[x - base] = OFF_BALLOT;
    for (let t = p.trStart[k]; t < p.trStart[k + 1]; t++) {
      w[p.trEntry[t] - base] += rates[p.trPair[t]] * moved;
    }
  }
}
