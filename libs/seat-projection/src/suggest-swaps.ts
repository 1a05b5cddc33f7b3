import { type CompiledBaseline, partyIndexByCode } from './compile-baseline.js';
import { evaluate } from './evaluate.js';
import { prepareScenario, type StandAside } from './prepare-scenario.js';
import { type Checked, type ScenarioProblem } from './problems.js';
import { type Seed } from './random.js';
import { neighbouringRegions, sameOrNeighbouring } from './region-adjacency.js';
import { type NoiseModel } from './simulate.js';
import { type Swing } from './swing.js';
import { type TransferSet } from './transfer-sets.js';
import { chooseSet } from './choose-swap-set.js';

/** Draws per seat when pricing single stand-asides for suggestions. */
export const SUGGESTION_DRAWS = 1000;
/** Swaps in a set unless asked otherwise. */
export const SUGGESTION_LIMIT = 20;

/**
 * Which seats may be paired: `region` (default) only seats of one region; `neighbours` also seats
 * of bordering regions ({@link REGION_NEIGHBOURS}).
 */
export type SwapPairing = 'region' | 'neighbours';
export const SWAP_PAIRINGS: readonly SwapPairing[] = ['region', 'neighbours'];

/**
 * What to search: parties (at least two), the pairing, an optional region slug (every swap then
 * has a seat in it; under `neighbours` its partner may be in a bordering region), optional seats
 * (every swap then uses one of them), the scenario
 * settings, and the most swaps the set may hold (`limit`, default {@link SUGGESTION_LIMIT}).
 */
export interface SwapOptions {
  readonly parties: readonly string[];
  readonly region?: string;
  readonly pairing?: SwapPairing;
  /** ONS codes: when given, every swap uses one of these seats (e.g. a local party's own). */
  readonly seats?: readonly string[];
  readonly transfers: string | TransferSet;
  readonly swing?: Swing;
  readonly draws?: number;
  readonly seed?: Seed;
  readonly noise?: NoiseModel;
  readonly limit?: number;
}

/** One half of a swap: `standsAside` gives up `onsCode` (in `region`) for `beneficiary`. */
export interface SwapLeg {
  readonly onsCode: string;
  readonly name: string;
  readonly region: string;
  readonly standsAside: string;
  readonly beneficiary: string;
  readonly beneficiaryWinBefore: number;
  readonly beneficiaryWinAfter: number;
  /** Rise in the beneficiary's win probability. */
  readonly beneficiaryGain: number;
  /** The standing-aside party's own win probability there, given up. */
  readonly forgone: number;
  readonly breakEven: number | null;
}

/**
 * A reciprocal swap. Each side's gain is what it wins in the partner's seat minus what it gives
 * up in its own (expected seats); `score` is the Nash bargaining product of the two gains (a swap
 * is worth what it is worth to both sides, so (0.4, 0.4) beats (0.9, 0.05)). Both gains are
 * positive in every suggested swap.
 */
export interface SwapSuggestion {
  readonly parties: readonly [string, string];
  readonly legs: readonly [SwapLeg, SwapLeg];
  readonly gains: Readonly<Record<string, number>>;
  readonly combined: number;
  readonly score: number;
}

/**
 * A set of swaps that can all be signed together: no seat appears twice (as a stand-aside or
 * as a partner seat), so the per-swap gains add up to the set's `totals` (expected seats gained
 * by each party; seats are projected independently, so the sum is exact). Swaps are in the order
 * they were chosen, best first.
 */
export interface SwapSet {
  readonly pairing: SwapPairing;
  readonly region: string | null;
  readonly swaps: readonly SwapSuggestion[];
  /** Expected seats gained by each of the parties over the whole set. */
  readonly totals: Readonly<Record<string, number>>;
  /** Sum of the totals. */
  readonly combined: number;
  /** Swaps that gave both sides a gain and were eligible before any was chosen. */
  readonly candidates: number;
}

