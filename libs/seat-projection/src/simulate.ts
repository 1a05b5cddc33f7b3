import { leaderOf } from './ballot.js';
import { type PreparedScenario } from './prepare-scenario.js';
import {
  NATIONAL_STREAM,
  NOISE_TABLE_SHIFT,
  REGION_STREAM,
  type Seed,
  TRANSFER_STREAM,
  mix,
  normalTable,
  seedKey,
  triangular,
  unitInterval,
} from './random.js';
import { contenderEnds, simulatePlan } from './simulate-plan.js';
import { applyStandAsides } from './stand-aside.js';

/**
 * Additive noise on vote shares, at three levels, each as a coefficient c: a party on share x
 * (a fraction of the seat's valid votes) moves by c·√(x(1−x)) times a standard normal draw —
 * common to the whole country (`national`), to a region (`regional`), and the seat's own
 * (`seat`, or `stronghold` where a small party is strong: see `STRONGHOLD`). The √(x(1−x)) scale
 * is what the historical errors show: a 5 % party's seat share moved by about 2 points, a 40 %
 * party's by about 5 (see `fitScaleForBand`). Shares are clamped
 * at zero; a party that did not stand stays at zero. Renormalising each seat would not change
 * its winner, so it is skipped (shares in `shareBands` are taken over the draw's own total).
 */
export interface NoiseModel {
  readonly national: number;
  readonly regional: number;
  readonly seat: number;
  /** The seat-level c of a small party's stronghold (`strongholdEntries`). */
  readonly stronghold: number;
}

/**
 * Default noise. `seat`, `stronghold` and `regional` are fitted on GE2015 → GE2017 with
 * `fitScaleForBand` (90 % of the errors inside the 90 % band; `npm run backtest` refits them on
 * GE2017 → GE2019 and tests them out of sample): the seat-level error of regional uniform swing
 * given the actual regional shares (small parties' strongholds apart), and the spread of
 * regional changes around the GB change.
 * `national` is the error of the shares themselves — of polls, which the shipped data do not
 * hold: c = 0.045 gives a 40 % party ±2.2 points (1 σ), the size of the final-poll errors in
 * 2015 and 2017 (British Polling Council; Sturgis et al. 2016). A projection on known shares
 * (a hindcast) passes `national: 0`.
 */
export const DEFAULT_NOISE: NoiseModel = {
  national: 0.045,
  regional: 0.047,
  seat: 0.1012,
  stronghold: 0.1795,
};

/** Share-band histograms: bins of 0.5 points of the valid vote, 0–100 %. */
export const BAND_BINS = 200;

/** Which seats get share bands: those with a stand-aside (default), every seat, or none. */
export type BandSeats = 'touched' | 'all' | 'none';

/** Options of {@link simulate}. Draw `d`'s randomness depends only on (seed, d). */
export interface SimulateOptions {
  readonly seed: Seed;
  readonly draws: number;
  /** First draw number, to split one run across workers: [0, n) and [n, 2n) merge exactly. */
  readonly firstDraw?: number;
  readonly noise?: NoiseModel;
  /** Called with (draws done, draws total) every `progressEvery` draws and at the end. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
  /** Keep every draw's seat totals (draws × parties), e.g. for a histogram or for checks. */
  readonly keepDrawTotals?: boolean;
  readonly bands?: BandSeats;
}

/** Raw Monte Carlo counts: plain typed arrays, transferable from a worker and mergeable. */
export interface MonteCarloTally {
  readonly seed: Seed;
  readonly firstDraw: number;
  readonly draws: number;
  readonly noise: NoiseModel;
  readonly nSeats: number;
  readonly nParties: number;
  /** Draws won per seat × party, without and with the stand-asides (same noise). */
  readonly winsBefore: Int32Array;
  readonly winsAfter: Int32Array;
  /** Draws in which party p won n seats: cell p·(nSeats + 1) + n. */
  readonly histBefore: Int32Array;
  readonly histAfter: Int32Array;
  /** Seat totals after stand-asides, draw × party, when `keepDrawTotals` was set. */
  readonly drawTotals: Int32Array | null;
  /**
   * Share histograms after the stand-asides: seat s's entries start at bin row `bandRow[s]`
   * (−1: no bands for the seat); entry e of the seat uses row bandRow[s] + (e − rowStart[s]),
   * cells row·BAND_BINS + bin.
   */
  readonly bandRow: Int32Array;
  readonly bandCounts: Int32Array;
}

