import { instant, rejection, type Rejection } from './decision.js';

const DAY_MS = 86_400_000;

/**
 * How far ahead a pact's respond-by may be set. An offer is an answer asked for within a campaign:
 * a snap general election is called about five weeks before polling day, and nominations close
 * 19 working days before it, so an offer that stays open for months serves only to sit on a seat.
 * (Proposals no longer hold seats — only signed pacts do — but an open-ended deadline would still
 * keep an unanswered offer alive, and in other parties' lists, indefinitely.)
 */
export const MAX_RESPOND_BY_DAYS = 90;

/**
 * The contest's own bound on respond-by: for an election still to come, the withdrawal deadline
 * less a margin (a stand-aside agreed after candidates can no longer withdraw is worthless).
 * `why` finishes the sentence "the respond-by deadline must be on or before <latest>: …".
 */
export interface RespondByLimit {
  /** ISO 8601. */
  readonly latest: string;
  readonly why: string;
}

/** The respond-by as ISO 8601, or why it cannot be: future, within 90 days, within the limit. */
export function checkRespondBy(
  respondBy: Date | string,
  now: Date | string,
  limit: RespondByLimit | null | undefined,
): { ok: true; iso: string } | Rejection {
  const at = instant(respondBy);
  const today = instant(now).ms;
  if (at.ms <= today) {
    return rejection('INVALID_RESPOND_BY', 'the respond-by deadline must be in the future');
  }
  if (at.ms > today + MAX_RESPOND_BY_DAYS * DAY_MS) {
    return rejection(
      'INVALID_RESPOND_BY',
      `the respond-by deadline must be within ${MAX_RESPOND_BY_DAYS} days of today`,
    );
  }
  if (limit && at.ms > Date.parse(limit.latest)) {
    return rejection(
      'RESPOND_BY_AFTER_DEADLINE',
      `the respond-by deadline must be on or before ${limit.latest}: ${limit.why}`,
    );
  }
  return { ok: true, iso: at.iso };
}