function problemsOf(baseline: CompiledBaseline, options: SwapOptions): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const distinct = new Set(options.parties);
  if (distinct.size < 2 || distinct.size !== options.parties.length) {
    problems.push({
      code: 'INVALID_OPTION',
      path: 'parties',
      message: 'need at least two distinct parties',
    });
  }
  for (const party of distinct) {
    if (!baseline.parties.includes(party)) {
      problems.push({
        code: 'UNKNOWN_PARTY',
        path: 'parties',
        message: `${party} has no votes in ${baseline.election}`,
      });
    }
  }
  if (options.region !== undefined && !baseline.regions.includes(options.region)) {
    problems.push({
      code: 'INVALID_OPTION',
      path: 'region',
      message: `no region ${options.region}`,
    });
  }
  const unknownSeats = (options.seats ?? []).filter((code) => !baseline.onsCodes.includes(code));
  if (unknownSeats.length > 0) {
    problems.push({
      code: 'INVALID_OPTION',
      path: 'seats',
      message: `no constituency ${unknownSeats.join(', ')} in ${baseline.election}`,
    });
  }
  if (options.pairing !== undefined && !SWAP_PAIRINGS.includes(options.pairing)) {
    problems.push({
      code: 'INVALID_OPTION',
      path: 'pairing',
      message: `pairing must be one of ${SWAP_PAIRINGS.join(', ')}`,
    });
  }
  const limit = options.limit ?? 1;
  const draws = options.draws ?? 1;
  if (!Number.isSafeInteger(limit) || limit < 1 || !Number.isSafeInteger(draws) || draws < 0) {
    problems.push({
      code: 'INVALID_OPTION',
      path: 'limit',
      message: 'limit ≥ 1 and draws ≥ 0 must be integers',
    });
  }
  return problems;
}

/**
 * Prices every single stand-aside `from` → `to` in the seats searched, with the same seed and noise for
 * all so legs are comparable. Only the locally weaker party stands aside: a seat counts only if
 * both stood and `to` had more votes than `from` (after swing), as in every real pact (Unite to
 * Remain; Hastings for Lewes). Without this rule an upper-bound set would have a runner-up stand
 * aside for a distant third, since it hands over every vote either way.
 */
function legs(
  baseline: CompiledBaseline,
  options: SwapOptions,
  from: string,
  to: string,
): Checked<SwapLeg[]> {
  const index = partyIndexByCode(baseline);
  const x = index.get(from) ?? -1;
  const y = index.get(to) ?? -1;
  const regions = pricedRegions(options);
  const standAsides: StandAside[] = [];
  for (let seat = 0; seat < baseline.nSeats; seat++) {
    const row = seat * baseline.nParties;
    if (
      (regions === null || regions.has(baseline.regions[seat] ?? '')) &&
      baseline.votes[row + x] > 0 &&
      baseline.votes[row + y] > 0
    ) {
      standAsides.push({ party: from, constituency: baseline.onsCodes[seat], beneficiary: to });
    }
  }
  const prepared = prepareScenario(baseline, {
    standAsides,
    transfers: options.transfers,
    swing: options.swing,
  });
  if (!prepared.ok) {
    return prepared;
  }
  const p = prepared.value;
  const ev = evaluate(p, {
    draws: options.draws ?? SUGGESTION_DRAWS,
    seed: options.seed ?? 0,
    noise: options.noise,
  });
  const weaker = (k: number) =>
    p.saEntry[k] >= 0 && p.entryVotes[p.saEntry[k]] < p.entryVotes[p.saBeneficiaryEntry[k]];
  return {
    ok: true,
    value: p.standAsides.flatMap((sa, k) => {
      const seat = p.saSeat[k];
      const row = seat * p.nParties;
      const before = ev.odds.before[row + y];
      const after = ev.odds.after[row + y];
      // A leg that gains nothing cannot be half of a swap good for both sides: dropped here.
      if (!weaker(k) || !(after > before)) {
        return [];
      }
      return [
        {
          onsCode: sa.constituency,
          name: p.names[seat],
          region: p.regions[seat],
          standsAside: from,
          beneficiary: to,
          beneficiaryWinBefore: before,
          beneficiaryWinAfter: after,
          beneficiaryGain: after - before,
          forgone: ev.odds.before[row + x],
          breakEven: ev.breakEvens[k].rate,
        },
      ];
    }),
  };
}

