import { QueryFailedError } from 'typeorm';
import { ApiError, CommonErrors } from './api-error.js';

interface PgError {
  code?: string;
  constraint?: string;
}

/** Constraint name → API error, for unique and check violations that mean a conflict, not a bug. */
const CONSTRAINT_ERRORS: Readonly<Record<string, () => ApiError>> = {
  uq_users_email: () =>
    new ApiError(409, 'EMAIL_TAKEN', 'An account with this email already exists.'),
  uq_local_parties_party_code_name: () =>
    new ApiError(409, 'LOCAL_PARTY_EXISTS', 'This party already has a local party of that name.'),
};

/**
 * Maps a PostgreSQL error to an API error in one place (STYLE.md §4): a known constraint to its
 * code, lock and statement timeouts to 503, serialization failures and deadlocks (after the retry
 * helper gave up) to 409. Anything else is not ours to explain and stays a 500.
 */
export function mapDatabaseError(error: unknown): ApiError | undefined {
  const pgError = (error instanceof QueryFailedError ? error.driverError : error) as
    PgError | undefined;
  const code = pgError?.code;
  if (!code) {
    return undefined;
  }
  if (code === '23505' || code === '23514' || code === '23503') {
    const mapped = pgError.constraint ? CONSTRAINT_ERRORS[pgError.constraint] : undefined;
    return mapped
      ? mapped()
      : CommonErrors.conflict('The change conflicts with existing data.', {
          constraint: pgError.constraint,
        });
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
  if (code.startsWith('08') || code === '57P01' || code === '57P03') {
    return CommonErrors.unavailable();
  }
  return undefined;
}
