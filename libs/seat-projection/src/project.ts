import { type ShareBand, shareBandsOf } from './bands.js';
import { type BreakEven } from './break-even.js';
import { type EvaluateOptions, type Evaluation, evaluate, evaluateTally } from './evaluate.js';
import { type PartyBalance, pactBalance } from './pact-impact.js';
import { type PreparedScenario } from './prepare-scenario.js';
import { type Seed } from './random.js';
import { type MonteCarloTally, type NoiseModel } from './simulate.js';
import { oddsRecord } from './summarise.js';
import { type Swing } from './swing.js';

// Lexical alias: a global lookup per vote is slow under Jest's vm contexts (see random.ts).
const round = Math.round;

/** Seats of one party: deterministic before/after the stand-asides, and expected after. */
export interface PartySeats {
  readonly before: number;
  readonly after: number;
  /** Mean over the draws (equals `after` with no draws). */
  readonly expected: number;
  /** Mean over the same draws without the stand-asides. */
  readonly expectedBefore: number;
}

/** A seat whose deterministic winner changes because of the stand-asides. */
export interface Flip {
  readonly onsCode: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

/** A stand-aside as listed under its constituency. */
export interface ConstituencyStandAside {
  readonly party: string;
  readonly beneficiary: string;
  readonly partyStood: boolean;
  readonly breakEven: number | null;
}

/** One constituency's projection. Votes are rounded to whole votes for display only. */
export interface ConstituencyProjection {
  readonly onsCode: string;
  readonly name: string;
  readonly region: string;
  readonly winnerBefore: string;
  readonly winnerAfter: string;
  /** Winner's votes minus the runner-up's, after the stand-asides. */
  readonly marginAfter: number;
  readonly votesBefore: Readonly<Record<string, number>>;
  readonly votesAfter: Readonly<Record<string, number>>;
  readonly standAsides: readonly ConstituencyStandAside[];
  /** Break-even of the seat's main stand-aside (the party with most votes), if any. */
  readonly breakEven?: BreakEven;
  readonly winProbability: Readonly<Record<string, number>>;
  readonly winProbabilityBefore: Readonly<Record<string, number>>;
  /** With draws: each party's share of the valid vote after the stand-asides, p5–p95, percent. */
  readonly shareBands?: Readonly<Record<string, ShareBand>>;
}

/** A scenario's projection: the shape the HTTP layer maps to its response. */
export interface ProjectionResult {
  readonly election: string;
  readonly transferSet: {
    readonly name: string;
    readonly kind: string;
    readonly description: string;
  };
  readonly swing: Swing | null;
  readonly draws: number;
  readonly seed: Seed | null;
  readonly noise: NoiseModel | null;
  readonly seats: Readonly<Record<string, PartySeats>>;
  readonly flips: readonly Flip[];
  readonly constituencies: readonly ConstituencyProjection[];
  readonly balance: Readonly<Record<string, PartyBalance>>;
}

/** `touched`: only seats with a stand-aside; `all`: every seat. */
export type ConstituencySelection = 'all' | 'touched';

/** Options of {@link project}. */
export interface ProjectOptions extends EvaluateOptions {
  readonly include?: ConstituencySelection;
}

/** Projects a prepared scenario; deterministic (win probability 1 for the winner) when draws = 0. */
export function project(p: PreparedScenario, options: ProjectOptions = {}): ProjectionResult {
  const include = options.include ?? 'all';
  return buildProjection(p, evaluate(p, { bands: include, ...options }), include);
}

/** Builds the projection from a tally computed elsewhere (a worker, or merged tallies). */
export function projectFromTally(
  p: PreparedScenario,
  tally: MonteCarloTally | null,
  include: ConstituencySelection = 'all',
): ProjectionResult {
  return buildProjection(p, evaluateTally(p, tally), include);
}

function buildProjection(
  p: PreparedScenario,
  ev: Evaluation,
  include: ConstituencySelection = 'all',
): ProjectionResult {
  const { nSeats, nParties, parties } = p;
  const before = new Int32Array(nParties);
  const after = new Int32Array(nParties);
  const expected = new Float64Array(nParties);
  const expectedBefore = new Float64Array(nParties);
  const flips: Flip[] = [];
  for (let seat = 0; seat < nSeats; seat++) {
    const from = ev.outcome.winnerBefore[seat];
    const to = ev.outcome.winnerAfter[seat];
    before[from]++;
    after[to]++;
    if (from !== to) {
      flips.push({
        onsCode: p.onsCodes[seat],
        name: p.names[seat],
        from: parties[from],
        to: parties[to],
      });
    }
  }
  const draws = ev.odds.draws;
  for (let cell = 0; cell < nSeats * nParties; cell++) {
    expected[cell % nParties] += ev.tally ? ev.tally.winsAfter[cell] : ev.odds.after[cell];
    expectedBefore[cell % nParties] += ev.tally ? ev.tally.winsBefore[cell] : ev.odds.before[cell];
  }
  const seats: Record<string, PartySeats> = {};
  parties.forEach((party, j) => {
    if (before[j] + after[j] + expected[j] + expectedBefore[j] > 0) {
      const scale = draws > 0 ? draws : 1;
      seats[party] = {
        before: before[j],
        after: after[j],
        expected: expected[j] / scale,
        expectedBefore: expectedBefore[j] / scale,
      };
    }
  });
  const constituencies: ConstituencyProjection[] = [];
  for (let seat = 0; seat < nSeats; seat++) {
    if (include === 'all' || p.seatSaStart[seat + 1] > p.seatSaStart[seat]) {
      constituencies.push(constituency(p, ev, seat));
    }
  }
  return {
    election: p.election,
    transferSet: p.transferSet,
    swing: p.swing,
    draws,
    seed: ev.tally ? ev.tally.seed : null,
    noise: ev.tally ? ev.tally.noise : null,
    seats,
    flips,
    constituencies,
    balance: pactBalance(p, ev),
  };
}

function constituency(p: PreparedScenario, ev: Evaluation, seat: number): ConstituencyProjection {
  const votesBefore: Record<string, number> = {};
  const votesAfter: Record<string, number> = {};
  for (let e = p.rowStart[seat]; e < p.rowStart[seat + 1]; e++) {
    const j = p.entryParty[e];
    const residual = p.residual[seat * p.nParties + j];
    votesBefore[p.parties[j]] = round(p.entryVotes[e] + residual);
    votesAfter[p.parties[j]] = round(
      ev.outcome.votesAfter[e] + (ev.outcome.votesAfter[e] > 0 ? residual : 0),
    );
  }
  const standAsides: ConstituencyStandAside[] = [];
  let main: BreakEven | undefined;
  let mainVotes = -1;
  for (let k = p.seatSaStart[seat]; k < p.seatSaStart[seat + 1]; k++) {
    const sa = p.standAsides[k];
    const breakEven = ev.breakEvens[k];
    standAsides.push({
      party: sa.party,
      beneficiary: sa.beneficiary,
      partyStood: p.saEntry[k] >= 0,
      breakEven: breakEven.rate,
    });
    const votes = p.saEntry[k] >= 0 ? p.entryVotes[p.saEntry[k]] : 0;
    if (votes > mainVotes) {
      mainVotes = votes;
      main = breakEven;
    }
  }
  const probabilities = ev.odds.draws > 0 ? ev.odds.draws : 1;
  const wins = ev.tally;
  const shareBands = shareBandsOf(p, ev.tally, seat);
  return {
    onsCode: p.onsCodes[seat],
    name: p.names[seat],
    region: p.regions[seat],
    winnerBefore: p.parties[ev.outcome.winnerBefore[seat]],
    winnerAfter: p.parties[ev.outcome.winnerAfter[seat]],
    marginAfter: round(ev.outcome.marginAfter[seat]),
    votesBefore,
    votesAfter,
    standAsides,
    ...(main ? { breakEven: main } : {}),
    winProbability: oddsRecord(
      p.parties,
      wins ? wins.winsAfter : ev.odds.after,
      seat,
      probabilities,
    ),
    winProbabilityBefore: oddsRecord(
      p.parties,
      wins ? wins.winsBefore : ev.odds.before,
      seat,
      probabilities,
    ),
    ...(shareBands ? { shareBands } : {}),
  };
}