/** The regions whose seats are priced: all (null), or the region asked and, if so, its neighbours. */
function pricedRegions(options: SwapOptions): ReadonlySet<string> | null {
  if (options.region === undefined) {
    return null;
  }
  return new Set(
    options.pairing === 'neighbours'
      ? [options.region, ...neighbouringRegions(options.region)]
      : [options.region],
  );
}

/**
 * Every swap of one party pair that the pairing allows and that gives both sides a gain. Under a
 * region, one of its seats must be in that region (the other is too, unless `neighbours`); with
 * `seats`, one of its seats must be one of them.
 */
function candidates(
  options: SwapOptions,
  a: string,
  b: string,
  aForB: readonly SwapLeg[],
  bForA: readonly SwapLeg[],
): SwapSuggestion[] {
  const pairing = options.pairing ?? 'region';
  const out: SwapSuggestion[] = [];
  for (const s of aForB) {
    for (const t of bForA) {
      const allowed =
        pairing === 'region' ? s.region === t.region : sameOrNeighbouring(s.region, t.region);
      const touches =
        options.region === undefined || s.region === options.region || t.region === options.region;
      const uses =
        options.seats === undefined ||
        options.seats.includes(s.onsCode) ||
        options.seats.includes(t.onsCode);
      if (!allowed || !touches || !uses) {
        continue;
      }
      const gainA = t.beneficiaryGain - s.forgone;
      const gainB = s.beneficiaryGain - t.forgone;
      if (gainA > 0 && gainB > 0) {
        out.push({
          parties: [a, b],
          legs: [s, t],
          gains: { [a]: gainA, [b]: gainB },
          combined: gainA + gainB,
          score: gainA * gainB,
        });
      }
    }
  }
  return out;
}

/**
 * Suggests a set of reciprocal swaps between the given parties (every pair of them) that can be
 * signed together: no seat is used twice, the two seats of a swap are in one region (or in
 * bordering regions under `pairing: 'neighbours'`), and each swap gives both of its parties an
 * expected gain. In each leg the party behind locally stands aside for the one ahead.
 *
 * Cost: each single stand-aside is priced once per direction with a seeded Monte Carlo
 * ({@link SUGGESTION_DRAWS} draws, the same seed for every leg so legs are comparable); legs that
 * gain nothing are dropped; the remaining legs are paired within the allowed regions (at most
 * |legs a→b| × |legs b→a| per party pair, in practice a few thousand) and the set is chosen
 * greedily by the Nash product of its totals ({@link chooseSet}). Deterministic for a seed.
 */
export function suggestSwaps(baseline: CompiledBaseline, options: SwapOptions): Checked<SwapSet> {
  const problems = problemsOf(baseline, options);
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const all: SwapSuggestion[] = [];
  const parties = [...options.parties];
  for (let i = 0; i < parties.length; i++) {
    for (let j = i + 1; j < parties.length; j++) {
      const [a, b] = [parties[i], parties[j]];
      const aForB = legs(baseline, options, a, b);
      if (!aForB.ok) {
        return aForB;
      }
      const bForA = legs(baseline, options, b, a);
      if (!bForA.ok) {
        return bForA;
      }
      all.push(...candidates(options, a, b, aForB.value, bForA.value));
    }
  }
  const swaps = chooseSet(all, options.limit ?? SUGGESTION_LIMIT);
  const totals: Record<string, number> = Object.fromEntries(parties.map((p) => [p, 0]));
  for (const swap of swaps) {
    for (const [party, gain] of Object.entries(swap.gains)) {
      totals[party] = (totals[party] ?? 0) + gain;
    }
  }
  return {
    ok: true,
    value: {
      pairing: options.pairing ?? 'region',
      region: options.region ?? null,
      swaps,
      totals,
      combined: Object.values(totals).reduce((x, y) => x + y, 0),
      candidates: all.length,
    },
  };
}