/** Bin rows per seat for share bands; −1 where none are kept. */
export function bandRows(p: PreparedScenario, bands: BandSeats): { rows: Int32Array; n: number } {
  const rows = new Int32Array(p.nSeats).fill(-1);
  let n = 0;
  for (let seat = 0; seat < p.nSeats; seat++) {
    const touched = p.seatSaStart[seat + 1] > p.seatSaStart[seat];
    if (bands === 'all' || (bands === 'touched' && touched)) {
      rows[seat] = n;
      n += p.rowStart[seat + 1] - p.rowStart[seat];
    }
  }
  return { rows, n };
}

// Kept out of the draw loop's body so that V8's inlining budget for it goes to the hashing.

/** Adds one draw's shares of a seat (its entries' votes over their total) to the histograms. */
function countShares(
  w: Float64Array,
  count: number,
  residual: number,
  bandCounts: Int32Array,
  row: number,
): void {
  let total = residual;
  for (let j = 0; j < count; j++) {
    total += w[j] > 0 ? w[j] : 0;
  }
  for (let j = 0; j < count; j++) {
    const share = w[j] > 0 ? w[j] / total : 0;
    const bin = share >= 1 ? BAND_BINS - 1 : (share * BAND_BINS) | 0;
    bandCounts[(row + j) * BAND_BINS + bin]++;
  }
}

/**
 * Runs Monte Carlo draws over a prepared scenario. Per draw: national and seat noise on the
 * swung votes, one rate per transfer leg drawn from triangular(low, central, high), then each
 * seat's winner without and with the stand-asides. The loop runs over typed arrays and allocates
 * nothing per draw. Throws a RangeError on a negative or fractional draw count (a caller bug).
 */
