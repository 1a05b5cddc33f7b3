import { ApiError } from '../common/api-error.js';

/** Error codes of the auth routes (API contract). */
export const AuthErrors = {
  invalidCredentials: () => new ApiError(401, 'INVALID_CREDENTIALS', 'Email or password is wrong.'),
  tokenInvalid: () =>
    new ApiError(
      400,
      'TOKEN_INVALID',
      'This link has expired or was already used. Ask for a new one.',
      [{ field: 'token', problems: ['has expired or was already used'] }],
    ),
  currentPasswordWrong: () =>
    new ApiError(
      403,
      'CURRENT_PASSWORD_WRONG',
      'Your current password is not right, so nothing was changed.',
      [{ field: 'currentPassword', problems: ['is not your current password'] }],
    ),
  accountDisabled: () => new ApiError(403, 'ACCOUNT_DISABLED', 'This account is disabled.'),
  invalidToken: () =>
    new ApiError(401, 'INVALID_TOKEN', 'The access token is missing, invalid or expired.'),
  invalidRefreshToken: () =>
    new ApiError(401, 'INVALID_REFRESH_TOKEN', 'The refresh token is invalid or expired.'),
  refreshTokenReused: () =>
    new ApiError(
      401,
      'REFRESH_TOKEN_REUSED',
      'This refresh token was already used; every session of this login is now signed out.',
    ),
  busy: () =>
    new ApiError(
      429,
      'LOGIN_BUSY',
      'Too many sign-ins are in progress; try again in a moment.',
      { retryAfterSeconds: 1 },
      { 'retry-after': '1' },
    ),
  throttled: (retryAfterSeconds: number) =>
    new ApiError(
      429,
      'THROTTLED',
      'Too many failed sign-ins; wait and try again.',
      { retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    ),
};
