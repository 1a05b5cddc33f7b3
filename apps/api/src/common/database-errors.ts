import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { ApiError, CommonErrors } from './api-error.js';

interface PgError {
  code?: string;
  constraint?: string;
  message?: unknown;
}

/** Constraint name → API error, for unique and check violations that mean a conflict, not a bug. */
const CONSTRAINT_ERRORS: Readonly<Record<string, () => ApiError>> = {
  uq_users_email: () =>
    new ApiError(409, 'EMAIL_TAKEN', 'An account with this email already exists.'),
  uq_local_parties_active_name: () =>
    new ApiError(
      409,
      'LOCAL_PARTY_EXISTS',
      'This party already has an active local party of that name in this region.',
    ),
  // Raised by the trigger of migration 1764800100000 (the rule spans two tables).
  uq_local_parties_active_seat: () =>
    new ApiError(
      409,
      'LOCAL_PARTY_SEAT_TAKEN',
      'A seat is already covered by another active local party of this party.',
    ),
};

/** Input PostgreSQL cannot take: a NUL or untranslatable character, a malformed literal, a value out of range or too long. */
const BAD_INPUT = new Set(['22021', '22P05', '22007', '22008', '22P02', '22003', '22001']);
/** Socket-level failures: the database is unreachable, not the request at fault. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** pg's own messages for a lost or unresponsive connection; they carry no SQLSTATE. */
const CONNECTION_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|Query read timeout)/;

/** Whether the error says the database is unreachable (not that a statement was wrong). */
export function isConnectionError(error: unknown): boolean {
  const pgError = (error instanceof QueryFailedError ? error.driverError : error) as
    PgError | undefined;
  const code = pgError?.code;
  if (!code) {
    return typeof pgError?.message === 'string' && CONNECTION_MESSAGES.test(pgError.message);
  }
  return (
    CONNECTION_CODES.has(code) ||
    code.startsWith('08') ||
    ['57P01', '57P02', '57P03'].includes(code)
  );
}

/**
 * Maps a database error to an API error in one place (STYLE.md §4): a known constraint to its code;
 * a lock timeout to 409 RESOURCE_BUSY; a statement timeout or a lost connection to 503; a
 * serialization failure or deadlock (after the retry helper gave up) to 409; input PostgreSQL cannot
 * take to 400 (defence in depth behind validation). Anything else is not ours to explain: a 500.
 */
export function mapDatabaseError(error: unknown): ApiError | undefined {
  if (error instanceof QueryRunnerProviderAlreadyReleasedError) {
    return CommonErrors.unavailable();
  }
  const pgError = (error instanceof QueryFailedError ? error.driverError : error) as
    PgError | undefined;
  const code = pgError?.code;
  if (!code) {
    const message = typeof pgError?.message === 'string' ? pgError.message : '';
    return error instanceof Error && CONNECTION_MESSAGES.test(message)
      ? CommonErrors.unavailable()
      : undefined;
  }
  if (code === '23505' || code === '23514' || code === '23503') {
    const mapped = pgError.constraint ? CONSTRAINT_ERRORS[pgError.constraint] : undefined;
    return mapped
      ? mapped()
      : CommonErrors.conflict('The change conflicts with existing data.', {
          constraint: pgError.constraint,
        });
  }
  if (BAD_INPUT.has(code)) {
    return new ApiError(
      400,
      'INVALID_INPUT',
      'A value in the request cannot be stored or compared.',
    );
  }
  if (code === '55P03') {
    return new ApiError(409, 'RESOURCE_BUSY', 'Another change holds this record; retry shortly.');
  }
  if (code === '57014') {
    return CommonErrors.unavailable('The database took too long to answer; retry shortly.');
  }
  if (code === '40001' || code === '40P01') {
    return new ApiError(409, 'CONCURRENT_UPDATE', 'A concurrent change won; reload and retry.');
  }
  if (
    CONNECTION_CODES.has(code) ||
    code.startsWith('08') ||
    ['57P01', '57P02', '57P03'].includes(code)
  ) {
    return CommonErrors.unavailable();
  }
  return undefined;
}
