import { outcomeOf, type Outcome } from './outcome.js';
import { STANCES, type Rules, type Stance } from './rules.js';
import { latestStances, type StanceRecord } from './stances.js';

/**
 * What is published when a consultation closes.
 *
 * - Open ballot: `stances` holds every voter's latest stance and reason, sorted by voter.
 * - Secret ballot: `stances` is `null`. Who voted is published (it is known anyway, to prevent
 *   double votes), how they voted is not: only the outcome and the reasons of disagree and block
 *   stances, without names, sorted by (stance, reason) so that their order reveals nothing about
 *   who wrote them. Reasons given with agree or abstain are not published in a secret ballot:
 *   they are optional, and a lone "I agree because…" could be recognised.
 *
 * In both, `voters` is sorted and `reasons` lists the disagree and block reasons the same way, so
 * a page can show the objections together whatever the ballot.
 */
export interface PublishedResult {
  readonly secret: boolean;
  readonly outcome: Outcome;
  readonly voters: readonly string[];
  readonly stances: readonly { voter: string; stance: Stance; reason: string | null }[] | null;
  readonly reasons: readonly { stance: Stance; reason: string }[];
}

/** Plain code-unit order: the same on every machine and locale, unlike localeCompare. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function publishResult(
  records: readonly StanceRecord[],
  electorate: number,
  rules: Rules,
  secret: boolean,
): PublishedResult {
  const outcome = outcomeOf(records, electorate, rules);
  const latest = [...latestStances(records).values()].sort((a, b) => byText(a.voter, b.voter));
  const reasons = latest
    .filter((r) => (r.stance === 'disagree' || r.stance === 'block') && r.reason !== null)
    .map((r) => ({ stance: r.stance, reason: r.reason as string }))
    .sort(
      (a, b) => STANCES.indexOf(a.stance) - STANCES.indexOf(b.stance) || byText(a.reason, b.reason),
    );
  return {
    secret,
    outcome,
    voters: latest.map((r) => r.voter),
    stances: secret
      ? null
      : latest.map((r) => ({ voter: r.voter, stance: r.stance, reason: r.reason })),
    reasons,
  };
}
