import type { ContestView } from './contests.js';

/** Commands that move a pact towards holding its seats; ending one is always allowed. */
const ADVANCING = new Set(['propose', 'counter', 'sign', 'approve']);

export type DeadlineVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: 'CONTEST_DEADLINE_PASSED' | 'RESPOND_BY_AFTER_DEADLINE';
      readonly message: string;
    };

/**
 * Whether a command on a pact for `contest` may still run at `now`, given the contest's latest
 * respond-by (`null` for a past contest: a what-if has no deadline). Once that moment has passed,
 * a pact can no longer be agreed in time for candidates to withdraw, so nothing may move it
 * forward (declining, withdrawing, rejecting and terminating still may). An election called after
 * a draft was written can leave its respond-by too late: it may not be proposed as it is.
 */
export function checkAgainstDeadline(
  contest: ContestView,
  latestRespondBy: string | null,
  command: string,
  respondBy: string,
  now: Date,
): DeadlineVerdict {
  if (latestRespondBy === null || !ADVANCING.has(command)) {
    return { ok: true };
  }
  const latest = Date.parse(latestRespondBy);
  if (now.getTime() > latest) {
    return {
      ok: false,
      code: 'CONTEST_DEADLINE_PASSED',
      message: `candidates for the ${contest.name} can withdraw only until ${contest.calendar.withdrawalDeadline}, so a pact for it had to be agreed by ${latestRespondBy}; it can now only be declined, withdrawn, rejected or terminated`,
    };
  }
  if (command === 'propose' && Date.parse(respondBy) > latest) {
    return {
      ok: false,
      code: 'RESPOND_BY_AFTER_DEADLINE',
      message: `the respond-by deadline must be on or before ${latestRespondBy}: candidates for the ${contest.name} can withdraw until ${contest.calendar.withdrawalDeadline}. Start a new draft with an earlier respond-by`,
    };
  }
  return { ok: true };
}
