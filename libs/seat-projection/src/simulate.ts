import { leaderOf } from './ballot.js';
import { type PreparedScenario } from './prepare-scenario.js';
import {
  NATIONAL_STREAM,
  NOISE_TABLE_SHIFT,
  type Seed,
  TRANSFER_STREAM,
  logNormalTable,
  mix,
  seedKey,
  triangular,
  unitInterval,
} from './random.js';
import { applyStandAsides } from './stand-aside.js';

/**
 * Log-normal noise on vote shares, as standard deviations of the log factor. In each draw every
 * party's votes are multiplied by a national factor exp(σₙ·z − σₙ²/2) common to all seats, and
 * each (seat, party) by its own exp(σₛ·z − σₛ²/2); shares stay positive and a party that did not
 * stand stays at zero. Renormalising each seat would not change its winner, so it is skipped.
 */
export interface NoiseModel {
  readonly national: number;
  readonly seat: number;
}

/**
 * Default noise: national σ 0.03 (a party on 40 % moves about ±1.2 points nationally, about the
 * size of a final-poll error) and seat σ 0.05 (about ±2 points on 40 %, so a seat's two-party
 * lead varies by about 3 points, the scale of seat-level deviation from uniform swing).
 */
export const DEFAULT_NOISE: NoiseModel = { national: 0.03, seat: 0.05 };

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
  const { nSeats, nParties, rowStart, entryParty, entryVotes, seatSaStart } = p;
  const seatTable = logNormalTable(noise.seat);
  const nationalTable = logNormalTable(noise.national);
  const root = seedKey(options.seed);
  const nPairs = p.pairFrom.length;
  const pairKey = Int32Array.from(p.pairFrom, (from, k) => from * nParties + p.pairTo[k]);
  const national = new Float64Array(nParties);
  const rates = new Float64Array(nPairs);
  const w = new Float64Array(p.maxRow);
  const totalsBefore = new Int32Array(nParties);
  const totalsAfter = new Int32Array(nParties);
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
      national[party] = nationalTable[mix(nationalKey, party) >>> NOISE_TABLE_SHIFT];
    }
    const transferKey = mix(drawKey, TRANSFER_STREAM);
    for (let k = 0; k < nPairs; k++) {
      const u = unitInterval(mix(transferKey, pairKey[k]));
      rates[k] = triangular(u, p.pairLow[k], p.pairCentral[k], p.pairHigh[k]);
    }
    totalsBefore.fill(0);
    totalsAfter.fill(0);
    for (let seat = 0; seat < nSeats; seat++) {
      const seatKey = mix(drawKey, seat);
      const base = rowStart[seat];
      const count = rowStart[seat + 1] - base;
      for (let j = 0; j < count; j++) {
        const party = entryParty[base + j];
        w[j] =
          entryVotes[base + j] *
          national[party] *
          seatTable[mix(seatKey, party) >>> NOISE_TABLE_SHIFT];
      }
      const before = entryParty[base + leaderOf(w, count)];
      let after = before;
      if (seatSaStart[seat + 1] > seatSaStart[seat]) {
        applyStandAsides(p, seat, w, rates);
        after = entryParty[base + leaderOf(w, count)];
      }
      winsBefore[seat * nParties + before]++;
      winsAfter[seat * nParties + after]++;
      totalsBefore[before]++;
      totalsAfter[after]++;
    }
    for (let party = 0; party < nParties; party++) {
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
      t.noise.seat !== first.noise.seat ||
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
    drawTotals: totals,
  };
}
