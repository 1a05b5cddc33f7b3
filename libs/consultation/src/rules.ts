/** A member's answer to a proposal, as in Loomio: block is a strong disagree that is flagged. */
export type Stance = 'agree' | 'abstain' | 'disagree' | 'block';

/** Every stance, in the order forms and results list them (and sort secret reasons by). */
export const STANCES: readonly Stance[] = Object.freeze(['agree', 'abstain', 'disagree', 'block']);

/** Whether an untrusted value (a request body, a database row) is a stance. */
export function isStance(value: unknown): value is Stance {
  return typeof value === 'string' && (STANCES as readonly string[]).includes(value);
}

/**
 * How a consultation is decided, as the coordinator set it when opening it.
 *
 * - `quorum`: the percent of the electorate that must take part. Abstaining counts as taking
 *   part: a member who abstains has shown up.
 * - `threshold`: agree must be strictly more than this percent of the votes cast, where votes
 *   cast = agree + disagree + block. Abstentions are neither for nor against, so they are not
 *   cast votes: they count towards the quorum only.
 *
 * A block does not fail a consultation by itself; it is flagged (`Outcome.blocked`) for the
 * coordinator, who must weigh it.
 */
export interface Rules {
  readonly quorum: number;
  readonly threshold: number;
}

/** Quorum 20 %, agree > 50 % of votes cast: the example, a simple majority. */
export const DEFAULT_RULES: Rules = Object.freeze({ quorum: 20, threshold: 50 });

/**
 * Valid rules: 0 ≤ quorum ≤ 100 and 0 ≤ threshold < 100, finite numbers; else the first problem,
 * naming the field. A threshold of 100 could never be met (agree cannot exceed all votes cast).
 */
export function checkRules(
  rules: Rules,
): { field: 'quorum' | 'threshold'; problem: string } | null {
  const { quorum, threshold } = rules;
  if (typeof quorum !== 'number' || !Number.isFinite(quorum)) {
    return { field: 'quorum', problem: 'the quorum must be a number of percent' };
  }
  if (quorum < 0 || quorum > 100) {
    return { field: 'quorum', problem: 'the quorum must be between 0 and 100 percent' };
  }
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    return { field: 'threshold', problem: 'the threshold must be a number of percent' };
  }
  if (threshold < 0 || threshold >= 100) {
    return {
      field: 'threshold',
      problem: 'the threshold must be at least 0 and less than 100 percent (agree must exceed it)',
    };
  }
  return null;
}

/**
 * A percent as an exact fraction `units / 10^scale`, read from its shortest decimal spelling:
 * 16.1 is 161/10, what the coordinator typed, not the binary double just below it. Comparing
 * `part * 100` with `percent * whole` in floating point would fail 161 of 1000 against a 16.1 %
 * quorum (16.1 * 1000 = 16100.000000000002).
 */
function exactPercent(percent: number): { units: bigint; scale: bigint } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(percent));
  if (match === null) {
    throw new RangeError(`not a non-negative finite percent: ${percent}`);
  }
  const fraction = match[2] ?? '';
  let units = BigInt(match[1] + fraction);
  let scale = fraction.length - Number(match[3] ?? '0');
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units, scale: BigInt(scale) };
}

/** Compares `part * 100` with `percent * whole` exactly: negative, zero or positive. */
export function comparePercent(part: number, whole: number, percent: number): number {
  const { units, scale } = exactPercent(percent);
  const left = BigInt(part) * 100n * 10n ** scale;
  const right = units * BigInt(whole);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `part / whole` as a percent rounded half up to one decimal, by integers; 0 when whole is 0. */
export function percentOneDecimal(part: number, whole: number): number {
  if (whole === 0) {
    return 0;
  }
  // round(part * 1000 / whole) / 10, with the rounding done on integers so 12.5 is never 12.4.
  return Math.floor((part * 2000 + whole) / (2 * whole)) / 10;
}
