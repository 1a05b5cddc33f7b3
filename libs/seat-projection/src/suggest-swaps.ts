import { type CompiledBaseline, partyIndexByCode } from './compile-baseline.js';
import { evaluate } from './evaluate.js';
import { prepareScenario, type StandAside } from './prepare-scenario.js';
import { type Checked, type ScenarioProblem } from './problems.js';
import { type Seed } from './random.js';
import { type NoiseModel } from './simulate.js';
import { type Swing } from './swing.js';
import { type TransferSet } from './transfer-sets.js';

/** Draws per seat when pricing single stand-asides for suggestions. */
export const SUGGESTION_DRAWS = 1000;
/** Best single stand-asides per direction that are paired up (K × K swaps are scored). */
export const SUGGESTION_CANDIDATES = 25;

/** What to search: parties (at least two), an optional region slug, and the scenario settings. */
export interface SwapOptions {
  readonly parties: readonly string[];
  readonly region?: string;
  readonly transfers: string | TransferSet;
  readonly swing?: Swing;
  readonly draws?: number;
  readonly seed?: Seed;
  readonly noise?: NoiseModel;
  readonly limit?: number;
}

/** One half of a swap: `standsAside` gives up `onsCode` for `beneficiary`. */
export interface SwapLeg {
  readonly onsCode: string;
  readonly name: string;
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
 * up in its own; `score` is the Nash bargaining product of the two gains (a swap is worth what it
 * is worth to both sides, so (0.4, 0.4) beats (0.9, 0.05)).
 */
export interface SwapSuggestion {
  readonly parties: readonly [string, string];
  readonly legs: readonly [SwapLeg, SwapLeg];
  readonly gains: Readonly<Record<string, number>>;
  readonly combined: number;
  readonly score: number;
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
 * Prices every single stand-aside `from` → `to` in the region, with the same seed and noise for
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
  const standAsides: StandAside[] = [];
  for (let seat = 0; seat < baseline.nSeats; seat++) {
    const row = seat * baseline.nParties;
    const inRegion = options.region === undefined || baseline.regions[seat] === options.region;
    if (inRegion && baseline.votes[row + x] > 0 && baseline.votes[row + y] > 0) {
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
      if (!weaker(k)) {
        return [];
      }
      const seat = p.saSeat[k];
      const row = seat * p.nParties;
      const before = ev.odds.before[row + y];
      const after = ev.odds.after[row + y];
      return [
        {
          onsCode: sa.constituency,
          name: p.names[seat],
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

const net = (leg: SwapLeg) => leg.beneficiaryGain - leg.forgone;

function pairUp(
  a: string,
  b: string,
  aForB: readonly SwapLeg[],
  bForA: readonly SwapLeg[],
): SwapSuggestion[] {
  const top = (list: readonly SwapLeg[]) =>
    [...list]
      .sort((l, m) => net(m) - net(l) || compare(l.onsCode, m.onsCode))
      .slice(0, SUGGESTION_CANDIDATES);
  const out: SwapSuggestion[] = [];
  for (const s of top(aForB)) {
    for (const t of top(bForA)) {
      if (s.onsCode === t.onsCode) {
        continue;
      }
      const gainA = t.beneficiaryGain - s.forgone;
      const gainB = s.beneficiaryGain - t.forgone;
      out.push({
        parties: [a, b],
        legs: [s, t],
        gains: { [a]: gainA, [b]: gainB },
        combined: gainA + gainB,
        score: gainA > 0 && gainB > 0 ? gainA * gainB : 0,
      });
    }
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Suggests reciprocal swaps between the given parties (every pair of them), optionally within one
 * region; in each leg the party behind locally stands aside for the one ahead. Cheap by construction: each single stand-aside is priced once per direction with a
 * seeded Monte Carlo, then the best {@link SUGGESTION_CANDIDATES} of each direction are paired.
 * Ranked by `score` (Nash product; swaps where a side gains nothing score 0), then combined gain,
 * then ONS codes, so the order is deterministic.
 */
export function suggestSwaps(
  baseline: CompiledBaseline,
  options: SwapOptions,
): Checked<SwapSuggestion[]> {
  const problems = problemsOf(baseline, options);
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const suggestions: SwapSuggestion[] = [];
  const parties = [...options.parties];
  for (let i = 0; i < parties.length; i++) {
    for (let j = i + 1; j < parties.length; j++) {
      const [a, b] = [parties[i], parties[j]];
      const aForB = legs(baseline, options, a, b);
      const bForA = legs(baseline, options, b, a);
      if (!aForB.ok) {
        return aForB;
      }
      if (!bForA.ok) {
        return bForA;
      }
      suggestions.push(...pairUp(a, b, aForB.value, bForA.value));
    }
  }
  suggestions.sort(
    (s, t) =>
      t.score - s.score ||
      t.combined - s.combined ||
      compare(s.legs[0].onsCode, t.legs[0].onsCode) ||
      compare(s.legs[1].onsCode, t.legs[1].onsCode),
  );
  return { ok: true, value: suggestions.slice(0, options.limit ?? 20) };
}
