import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Set by the global setup for the test workers. */
export const SERVER_URL_ENV = 'PACTROOM_TEST_SERVER_URL';
export const TEMPLATE_DATABASE = 'pactroom_test_template';

/** Connection URL of `database` on the test server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Refuses to touch a database whose name does not say it is for tests (STYLE.md §8). */
export function assertTestDatabase(name: string): void {
  if (!name.includes('test')) {
    throw new Error(`refusing to use database "${name}": its name must contain "test"`);
  }
}

/** Creates a fresh database for one test file by cloning the migrated, loaded template. */
export async function cloneTemplate(serverUrl: string): Promise<string> {
  const name = `pactroom_test_${randomBytes(6).toString('hex')}`;
  assertTestDatabase(name);
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(TEMPLATE_DATABASE)}`,
    );
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, name);
}
