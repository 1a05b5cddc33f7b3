import type { GrantProblem, GrantRefusal } from '@pactroom/accounts';
import { ApiError } from '../common/api-error.js';

/** Error codes of the user-management routes (API contract). */
export const UserErrors = {
  passwordNotAllowed: () =>
    new ApiError(
      403,
      'PASSWORD_NOT_ALLOWED',
      'Only an administrator may set a password for someone. Leave the password out: the person is sent an invitation and chooses their own.',
      [{ field: 'password', problems: ['may be set only by an administrator'] }],
    ),
  emailTaken: () => new ApiError(409, 'EMAIL_TAKEN', 'An account with this email already exists.'),
  alreadyActive: () =>
    new ApiError(
      409,
      'ACCOUNT_ALREADY_ACTIVE',
      'This account already has a password, so there is no invitation to resend: the person can use “Forgot your password?” on the sign-in page.',
    ),
  accountDisabled: () =>
    new ApiError(409, 'ACCOUNT_DISABLED', 'This account is disabled: enable it first.'),
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
