import { type CompiledBaseline, seatIndexByCode } from './compile-baseline.js';
import { type Checked, type ScenarioProblem } from './problems.js';
import { type Swing, type SwungBaseline, applySwing } from './swing.js';
import { swingProblems } from './swing-problems.js';
import {
  type TransferSet,
  type TransferSetKind,
  type TransferStance,
  getTransferSet,
} from './transfer-sets.js';
import { validateTransferSet } from './validate-transfers.js';

/** Party `party` fields no candidate in `constituency` (ONS code), in favour of `beneficiary`. */
export interface StandAside {
  readonly party: string;
  readonly constituency: string;
  readonly beneficiary: string;
}

/** What to project: stand-asides, a transfer set (shipped name or custom set), optional swing. */
export interface Scenario {
  readonly standAsides: readonly StandAside[];
  readonly transfers: string | TransferSet;
  readonly swing?: Swing;
}

/**
 * A scenario compiled against a baseline into flat typed arrays: the input of the deterministic
 * projection, break-even and Monte Carlo functions. Plain data, so it can be posted to a worker.
 *
 * Each seat's row is a run of *entries* (`rowStart[s]` to `rowStart[s + 1]`), one per party on the
 * ballot, in party order: the parties that stood in the baseline, plus any beneficiary that did
 * not. Stand-asides are sorted by seat (then input order); stand-aside `k` moves the votes of
 * entry `saEntry[k]` (−1 if the party fielded nobody there) along transfers `trStart[k]` to
 * `trStart[k + 1]`, each into entry `trEntry[t]` at the rate of pair `trPair[t]`.
 */
export interface PreparedScenario {
  readonly election: string;
  readonly parties: readonly string[];
  readonly onsCodes: readonly string[];
  readonly names: readonly string[];
  readonly regions: readonly string[];
  readonly nSeats: number;
  readonly nParties: number;
  readonly transferSet: {
    readonly name: string;
    readonly kind: TransferSetKind;
    readonly description: string;
  };
  readonly swing: Swing | null;
  readonly validVotes: Float64Array;
  /** Swung residual votes (minor `ind`/`other` candidates), seat × party. */
  readonly residual: Float64Array;
  readonly rowStart: Int32Array;
  readonly entryParty: Int32Array;
  /** Swung effective votes before any stand-aside. */
  readonly entryVotes: Float64Array;
  /** Longest row, for scratch buffers. */
  readonly maxRow: number;
  readonly standAsides: readonly StandAside[];
  readonly saSeat: Int32Array;
  readonly saParty: Int32Array;
  readonly saBeneficiary: Int32Array;
  readonly saEntry: Int32Array;
  readonly saBeneficiaryEntry: Int32Array;
  /** Stand-asides of seat s: `seatSaStart[s]` to `seatSaStart[s + 1]`. */
  readonly seatSaStart: Int32Array;
  readonly trStart: Int32Array;
  readonly trEntry: Int32Array;
  readonly trPair: Int32Array;
  /** Distinct (from, to) transfer legs with their ranges; the pair key for randomness is from·nParties + to. */
  readonly pairFrom: Int32Array;
  readonly pairTo: Int32Array;
  readonly pairLow: Float64Array;
  readonly pairCentral: Float64Array;
  readonly pairHigh: Float64Array;
}

interface Resolved {
  seat: number;
  party: number;
  beneficiary: number;
  input: StandAside;
  inputIndex: number;
}

function resolveTransfers(transfers: string | TransferSet): Checked<TransferSet> {
  if (typeof transfers === 'string') {
    const set = getTransferSet(transfers);
    return set
      ? { ok: true, value: set }
      : {
          ok: false,
          problems: [
            {
              code: 'UNKNOWN_TRANSFER_SET',
              path: 'transfers',
              message: `no transfer set ${transfers}`,
            },
          ],
        };
  }
  const problems = validateTransferSet(transfers);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: transfers };
}

