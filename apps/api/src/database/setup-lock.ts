import pg from 'pg';

/**
 * Runs `work` while holding a session advisory lock on the database, so API processes started
 * together take turns at migrating, loading the election data and seeding instead of racing each
 * other (duplicate catalog rows, two seedings). The lock goes with its connection, so a process that
 * dies mid-setup releases it.
 */
export async function withSetupLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'pactroom-setup',
  });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtextextended('pactroom:setup', 0))`);
    return await work();
  } finally {
    await client.end();
  }
}
