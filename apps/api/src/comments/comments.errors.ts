import type { CommentProblem } from '@pactroom/negotiation';
import { ApiError } from '../common/api-error.js';

/** Error codes of the comment routes (docs/api.md, "Comments on terms"). */
export const CommentErrors = {
  /** UNKNOWN_ANCHOR or INVALID_COMMENT_TEXT, naming the field and the item. */
  refused: (problem: CommentProblem) =>
    new ApiError(422, problem.code, problem.message, [
      { field: problem.field, problems: [problem.message] },
    ]),
  readOnly: () =>
    new ApiError(
      403,
      'NOT_A_COMMENTER',
      'You may read these comments but not write one: comments come from the participants’ officers, the coordinators overseeing the pact and the members consulted.',
    ),
  consultationClosed: () =>
    new ApiError(
      409,
      'CONSULTATION_CLOSED',
      'The consultation you were asked in on this revision has ended: members comment only while it is open.',
    ),
};
