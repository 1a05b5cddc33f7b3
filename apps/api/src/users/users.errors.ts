import type { GrantProblem, GrantRefusal } from '@pactroom/accounts';
import { ApiError } from '../common/api-error.js';

/** Error codes of the user-management routes (API contract). */
export const UserErrors = {
  notFound: () => new ApiError(404, 'USER_NOT_FOUND', 'No such user, or not one you manage.'),
  invalidGrants: (problems: readonly GrantProblem[]) =>
    new ApiError(422, 'INVALID_GRANT', 'One or more grants are not well-formed.', problems),
  refused: (reason: GrantRefusal) =>
    new ApiError(
      403,
      reason,
      reason === 'ROLE_NOT_GRANTABLE'
        ? 'Coordinators may grant only officer and member roles.'
        : reason === 'GRANT_OUT_OF_SCOPE'
          ? 'You may grant roles only in your own party and region.'
          : 'Your role does not allow managing accounts.',
    ),
};
