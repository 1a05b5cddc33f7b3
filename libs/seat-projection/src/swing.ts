import { type CompiledBaseline } from './compile-baseline.js';
import { addFirstDefence } from './first-defence.js';
import { standingDownSeats, takePersonalVotes, type StandingDown } from './standing-down.js';
import { NORTHERN_IRELAND, type SwingBasis } from './shares.js';

/**
 * `uniform`: every seat's share of party p moves by the same number of points as its area share
 * (Butler swing). `proportional`: every seat's share is multiplied by the area's ratio.
 */
export type SwingModel = 'uniform' | 'proportional';

/** Shares in percent (0–100) by party code. */
export type Shares = Readonly<Record<string, number>>;

/**
 * A swing from the baseline to target shares, nationally (on the basis), by region, or both:
 * a region's seats move to its own shares; the seats of the regions not given move so that the
 * basis as a whole meets `shares` (the given regions' votes taken out first). Parties not named
 * in an area are "others": scaled together to fill what is left of 100 %, never beyond
 * {@link MAX_UNNAMED_SCALE} times their baseline. A party absent from the baseline may be named
 * (a new party): it stands in every seat of the area and its share is spread uniformly, or in
 * proportion to the seat shares of the baseline party named in `proxies` (e.g. the Brexit Party
 * in 2019 after UKIP in 2017).
 */
export interface Swing {
  readonly model: SwingModel;
  /** `gb` by default: Northern Ireland's seats keep their votes unless its region is given. */
  readonly basis?: SwingBasis;
  readonly shares?: Shares;
  readonly regions?: Readonly<Record<string, Shares>>;
  readonly proxies?: Readonly<Record<string, string>>;
  /**
   * First-term MPs' own gain when they defend their seat (`FIRST_DEFENCE_BONUS`): on unless
   * `false`; a number (a fraction of the vote, 0–0.1) sets the bonus, for calibration. A swing
   * projects to the next election, where it applies; without a swing the baseline is the
   * election itself and it does not.
   */
  readonly firstDefence?: boolean | number;
  /**
   * Seats whose baseline winner does not stand again (from the next election's nominations): no
   * first-defence bonus there, and the party loses the MP's personal vote (`takePersonalVotes`).
   */
  readonly standingDown?: StandingDown;
}

/** Unnamed ("other") parties are scaled at most this many times their baseline share. */
export const MAX_UNNAMED_SCALE = 1.5;

/**
 * A baseline after a swing: the baseline's parties followed by any new party the swing named,
 * effective and residual votes seat × party on each seat's baseline turnout.
 */
export interface SwungBaseline {
  readonly parties: readonly string[];
  readonly nParties: number;
  readonly votes: Float64Array;
  readonly residual: Float64Array;
}

/** Parties named by a swing that have no votes in the baseline, in order of first mention. */
export function newParties(baseline: CompiledBaseline, swing?: Swing): string[] {
  const known = new Set(baseline.parties);
  const found = new Set<string>();
  for (const shares of [swing?.shares ?? {}, ...Object.values(swing?.regions ?? {})]) {
    for (const [party, share] of Object.entries(shares)) {
      if (!known.has(party) && share > 0) {
        found.add(party);
      }
    }
  }
  return [...found];
}

interface Area {
  readonly seats: readonly number[];
  /** Target share (fraction) by party index. */
  readonly targets: ReadonlyMap<number, number>;
}

/**
 * Applies a swing (assumed valid: see {@link swingProblems}); without one, returns the baseline.
 * Per area (a given region; the rest of the basis), named parties move to their targets by the
 * model, "others" are scaled by a common bounded factor, new parties are spread over the area,
 * and each seat is renormalised to its baseline turnout. Under the uniform model a party whose
 * fall would take it below zero somewhere is clamped there, and the votes it could not lose are
 * taken from its other seats, so that its area share still meets the target (up to the seat
 * renormalisation). Seats outside every area (Northern Ireland on the `gb` basis) keep their votes.
 */
