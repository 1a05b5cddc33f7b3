import { type ShareBand, shareBandsOf } from './bands.js';
import { type EvaluateOptions, type Evaluation, evaluate } from './evaluate.js';
import { type PreparedScenario } from './prepare-scenario.js';

/**
 * One participant's side of a pact, in expected seats against the same scenario without the
 * stand-asides (same swing and, with draws, the same noise):
 * - `gains`: the rise in its win probability in the seats where it is the beneficiary;
 * - `gives`: its share of the partners' gains in the seats where it stands aside;
 * - `forgoes`: its own win probability, before, in the seats where it stands aside (the cost);
 * - `net`: gains − gives, positive when it receives more than it hands over.
 */
export interface PartyBalance {
  readonly gains: number;
  readonly gives: number;
  readonly forgoes: number;
  readonly net: number;
}

/** One stand-aside and what it does to its seat. */
export interface PactSeat {
  readonly onsCode: string;
  readonly name: string;
  readonly party: string;
  readonly beneficiary: string;
  /** False when the party fielded nobody there in the baseline (the stand-aside moves nothing). */
  readonly partyStood: boolean;
  readonly winnerBefore: string;
  readonly winnerAfter: string;
  readonly beneficiaryWinBefore: number;
  readonly beneficiaryWinAfter: number;
  /** beneficiaryWinAfter − beneficiaryWinBefore. */
  readonly gain: number;
  readonly breakEven: number | null;
  /** With draws: each party's share of the valid vote after the stand-asides, p5–p95, percent. */
  readonly shareBands?: Readonly<Record<string, ShareBand>>;
}

/** A pact's per-seat results and its balance between participants. */
export interface PactImpact {
  readonly election: string;
  readonly transferSet: string;
  readonly draws: number;
  readonly seats: readonly PactSeat[];
  readonly balance: Readonly<Record<string, PartyBalance>>;
}

/**
 * Balance of a pact from evaluated odds. When several parties stand aside for one beneficiary in
 * a seat, its gain there is split between them in proportion to the votes each delivers at
 * central rates (equally if none delivers any), so `gives` adds up to the partners' `gains`.
 */
export function pactBalance(p: PreparedScenario, ev: Evaluation): Record<string, PartyBalance> {
  const { nParties } = p;
  const gains = new Float64Array(nParties);
  const gives = new Float64Array(nParties);
  const forgoes = new Float64Array(nParties);
  const involved = new Uint8Array(nParties);
  for (let seat = 0; seat < p.nSeats; seat++) {
    const from = p.seatSaStart[seat];
    const to = p.seatSaStart[seat + 1];
    const row = seat * nParties;
    const delivered = (k: number) => {
      let sum = 0;
      for (let t = p.trStart[k]; t < p.trStart[k + 1]; t++) {
        if (p.trEntry[t] === p.saBeneficiaryEntry[k] && p.saEntry[k] >= 0) {
          sum += p.pairCentral[p.trPair[t]] * p.entryVotes[p.saEntry[k]];
        }
      }
      return sum;
    };
    const counted = new Set<number>();
    for (let k = from; k < to; k++) {
      const x = p.saParty[k];
      const b = p.saBeneficiary[k];
      involved[x] = 1;
      involved[b] = 1;
      forgoes[x] += ev.odds.before[row + x];
      const gain = ev.odds.after[row + b] - ev.odds.before[row + b];
      if (!counted.has(b)) {
        counted.add(b);
        gains[b] += gain;
      }
      const partners = [];
      for (let j = from; j < to; j++) {
        if (p.saBeneficiary[j] === b) {
          partners.push(j);
        }
      }
      const total = partners.reduce((acc, j) => acc + delivered(j), 0);
      gives[x] += total > 0 ? (gain * delivered(k)) / total : gain / partners.length;
    }
  }
  const balance: Record<string, PartyBalance> = {};
  p.parties.forEach((party, j) => {
    if (involved[j]) {
      balance[party] = {
        gains: gains[j],
        gives: gives[j],
        forgoes: forgoes[j],
        net: gains[j] - gives[j],
      };
    }
  });
  return balance;
}

/** Per-stand-aside rows of a pact from an evaluation, in seat order. */
export function pactSeats(p: PreparedScenario, ev: Evaluation): PactSeat[] {
  return p.standAsides.map((sa, k) => {
    const seat = p.saSeat[k];
    const cell = seat * p.nParties + p.saBeneficiary[k];
    const shareBands = shareBandsOf(p, ev.tally, seat);
    return {
      onsCode: sa.constituency,
      name: p.names[seat],
      party: sa.party,
      beneficiary: sa.beneficiary,
      partyStood: p.saEntry[k] >= 0,
      winnerBefore: p.parties[ev.outcome.winnerBefore[seat]],
      winnerAfter: p.parties[ev.outcome.winnerAfter[seat]],
      beneficiaryWinBefore: ev.odds.before[cell],
      beneficiaryWinAfter: ev.odds.after[cell],
      gain: ev.odds.after[cell] - ev.odds.before[cell],
      breakEven: ev.breakEvens[k].rate,
      ...(shareBands ? { shareBands } : {}),
    };
  });
}

/**
 * Assesses a pact (the stand-asides of a prepared scenario): per-seat results and the balance
 * of expected seats between the participants. Deterministic when `draws` is 0.
 */
export function assessPact(p: PreparedScenario, options: EvaluateOptions = {}): PactImpact {
  const ev = evaluate(p, options);
  return {
    election: p.election,
    transferSet: p.transferSet.name,
    draws: ev.odds.draws,
    seats: pactSeats(p, ev),
    balance: pactBalance(p, ev),
  };
}
