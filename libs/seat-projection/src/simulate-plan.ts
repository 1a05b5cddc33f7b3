import { type PreparedScenario } from './prepare-scenario.js';

// Lexical alias: global lookups are slow in hot loops under Jest's vm contexts (see random.ts).
const sqrt = Math.sqrt;

/**
 * The Monte Carlo's per-scenario layout: everything `simulate` derives from a prepared scenario
 * before its first draw, kept in flat typed arrays indexed by entry.
 *
 * Each seat's entries are also listed as *slots* (same range `rowStart[s]` to `rowStart[s + 1]`),
 * sorted by baseline votes, largest first. A seat whose winner is all a draw needs (no
 * stand-aside, no share bands) is drawn in slot order, and only as far as a slot could still beat
 * slot 0 (see {@link contenderEnds}); on GE2017 that is 3.0 of a seat's 5.0 entries on average.
 */
export interface SimulatePlan {
  readonly nRegions: number;
  /** Region index per seat, in order of first appearance. */
  readonly seatRegion: Int32Array;
  /**
   * Regional noise cells (region·nParties + party) in which some party stands, ascending, and
   * their parties: the other cells are never read, so they are not drawn.
   */
  readonly cells: Int32Array;
  readonly cellParty: Int32Array;
  /**
   * Per entry, interleaved (2e, 2e + 1) so one cache line serves both: the swung votes, and σ of
   * the entry in votes per unit of noise coefficient, valid·√(x(1−x)). A per-entry factor on the
   * seat-level noise alone would be a third number here and in `slotVs` (votes, σ, k·σ), and
   * widen {@link contenderEnds}' upper bound to (national + regional)·σ + seat·k·σ.
   */
  readonly entryVs: Float64Array;
  /** Per slot: its entry's regional cell, its party, its index in the seat's row, votes and σ. */
  readonly slotCell: Int32Array;
  readonly slotParty: Int32Array;
  readonly slotIndex: Int32Array;
  readonly slotVs: Float64Array;
  /** Residual (minor candidates') votes per seat: part of the total in share bands. */
  readonly seatResidual: Float64Array;
  /** Random key per transfer pair: from·nParties + to. */
  readonly pairKey: Int32Array;
}

/** Region index per seat, in order of first appearance. */
function regionIndex(p: PreparedScenario): { seatRegion: Int32Array; nRegions: number } {
  const index = new Map<string, number>();
  const seatRegion = Int32Array.from(p.regions, (r) => {
    let i = index.get(r);
    if (i === undefined) {
      i = index.size;
      index.set(r, i);
    }
    return i;
  });
  return { seatRegion, nRegions: index.size };
}

/** Builds the layout of `p`: about 1 ms for 650 seats, against some 70 ms for 2,000 draws. */
export function simulatePlan(p: PreparedScenario): SimulatePlan {
  const { nSeats, nParties, rowStart, entryParty, entryVotes, validVotes } = p;
  const { seatRegion, nRegions } = regionIndex(p);
  const n = entryVotes.length;
  const entryVs = new Float64Array(2 * n);
  const slotCell = new Int32Array(n);
  const slotParty = new Int32Array(n);
  const slotIndex = new Int32Array(n);
  const slotVs = new Float64Array(2 * n);
  const seatResidual = new Float64Array(nSeats);
  const used = new Uint8Array(nRegions * nParties);
  for (let seat = 0; seat < nSeats; seat++) {
    const base = rowStart[seat];
    const end = rowStart[seat + 1];
    for (let e = base; e < end; e++) {
      const x = Math.min(1, entryVotes[e] / validVotes[seat]);
      entryVs[2 * e] = entryVotes[e];
      entryVs[2 * e + 1] = validVotes[seat] * sqrt(x * (1 - x));
      used[seatRegion[seat] * nParties + entryParty[e]] = 1;
    }
    // Largest baseline votes first; equal votes keep row order, so the tie rule can compare rows.
    const order = Array.from({ length: end - base }, (_, j) => j).sort(
      (a, b) => entryVotes[base + b] - entryVotes[base + a] || a - b,
    );
    order.forEach((j, slot) => {
      const e = base + j;
      slotCell[base + slot] = seatRegion[seat] * nParties + entryParty[e];
      slotParty[base + slot] = entryParty[e];
      slotIndex[base + slot] = j;
      slotVs[2 * (base + slot)] = entryVs[2 * e];
      slotVs[2 * (base + slot) + 1] = entryVs[2 * e + 1];
    });
    for (let party = 0; party < nParties; party++) {
      seatResidual[seat] += p.residual[seat * nParties + party];
    }
  }
  const cells = Int32Array.from(used.keys()).filter((cell) => used[cell] === 1);
  return {
    nRegions,
    seatRegion,
    cells,
    cellParty: cells.map((cell) => cell % nParties),
    entryVs,
    slotCell,
    slotParty,
    slotIndex,
    slotVs,
    seatResidual,
    pairKey: Int32Array.from(p.pairFrom, (from, k) => from * nParties + p.pairTo[k]),
  };
}

/**
 * Per seat, the end of the slots that can win a draw: a slot whose largest possible votes stay
 * below slot 0's smallest possible ones never leads (nor ties), so it is not drawn. `zLow` and
 * `zHigh` bound the noise per unit of σ, national + regional + seat, summed in the order the draw
 * sums them: + and × by σ ≥ 0 are monotone in floating point, so the bounds hold exactly.
 */
export function contenderEnds(
  rowStart: Int32Array,
  slotVs: Float64Array,
  zLow: number,
  zHigh: number,
): Int32Array {
  const nSeats = rowStart.length - 1;
  const ends = new Int32Array(nSeats);
  for (let seat = 0; seat < nSeats; seat++) {
    const base = rowStart[seat];
    const floor = slotVs[2 * base] + slotVs[2 * base + 1] * zLow;
    let end = base + 1;
    for (let s = base + 1; s < rowStart[seat + 1]; s++) {
      if (slotVs[2 * s] + slotVs[2 * s + 1] * zHigh >= floor) {
        end = s + 1;
      }
    }
    ends[seat] = end;
  }
  return ends;
}