function resolveStandAsides(
  baseline: CompiledBaseline,
  partyList: readonly string[],
  standAsides: readonly StandAside[],
  problems: ScenarioProblem[],
): Resolved[] {
  const seats = seatIndexByCode(baseline);
  const parties = new Map(partyList.map((p, i) => [p, i]));
  const resolved: Resolved[] = [];
  const seen = new Set<string>();
  standAsides.forEach((input, i) => {
    const path = `standAsides[${i}]`;
    const seat = seats.get(input.constituency);
    const party = parties.get(input.party);
    const beneficiary = parties.get(input.beneficiary);
    if (seat === undefined) {
      problems.push({
        code: 'UNKNOWN_CONSTITUENCY',
        path,
        message: `no constituency ${input.constituency} in ${baseline.election}`,
      });
    }
    for (const [code, found] of [
      [input.party, party],
      [input.beneficiary, beneficiary],
    ] as const) {
      if (found === undefined) {
        problems.push({
          code: 'UNKNOWN_PARTY',
          path,
          message: `${code} has no votes in ${baseline.election}`,
        });
      }
    }
    if (input.party === input.beneficiary) {
      problems.push({
        code: 'SELF_BENEFICIARY',
        path,
        message: `${input.party} cannot stand aside for itself`,
      });
    }
    const key = `${input.party}@${input.constituency}`;
    if (seen.has(key)) {
      problems.push({
        code: 'DUPLICATE_STAND_ASIDE',
        path,
        message: `${input.party} stands aside in ${input.constituency} twice`,
      });
    }
    seen.add(key);
    if (seat !== undefined && party !== undefined && beneficiary !== undefined) {
      resolved.push({ seat, party, beneficiary, input, inputIndex: i });
    }
  });
  for (const r of resolved) {
    if (seen.has(`${r.input.beneficiary}@${r.input.constituency}`)) {
      problems.push({
        code: 'BENEFICIARY_STANDS_ASIDE',
        path: `standAsides[${r.inputIndex}]`,
        message: `${r.input.beneficiary} is the beneficiary in ${r.input.constituency} but also stands aside there`,
      });
    }
  }
  return resolved.sort((a, b) => a.seat - b.seat);
}

/**
 * Checks a scenario against a baseline and compiles it. Expected failures (unknown seats or
 * parties, invalid transfer set or swing, contradictory stand-asides) come back as problems.
 * A stand-aside by a party that fielded nobody in the seat is accepted and moves no votes; rates
 * to parties absent from the baseline (e.g. `reform` before 2019) are ignored.
 */
export function prepareScenario(
  baseline: CompiledBaseline,
  scenario: Scenario,
): Checked<PreparedScenario> {
  const problems: ScenarioProblem[] = [];
  const set = resolveTransfers(scenario.transfers);
  if (!set.ok) {
    problems.push(...set.problems);
  }
  if (scenario.swing) {
    problems.push(...swingProblems(baseline, scenario.swing));
  }
  // A swing may name new parties: they can stand aside or benefit like any other.
  const swung = problems.length === 0 ? applySwing(baseline, scenario.swing) : applySwing(baseline);
  const resolved = resolveStandAsides(baseline, swung.parties, scenario.standAsides, problems);
  if (!set.ok || problems.length > 0) {
    return { ok: false, problems };
  }
  return { ok: true, value: build(baseline, swung, scenario, set.value, resolved) };
}

