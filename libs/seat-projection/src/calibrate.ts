import { type CompiledBaseline } from './compile-baseline.js';
import { type PreparedScenario, prepareScenario } from './prepare-scenario.js';
import { inverseNormal } from './random.js';
import { NORTHERN_IRELAND, nationalShares, regionalShares } from './shares.js';
import { standingDownSeats } from './standing-down.js';
import { strongholdEntries } from './strongholds.js';
import { type Swing } from './swing.js';

/** One observed error: the projected (or baseline) share x and actual − projected, fractions. */
export interface ErrorSample {
  readonly share: number;
  readonly error: number;
  /** A small party's stronghold (`strongholdEntries`), whose seat noise is fitted apart. */
  readonly stronghold?: boolean;
}

/**
 * Maximum-likelihood c of the noise model σ = c·√(x(1−x)) from observed errors: c² is the mean of
 * e² / (x(1−x)). Samples with x at 0 or 1 carry no information and are skipped.
 */
export function fitScale(samples: readonly ErrorSample[]): number {
  let sum = 0;
  let n = 0;
  for (const { share, error } of samples) {
    const v = share * (1 - share);
    if (v > 0) {
      sum += (error * error) / v;
      n++;
    }
  }
  return n > 0 ? Math.sqrt(sum / n) : 0;
}

/**
 * Robust c: the value for which `coverage` (default 90 %) of the samples lie inside the central
 * normal interval ±z·c·√(x(1−x)) — the band the projection shows. Heavy tails (a party's local
 * collapse) inflate the maximum-likelihood c of {@link fitScale}; this one is fitted to the band.
 */
export function fitScaleForBand(samples: readonly ErrorSample[], coverage = 0.9): number {
  const ratios = samples
    .filter(({ share }) => share > 0 && share < 1)
    .map(({ share, error }) => Math.abs(error) / Math.sqrt(share * (1 - share)))
    .sort((a, b) => a - b);
  if (ratios.length === 0) {
    return 0;
  }
  const z = inverseNormal(0.5 + coverage / 2);
  return ratios[Math.min(ratios.length - 1, Math.ceil(coverage * ratios.length) - 1)] / z;
}

/**
 * Seat-level errors of a projection without stand-asides (a swing to the actual shares) against
 * the actual result on the same boundaries: one sample per GB seat and party that stood in both.
 */
export function seatErrors(projected: PreparedScenario, actual: CompiledBaseline): ErrorSample[] {
  const seatOf = new Map(actual.onsCodes.map((code, i) => [code, i]));
  const partyOf = new Map(actual.parties.map((party, i) => [party, i]));
  const samples: ErrorSample[] = [];
  const stronghold = strongholdEntries(projected);
  for (let seat = 0; seat < projected.nSeats; seat++) {
    const there = seatOf.get(projected.onsCodes[seat]);
    if (there === undefined || projected.regions[seat] === NORTHERN_IRELAND) {
      continue;
    }
    for (let e = projected.rowStart[seat]; e < projected.rowStart[seat + 1]; e++) {
      const j = partyOf.get(projected.parties[projected.entryParty[e]]);
      const votes = j === undefined ? 0 : actual.votes[there * actual.nParties + j];
      const share = projected.entryVotes[e] / projected.validVotes[seat];
      if (votes > 0 && share > 0) {
        samples.push({
          share,
          error: votes / actual.validVotes[there] - share,
          stronghold: stronghold[e] === 1,
        });
      }
    }
  }
  return samples;
}

/**
 * Regional errors of a national swing: for each GB region and party that stood in both
 * elections, the region's change minus the GB change (the part a national swing cannot see).
 */
export function regionalErrors(from: CompiledBaseline, to: CompiledBaseline): ErrorSample[] {
  const gbFrom = nationalShares(from, 'gb');
  const gbTo = nationalShares(to, 'gb');
  const regionsFrom = regionalShares(from);
  const regionsTo = regionalShares(to);
  const samples: ErrorSample[] = [];
  for (const [region, before] of Object.entries(regionsFrom)) {
    const after = regionsTo[region];
    if (region === NORTHERN_IRELAND || !after) {
      continue;
    }
    for (const [party, x] of Object.entries(before)) {
      const y = after[party];
      const national = (gbTo[party] ?? 0) - (gbFrom[party] ?? 0);
      if (y !== undefined && y > 0 && x > 0) {
        samples.push({ share: x / 100, error: (y - x - national) / 100 });
      }
    }
  }
  return samples;
}

