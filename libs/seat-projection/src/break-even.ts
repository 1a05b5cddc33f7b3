import { OFF_BALLOT } from './ballot.js';
import { type PreparedScenario } from './prepare-scenario.js';

/**
 * The smallest share of `from`'s voters that must move to `to` for `to` to win the seat, every
 * other transfer held at the scenario's central rate. `rate` is 0 when `to` wins even with no
 * transfer, `null` when 100 % is not enough.
 */
export interface BreakEven {
  readonly from: string;
  readonly to: string;
  readonly rate: number | null;
}

/**
 * Break-even rate of every stand-aside (in `p.standAsides` order), computed analytically: the
 * beneficiary's vote is b₀ + r·v (v the standing-aside party's vote) and nobody else's depends on
 * r, so it draws level with the strongest rival M at r* = (M − b₀)/v. Tie rule as everywhere:
 * an exact tie goes to the party earlier in party order, so at r* itself the beneficiary wins only
 * if it precedes that rival; `rate` is r* either way (the beneficiary wins for every rate above
 * it), and `null` when r* > 1, or r* = 1 with the tie lost.
 */
export function breakEvens(p: PreparedScenario): BreakEven[] {
  const w = new Float64Array(p.maxRow);
  const out: BreakEven[] = [];
  for (let k = 0; k < p.standAsides.length; k++) {
    const seat = p.saSeat[k];
    const base = p.rowStart[seat];
    const count = p.rowStart[seat + 1] - base;
    const b = p.saBeneficiaryEntry[k] - base;
    withoutLeg(p, seat, k, b, w);
    const v = p.saEntry[k] < 0 ? 0 : p.entryVotes[p.saEntry[k]];
    let rival = -1;
    for (let j = 0; j < count; j++) {
      if (j !== b && w[j] !== OFF_BALLOT && (rival < 0 || w[j] > w[rival])) {
        rival = j;
      }
    }
    const sa = p.standAsides[k];
    out.push({
      from: sa.party,
      to: sa.beneficiary,
      rate: threshold(w[b], v, rival < 0 ? null : w[rival], b < rival),
    });
  }
  return out;
}

/** r* for b₀ + r·v against a rival at `m` (null: no rival), `winsTie` when b precedes the rival. */
function threshold(b0: number, v: number, m: number | null, winsTie: boolean): number | null {
  if (m === null) {
    return 0;
  }
  const winsAt = (votes: number) => votes > m || (votes === m && winsTie);
  if (v <= 0) {
    return winsAt(b0) ? 0 : null;
  }
  const r = Math.max(0, (m - b0) / v);
  if (r > 1 || (r === 1 && !winsAt(b0 + v))) {
    return null;
  }
  return r;
}

/**
 * Fills `w` with seat `seat` after all its stand-asides at central rates, except that stand-aside
 * `k` sends nothing to the beneficiary's entry `b` (the leg whose rate is being solved for).
 */
function withoutLeg(
  p: PreparedScenario,
  seat: number,
  k: number,
  b: number,
  w: Float64Array,
): void {
  const base = p.rowStart[seat];
  for (let j = 0; j < p.rowStart[seat + 1] - base; j++) {
    w[j] = p.entryVotes[base + j];
  }
  for (let s = p.seatSaStart[seat]; s < p.seatSaStart[seat + 1]; s++) {
    const x = p.saEntry[s];
    if (x < 0) {
      continue;
    }
    const moved = w[x - base];
    w[x - base] = OFF_BALLOT;
    for (let t = p.trStart[s]; t < p.trStart[s + 1]; t++) {
      const target = p.trEntry[t] - base;
      if (!(s === k && target === b)) {
        w[target] += p.pairCentral[p.trPair[t]] * moved;
      }
    }
  }
}