function build(
  baseline: CompiledBaseline,
  swung: SwungBaseline,
  scenario: Scenario,
  set: TransferSet,
  resolved: readonly Resolved[],
): PreparedScenario {
  const { nSeats } = baseline;
  const { nParties } = swung;
  // On the ballot: every party that stood in the baseline or that the swing gave votes.
  const stood = (seat: number, p: number) =>
    (p < baseline.nParties && baseline.votes[seat * baseline.nParties + p] > 0) ||
    swung.votes[seat * nParties + p] > 0;
  const seatSaStart = new Int32Array(nSeats + 1);
  for (const r of resolved) {
    seatSaStart[r.seat + 1]++;
  }
  for (let s = 0; s < nSeats; s++) {
    seatSaStart[s + 1] += seatSaStart[s];
  }
  const inSeat = (seat: number) => resolved.slice(seatSaStart[seat], seatSaStart[seat + 1]);
  const onBallot = (seat: number, p: number) =>
    stood(seat, p) || inSeat(seat).some((r) => r.beneficiary === p);
  const rowStart = new Int32Array(nSeats + 1);
  const entryParty: number[] = [];
  const entryVotes: number[] = [];
  let maxRow = 0;
  for (let s = 0; s < nSeats; s++) {
    const touched = seatSaStart[s + 1] > seatSaStart[s];
    for (let p = 0; p < nParties; p++) {
      if (touched ? onBallot(s, p) : stood(s, p)) {
        entryParty.push(p);
        entryVotes.push(swung.votes[s * nParties + p]);
      }
    }
    rowStart[s + 1] = entryParty.length;
    maxRow = Math.max(maxRow, rowStart[s + 1] - rowStart[s]);
  }
  const entryOf = (seat: number, p: number) => {
    for (let e = rowStart[seat]; e < rowStart[seat + 1]; e++) {
      if (entryParty[e] === p) {
        return e;
      }
    }
    return -1;
  };
  const pairs = new Map<number, number>();
  const pairRates: [number, number, number, number, number][] = [];
  const trStart = new Int32Array(resolved.length + 1);
  const trEntry: number[] = [];
  const trPair: number[] = [];
  const partyIndex = new Map(swung.parties.map((p, i) => [p, i]));
  resolved.forEach((r, k) => {
    const asideHere = inSeat(r.seat).map((o) => o.party);
    const legs =
      set.kind === 'upper-bound'
        ? [{ to: r.beneficiary, low: 1, central: 1, high: 1 }]
        : set.rates
            .filter((rate) => rate.from === r.input.party && rate.high > 0)
            .map((rate) => ({ ...rate, to: partyIndex.get(rate.to) ?? -1 }));
    for (const leg of legs) {
      const entry = leg.to < 0 ? -1 : entryOf(r.seat, leg.to);
      if (entry < 0 || asideHere.includes(leg.to)) {
        continue;
      }
      // The point value depends on whether this leg feeds the beneficiary (see TransferStance);
      // both roles of one (from, to) leg share its random draw, keyed by from·nParties + to.
      const own = leg.to === r.beneficiary;
      const mode = pointValue(set.stance ?? 'central', own, leg);
      const key = (r.party * nParties + leg.to) * 2 + (own ? 1 : 0);
      let pair = pairs.get(key);
      if (pair === undefined) {
        pair = pairRates.length;
        pairs.set(key, pair);
        pairRates.push([r.party, leg.to, leg.low, mode, leg.high]);
      }
      trEntry.push(entry);
      trPair.push(pair);
    }
    trStart[k + 1] = trEntry.length;
  });
  return {
    election: baseline.election,
    parties: swung.parties,
    onsCodes: baseline.onsCodes,
    names: baseline.names,
    regions: baseline.regions,
    nSeats,
    nParties,
    transferSet: { name: set.name, kind: set.kind, description: set.description },
    swing: scenario.swing ?? null,
    validVotes: baseline.validVotes,
    residual: swung.residual,
    rowStart,
    entryParty: Int32Array.from(entryParty),
    entryVotes: Float64Array.from(entryVotes),
    maxRow,
    standAsides: resolved.map((r) => r.input),
    saSeat: Int32Array.from(resolved, (r) => r.seat),
    saParty: Int32Array.from(resolved, (r) => r.party),
    saBeneficiary: Int32Array.from(resolved, (r) => r.beneficiary),
    saEntry: Int32Array.from(resolved, (r) => entryOf(r.seat, r.party)),
    saBeneficiaryEntry: Int32Array.from(resolved, (r) => entryOf(r.seat, r.beneficiary)),
    seatSaStart,
    trStart,
    trEntry: Int32Array.from(trEntry),
    trPair: Int32Array.from(trPair),
    pairFrom: Int32Array.from(pairRates, (p) => p[0]),
    pairTo: Int32Array.from(pairRates, (p) => p[1]),
    pairLow: Float64Array.from(pairRates, (p) => p[2]),
    pairCentral: Float64Array.from(pairRates, (p) => p[3]),
    pairHigh: Float64Array.from(pairRates, (p) => p[4]),
  };
}

/** A leg's point value under a stance, for the beneficiary (`own`: the leg feeds it). */
function pointValue(
  stance: TransferStance,
  own: boolean,
  leg: { low: number; central: number; high: number },
): number {
  if (stance === 'central') {
    return leg.central;
  }
  return (stance === 'optimistic') === own ? leg.high : leg.low;
}