export function simulate(p: PreparedScenario, options: SimulateOptions): MonteCarloTally {
  const { draws, firstDraw = 0, noise = DEFAULT_NOISE } = options;
  if (
    !Number.isSafeInteger(draws) ||
    draws < 0 ||
    !Number.isSafeInteger(firstDraw) ||
    firstDraw < 0
  ) {
    throw new RangeError(`draws and firstDraw must be non-negative integers`);
  }
  const { nSeats, nParties, rowStart, entryParty, seatSaStart } = p;
  const plan = simulatePlan(p, noise);
  const { seatRegion, cells, cellParty, entryVs, seatResidual, pairKey } = plan;
  const { slotCell, slotParty, slotIndex, slotVs } = plan;
  // The standard normal quantiles scaled once per run by the national and regional c; the seat
  // level's c differs by entry, so it is in the entry's own scale (SimulatePlan.entryVs).
  const seatNormal = normalTable();
  const nationalNormal = seatNormal.map((z) => noise.national * z);
  const regionalNormal = seatNormal.map((z) => noise.regional * z);
  // Bounds of a draw's noise terms, summed as the draw sums them (see contenderEnds).
  const low = (t: Float64Array) => t.reduce((a, b) => (b < a ? b : a));
  const high = (t: Float64Array) => t.reduce((a, b) => (b > a ? b : a));
  const contenderEnd = contenderEnds(
    rowStart,
    slotVs,
    {
      low: low(nationalNormal) + low(regionalNormal),
      high: high(nationalNormal) + high(regionalNormal),
    },
    { low: low(seatNormal), high: high(seatNormal) },
  );
  const root = seedKey(options.seed);
  const band = bandRows(p, options.bands ?? 'touched');
  // 1: the seat's votes move or its shares are counted, so every entry is drawn; 0: only its
  // winner counts.
  const fullSeat = Uint8Array.from(band.rows, (row, seat) =>
    row >= 0 || seatSaStart[seat + 1] > seatSaStart[seat] ? 1 : 0,
  );
  const bandCounts = new Int32Array(band.n * BAND_BINS);
  const regional = new Float64Array(plan.nRegions * nParties);
  const nPairs = p.pairFrom.length;
  const national = new Float64Array(nParties);
  const rates = new Float64Array(nPairs);
  const w = new Float64Array(p.maxRow);
  const totalsBefore = new Int32Array(nParties);
  const totalsAfter = new Int32Array(nParties);
  const totalsCommon = new Int32Array(nParties);
  const winsBefore = new Int32Array(nSeats * nParties);
  const winsAfter = new Int32Array(nSeats * nParties);
  const histBefore = new Int32Array(nParties * (nSeats + 1));
  const histAfter = new Int32Array(nParties * (nSeats + 1));
  const drawTotals = options.keepDrawTotals ? new Int32Array(draws * nParties) : null;
  const every = Math.max(1, Math.floor(options.progressEvery ?? 1000));
  for (let i = 0; i < draws; i++) {
    const drawKey = mix(root, firstDraw + i);
    const nationalKey = mix(drawKey, NATIONAL_STREAM);
    for (let party = 0; party < nParties; party++) {
      national[party] = nationalNormal[mix(nationalKey, party) >>> NOISE_TABLE_SHIFT];
    }
    const regionKey = mix(drawKey, REGION_STREAM);
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      regional[cell] =
        national[cellParty[c]] + regionalNormal[mix(regionKey, cell) >>> NOISE_TABLE_SHIFT];
    }
    const transferKey = mix(drawKey, TRANSFER_STREAM);
    for (let k = 0; k < nPairs; k++) {
      const u = unitInterval(mix(transferKey, pairKey[k]));
      rates[k] = triangular(u, p.pairLow[k], p.pairCentral[k], p.pairHigh[k]);
    }
    totalsBefore.fill(0);
    totalsAfter.fill(0);
    totalsCommon.fill(0);
    for (let seat = 0; seat < nSeats; seat++) {
      const seatKey = mix(drawKey, seat);
      const base = rowStart[seat];
      if (fullSeat[seat] === 0) {
        // Untouched: the same winner before and after, counted once (copied into winsBefore at
        // the end) and in the common totals. Unclamped: a negative draw cannot lead the seat.
        // Votes + σ·(national + regional) + σₛ·seat, here and for full seats below.
        let best = base;
        let bestVotes =
          slotVs[3 * base] +
          slotVs[3 * base + 1] * regional[slotCell[base]] +
          slotVs[3 * base + 2] * seatNormal[mix(seatKey, slotParty[base]) >>> NOISE_TABLE_SHIFT];
        const end = contenderEnd[seat];
        for (let s = base + 1; s < end; s++) {
          const votes =
            slotVs[3 * s] +
            slotVs[3 * s + 1] * regional[slotCell[s]] +
            slotVs[3 * s + 2] * seatNormal[mix(seatKey, slotParty[s]) >>> NOISE_TABLE_SHIFT];
          // In slot order this rarely holds, so the branch is predictable. Exact ties go to the
          // lower row index, as in leaderOf.
          if (votes > bestVotes || (votes === bestVotes && slotIndex[s] < slotIndex[best])) {
            bestVotes = votes;
            best = s;
          }
        }
        winsAfter[seat * nParties + slotParty[best]]++;
        totalsCommon[slotParty[best]]++;
        continue;
      }
      // Every entry, in row order (as stand-asides and bands index them), clamped at zero.
      const count = rowStart[seat + 1] - base;
      const shift = seatRegion[seat] * nParties;
      for (let j = 0; j < count; j++) {
        const party = entryParty[base + j];
        const e3 = 3 * (base + j);
        const votes =
          entryVs[e3] +
          entryVs[e3 + 1] * regional[shift + party] +
          entryVs[e3 + 2] * seatNormal[mix(seatKey, party) >>> NOISE_TABLE_SHIFT];
        w[j] = votes < 0 ? 0 : votes;
      }
      const before = entryParty[base + leaderOf(w, count)];
      if (seatSaStart[seat + 1] > seatSaStart[seat]) {
        applyStandAsides(p, seat, w, rates);
        const after = entryParty[base + leaderOf(w, count)];
        winsBefore[seat * nParties + before]++;
        winsAfter[seat * nParties + after]++;
        totalsBefore[before]++;
        totalsAfter[after]++;
      } else {
        // Bands only: counted once, as above.
        winsAfter[seat * nParties + before]++;
        totalsCommon[before]++;
      }
      if (band.rows[seat] >= 0) {
        countShares(w, count, seatResidual[seat], bandCounts, band.rows[seat]);
      }
    }
    for (let party = 0; party < nParties; party++) {
      totalsBefore[party] += totalsCommon[party];
      totalsAfter[party] += totalsCommon[party];
      histBefore[party * (nSeats + 1) + totalsBefore[party]]++;
      histAfter[party * (nSeats + 1) + totalsAfter[party]]++;
    }
    if (drawTotals) {
      drawTotals.set(totalsAfter, i * nParties);
    }
    if (options.onProgress && ((i + 1) % every === 0 || i + 1 === draws)) {
      options.onProgress(i + 1, draws);
    }
  }
  for (let seat = 0; seat < nSeats; seat++) {
    if (seatSaStart[seat + 1] === seatSaStart[seat]) {
      const row = seat * nParties;
      winsBefore.set(winsAfter.subarray(row, row + nParties), row);
    }
  }
  const seed = options.seed;
  return {
    seed,
    firstDraw,
    draws,
    noise,
    nSeats,
    nParties,
    winsBefore,
    winsAfter,
    histBefore,
    histAfter,
    drawTotals,
    bandRow: band.rows,
    bandCounts,
  };
}

