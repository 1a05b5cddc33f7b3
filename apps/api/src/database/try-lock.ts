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