/**
 * The errors (actual − projected share) of the winner's party in the GB seats whose winner was
 * first elected at the baseline `from` and whose party stood again, whether or not the MP did (the
 * engine cannot know who will). Projected without the first-defence bonus, their mean is the
 * bonus: `FIRST_DEFENCE_BONUS` is the mean on GE2015 → GE2017.
 */
export function firstDefenceErrors(
  projected: PreparedScenario,
  from: CompiledBaseline,
  actual: CompiledBaseline,
): number[] {
  return winnerErrors(projected, from, actual, from.firstTerm);
}

/** The errors of the winner's party in the flagged GB seats of `from` where it stood again. */
export function winnerErrors(
  projected: PreparedScenario,
  from: CompiledBaseline,
  actual: CompiledBaseline,
  flags: Uint8Array,
): number[] {
  const seatOf = new Map(actual.onsCodes.map((code, i) => [code, i]));
  const errors: number[] = [];
  for (let seat = 0; seat < from.nSeats; seat++) {
    const there = seatOf.get(from.onsCodes[seat]);
    if (!flags[seat] || there === undefined || from.regions[seat] === NORTHERN_IRELAND) {
      continue;
    }
    const party = from.parties[from.winners[seat]];
    const j = actual.parties.indexOf(party);
    const votes = j < 0 ? 0 : actual.votes[there * actual.nParties + j];
    for (let e = projected.rowStart[seat]; e < projected.rowStart[seat + 1]; e++) {
      if (projected.parties[projected.entryParty[e]] === party && votes > 0) {
        const share = projected.entryVotes[e] / projected.validVotes[seat];
        errors.push(votes / actual.validVotes[there] - share);
      }
    }
  }
  return errors;
}

/** The mean error of the winner's party in the flagged GB seats, projecting `from` by `swing`. */
function meanWinnerError(
  from: CompiledBaseline,
  actual: CompiledBaseline,
  swing: Swing,
  flags: Uint8Array,
): number {
  const checked = prepareScenario(from, { standAsides: [], transfers: 'central', swing });
  if (!checked.ok) {
    throw new RangeError(`invalid swing: ${JSON.stringify(checked.problems)}`);
  }
  const errors = winnerErrors(checked.value, from, actual, flags);
  return errors.reduce((sum, e) => sum + e, 0) / Math.max(1, errors.length);
}

/**
 * Where `meanError` crosses zero on [0, high], by 30 bisections: `direction` +1 when the error
 * falls as x rises (a bonus for the winner), −1 when it rises (a penalty).
 */
function zeroOf(meanError: (x: number) => number, high: number, direction: 1 | -1): number {
  let low = 0;
  for (let i = 0; i < 30; i++) {
    const mid = (low + high) / 2;
    if (direction * meanError(mid) > 0) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return (low + high) / 2;
}

/**
 * The first-defence bonus (a fraction of the vote) for which the first-term seats' mean error is
 * zero when the bonus is in the projection: bisection over 0–10 %, projecting `from` by `swing`
 * (the swing to `actual`'s shares) with the candidate bonus.
 */
export function fitFirstDefence(
  from: CompiledBaseline,
  actual: CompiledBaseline,
  swing: Swing,
): number {
  return zeroOf(
    (bonus) => meanWinnerError(from, actual, { ...swing, firstDefence: bonus }, from.firstTerm),
    0.1,
    1,
  );
}

/**
 * The standing-down penalty for which the mean error of the winner's party in `seats` (ONS codes of
 * `from` whose winner did not stand again) is zero: bisection over 0–1, projecting `from` by
 * `swing` (the swing to `actual`'s shares, first-defence bonus as given) with the candidate penalty.
 */
export function fitStandingDown(
  from: CompiledBaseline,
  actual: CompiledBaseline,
  swing: Swing,
  seats: readonly string[],
): number {
  const flags = standingDownSeats(from, { seats });
  return zeroOf(
    (penalty) =>
      meanWinnerError(from, actual, { ...swing, standingDown: { seats, penalty } }, flags),
    1,
    -1,
  );
}
