import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Runs `work` on one pooled connection holding the session advisory lock `name`, or returns null at
 * once when another process holds it: periodic jobs that every API instance schedules (the expiry
 * sweep, the retention purge) then run in one instance at a time.
 */
export async function withTryLock<T>(
  dataSource: DataSource,
  name: string,
  work: (runner: QueryRunner) => Promise<T>,
): Promise<T | null> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [lock] = (await runner.query(
      `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`,
      [name],
    )) as { ok: boolean }[];
    if (!lock?.ok) {
      return null;
    }
    try {
      return await work(runner);
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [name]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * A sweep in batches under the try-lock `name`: `batchOf` finds up to `size` due items on the locked
 * connection and `handle` deals with them (each in its own transaction, as the callers need),
 * until a batch comes back short. Returns how many `handle` counted, or 0 when another process is
 * sweeping.
 */
export async function sweepInBatches<T>(
  dataSource: DataSource,
  name: string,
  size: number,
  batchOf: (runner: QueryRunner) => Promise<readonly T[]>,
  handle: (due: readonly T[]) => Promise<number>,
): Promise<number> {
  const swept = await withTryLock(dataSource, name, async (runner) => {
    let done = 0;
    for (;;) {
      const due = await batchOf(runner);
      done += await handle(due);
      if (due.length < size) {
        return done;
      }
    }
  });
  return swept ?? 0;
}
