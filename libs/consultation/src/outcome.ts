import {
  checkRules,
  comparePercent,
  isStance,
  percentOneDecimal,
  type Rules,
  type Stance,
} from './rules.js';
import { latestStances, type StanceRecord } from './stances.js';

/** The counts of the latest stances. */
export interface Tally {
  /** Members who may take part. */
  readonly electorate: number;
  /** Distinct members with a stance (abstaining included). */
  readonly voters: number;
  readonly agree: number;
  readonly abstain: number;
  readonly disagree: number;
  readonly block: number;
  /** Votes cast: agree + disagree + block (abstentions are neither for nor against). */
  readonly cast: number;
  /** `voters` as a percent of `electorate`, one decimal; 0 when the electorate is 0. For display. */
  readonly turnout: number;
}

/**
 * Counts the latest stance of each voter. The electorate must be a whole number no smaller than
 * the number of voters: fewer members than voters means the caller counted the electorate
 * differently from who was let vote, a bug that would turn into a turnout above 100 %.
 */
export function tally(records: readonly StanceRecord[], electorate: number): Tally {
  if (!Number.isSafeInteger(electorate) || electorate < 0) {
    throw new RangeError(`the electorate must be a whole number ≥ 0, not ${electorate}`);
  }
  const counts: Record<Stance, number> = { agree: 0, abstain: 0, disagree: 0, block: 0 };
  const latest = latestStances(records);
  for (const record of latest.values()) {
    // A row with another value would silently vanish from the counts: refuse it instead.
    if (!isStance(record.stance)) {
      throw new RangeError(`unknown stance ${JSON.stringify(record.stance)} of ${record.voter}`);
    }
    counts[record.stance] += 1;
  }
  const voters = latest.size;
  if (voters > electorate) {
    throw new RangeError(`${voters} voters but an electorate of only ${electorate}`);
  }
  return {
    electorate,
    voters,
    ...counts,
    cast: counts.agree + counts.disagree + counts.block,
    turnout: percentOneDecimal(voters, electorate),
  };
}

/** What a closed consultation decided, under the rules it was opened with. */
export interface Outcome {
  readonly tally: Tally;
  readonly rules: Rules;
  /** voters * 100 ≥ quorum * electorate, compared exactly (not via the rounded turnout). */
  readonly quorumMet: boolean;
  /** agree as a percent of votes cast, one decimal; 0 when nothing was cast. For display. */
  readonly agreeShare: number;
  /** agree * 100 > threshold * cast, compared exactly; never met when nothing was cast. */
  readonly thresholdMet: boolean;
  /** Some member's latest stance is block: flagged to the coordinator, not a failure by itself. */
  readonly blocked: boolean;
  /** quorumMet && thresholdMet. */
  readonly passed: boolean;
}

/** The outcome of the latest stances under `rules`; invalid rules are a caller bug (RangeError). */
export function outcomeOf(
  records: readonly StanceRecord[],
  electorate: number,
  rules: Rules,
): Outcome {
  const problem = checkRules(rules);
  if (problem !== null) {
    throw new RangeError(`invalid ${problem.field}: ${problem.problem}`);
  }
  const counts = tally(records, electorate);
  const quorumMet = comparePercent(counts.voters, counts.electorate, rules.quorum) >= 0;
  // With nothing cast, 0 > threshold * 0 is false anyway; the explicit test says it is meant.
  const thresholdMet =
    counts.cast > 0 && comparePercent(counts.agree, counts.cast, rules.threshold) > 0;
  return {
    tally: counts,
    rules: { quorum: rules.quorum, threshold: rules.threshold },
    quorumMet,
    agreeShare: percentOneDecimal(counts.agree, counts.cast),
    thresholdMet,
    blocked: counts.block > 0,
    passed: quorumMet && thresholdMet,
  };
}
