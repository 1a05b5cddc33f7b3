import { QueryFailedError } from 'typeorm';

const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 3;

function sqlState(error: unknown): string | undefined {
  const driverError: unknown = error instanceof QueryFailedError ? error.driverError : error;
  const code = (driverError as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Re-runs a whole transaction when PostgreSQL aborted it for a serialization failure or a deadlock
 * (SQLSTATE 40001/40P01) — each attempt a fresh transaction, at most three, rethrowing the original
 * error after the last (STYLE.md §6). Never wrap a retry inside a transaction.
 */
export async function withSerializationRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const state = sqlState(error);
      if (attempt >= ATTEMPTS || state === undefined || !RETRYABLE.has(state)) {
        throw error;
      }
    }
  }
}