export function applySwing(baseline: CompiledBaseline, swing?: Swing): SwungBaseline {
  if (!swing) {
    return {
      parties: baseline.parties,
      nParties: baseline.nParties,
      votes: baseline.votes,
      residual: baseline.residual,
    };
  }
  const added = newParties(baseline, swing);
  const parties = [...baseline.parties, ...added];
  const nP = parties.length;
  const index = new Map(parties.map((p, i) => [p, i]));
  const votes = new Float64Array(baseline.nSeats * nP);
  const residual = new Float64Array(baseline.nSeats * nP);
  for (let seat = 0; seat < baseline.nSeats; seat++) {
    for (let p = 0; p < baseline.nParties; p++) {
      votes[seat * nP + p] = baseline.votes[seat * baseline.nParties + p];
      residual[seat * nP + p] = baseline.residual[seat * baseline.nParties + p];
    }
  }
  const leaving = standingDownSeats(baseline, swing.standingDown);
  if (swing.firstDefence !== false) {
    const bonus = typeof swing.firstDefence === 'number' ? swing.firstDefence : undefined;
    addFirstDefence(baseline, votes, residual, nP, bonus, leaving);
  }
  takePersonalVotes(baseline, leaving, votes, residual, nP, swing.standingDown?.penalty);
  const out: SwungBaseline = { parties, nParties: nP, votes, residual };
  const from = { ...out, votes: votes.slice(), residual: residual.slice() };
  const toTargets = (shares: Shares) =>
    new Map(
      Object.entries(shares).flatMap(([party, share]) => {
        const p = index.get(party);
        return p === undefined ? [] : [[p, share / 100] as [number, number]];
      }),
    );
  const basis = swing.basis ?? 'gb';
  const inBasis = (seat: number) => basis === 'uk' || baseline.regions[seat] !== NORTHERN_IRELAND;
  const given = new Set(Object.keys(swing.regions ?? {}));
  for (const [region, shares] of Object.entries(swing.regions ?? {})) {
    const seats = seatsWhere(baseline, (s) => baseline.regions[s] === region);
    swingArea(baseline, from, out, { seats, targets: toTargets(shares) }, swing);
  }
  if (swing.shares) {
    const all = seatsWhere(baseline, inBasis);
    const rest = all.filter((s) => !given.has(baseline.regions[s]));
    const national = toTargets(swing.shares);
    const restVotes = validOf(baseline, rest);
    const givenVotes = validOf(baseline, all) - restVotes;
    const givenShares = areaShares(
      baseline,
      out,
      all.filter((s) => given.has(baseline.regions[s])),
    );
    const targets = new Map<number, number>();
    for (const [p, share] of national) {
      const left = share * (restVotes + givenVotes) - (givenShares[p] ?? 0) * givenVotes;
      targets.set(p, restVotes > 0 ? Math.min(1, Math.max(0, left / restVotes)) : 0);
    }
    swingArea(baseline, from, out, { seats: rest, targets }, swing);
  }
  return out;
}

function seatsWhere(baseline: CompiledBaseline, keep: (seat: number) => boolean): number[] {
  const seats: number[] = [];
  for (let s = 0; s < baseline.nSeats; s++) {
    if (keep(s)) {
      seats.push(s);
    }
  }
  return seats;
}

function validOf(baseline: CompiledBaseline, seats: readonly number[]): number {
  return seats.reduce((sum, s) => sum + baseline.validVotes[s], 0);
}

/** Shares (fractions) by party index over some seats, effective and residual votes together. */
function areaShares(
  baseline: CompiledBaseline,
  swung: SwungBaseline,
  seats: readonly number[],
): Float64Array {
  const shares = new Float64Array(swung.nParties);
  const valid = validOf(baseline, seats);
  if (valid <= 0) {
    return shares;
  }
  for (const s of seats) {
    for (let p = 0; p < swung.nParties; p++) {
      const cell = s * swung.nParties + p;
      shares[p] += (swung.votes[cell] + swung.residual[cell]) / valid;
    }
  }
  return shares;
}

/**
 * The shift d with Σ w·max(0, b + d) = target over the seats where the party stood: the uniform
 * change once clamping at zero is paid for by the party's other seats (bisection; the sum is
 * continuous and non-decreasing in d).
 */