/**
 * Merges tallies of consecutive draw ranges of one run (same seed and noise, e.g. from two
 * workers) into the tally of the whole range. Throws if they do not fit together (a caller bug).
 */
export function mergeTallies(tallies: readonly MonteCarloTally[]): MonteCarloTally {
  const sorted = [...tallies].sort((a, b) => a.firstDraw - b.firstDraw);
  const [first] = sorted;
  if (!first) {
    throw new RangeError('nothing to merge');
  }
  let next = first.firstDraw;
  for (const t of sorted) {
    if (
      t.firstDraw !== next ||
      seedKey(t.seed) !== seedKey(first.seed) ||
      t.noise.national !== first.noise.national ||
      t.noise.regional !== first.noise.regional ||
      t.noise.seat !== first.noise.seat ||
      t.noise.stronghold !== first.noise.stronghold ||
      t.bandCounts.length !== first.bandCounts.length ||
      t.nSeats !== first.nSeats ||
      t.nParties !== first.nParties
    ) {
      throw new RangeError('tallies are not consecutive ranges of one run');
    }
    next += t.draws;
  }
  const sum = (pick: (t: MonteCarloTally) => Int32Array) => {
    const out = new Int32Array(pick(first).length);
    for (const t of sorted) {
      const a = pick(t);
      for (let i = 0; i < a.length; i++) {
        out[i] += a[i];
      }
    }
    return out;
  };
  const totals = sorted.every((t) => t.drawTotals !== null)
    ? Int32Array.from(sorted.flatMap((t) => (t.drawTotals ? [...t.drawTotals] : [])))
    : null;
  return {
    ...first,
    draws: next - first.firstDraw,
    winsBefore: sum((t) => t.winsBefore),
    winsAfter: sum((t) => t.winsAfter),
    histBefore: sum((t) => t.histBefore),
    histAfter: sum((t) => t.histAfter),
    bandCounts: sum((t) => t.bandCounts),
    drawTotals: totals,
  };
}