function clampedShift(
  shares: readonly number[],
  weights: readonly number[],
  target: number,
): number {
  const total = (d: number) =>
    shares.reduce((sum, b, i) => sum + weights[i] * Math.max(0, b + d), 0);
  let lo = -1;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (total(mid) > target) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return (lo + hi) / 2;
}

function swingArea(
  baseline: CompiledBaseline,
  from: SwungBaseline,
  out: SwungBaseline,
  area: Area,
  swing: Swing,
): void {
  const { seats, targets } = area;
  const nP = from.nParties;
  const valid = validOf(baseline, seats);
  if (seats.length === 0 || valid <= 0) {
    return;
  }
  const base = areaShares(baseline, from, seats);
  let namedSum = 0;
  let unnamedBase = 0;
  for (let p = 0; p < nP; p++) {
    const t = targets.get(p);
    if (t === undefined) {
      unnamedBase += base[p];
    } else {
      namedSum += t;
    }
  }
  const scale =
    unnamedBase > 0 ? Math.min(MAX_UNNAMED_SCALE, Math.max(0, 1 - namedSum) / unnamedBase) : 0;
  // Per named party: how its seat share moves (shift for uniform, ratio for proportional), or a
  // spread for a party with no votes in the area (new, or absent here): target × weight per seat.
  const shift = new Float64Array(nP);
  const ratio = new Float64Array(nP);
  const spread = new Map<number, Float64Array>();
  for (const [p, t] of targets) {
    if (base[p] > 0) {
      const residualShare = seats.reduce((sum, s) => sum + from.residual[s * nP + p], 0) / valid;
      const effective = base[p] - residualShare;
      const effTarget = Math.max(0, t - residualShare);
      ratio[p] = effective > 0 ? effTarget / effective : 0;
      shift[p] = effTarget - effective;
      const stood = seats.filter((s) => from.votes[s * nP + p] > 0);
      const b = stood.map((s) => from.votes[s * nP + p] / baseline.validVotes[s]);
      if (swing.model === 'uniform' && b.some((x) => x + shift[p] < 0)) {
        const w = stood.map((s) => baseline.validVotes[s] / valid);
        shift[p] = clampedShift(b, w, effTarget);
      }
    } else if (t > 0) {
      const proxy = index(from.parties, swing.proxies?.[from.parties[p]]);
      const weights = new Float64Array(seats.length);
      const proxyShare = proxy < 0 ? 0 : base[proxy];
      seats.forEach((s, i) => {
        weights[i] =
          proxyShare > 0 ? from.votes[s * nP + proxy] / baseline.validVotes[s] / proxyShare : 1;
      });
      spread.set(p, weights);
    }
  }
  seats.forEach((s, i) => {
    const row = s * nP;
    const v = baseline.validVotes[s];
    let sum = 0;
    let contenders = 0;
    for (let p = 0; p < nP; p++) {
      const b = from.votes[row + p] / v;
      const r = from.residual[row + p] / v;
      const t = targets.get(p);
      let share: number;
      let res = r;
      if (t === undefined) {
        share = b * scale;
        res = r * scale;
      } else if (base[p] > 0) {
        share = b > 0 ? (swing.model === 'uniform' ? Math.max(0, b + shift[p]) : b * ratio[p]) : 0;
      } else {
        share = (spread.get(p)?.[i] ?? 0) * t;
      }
      out.votes[row + p] = share;
      out.residual[row + p] = res;
      contenders += share;
      sum += share + res;
    }
    for (let p = 0; p < nP; p++) {
      if (contenders > 0) {
        out.votes[row + p] = (out.votes[row + p] / sum) * v;
        out.residual[row + p] = (out.residual[row + p] / sum) * v;
      } else {
        out.votes[row + p] = from.votes[row + p];
        out.residual[row + p] = from.residual[row + p];
      }
    }
  });
}

function index(parties: readonly string[], party: string | undefined): number {
  return party === undefined ? -1 : parties.indexOf(party);
}
