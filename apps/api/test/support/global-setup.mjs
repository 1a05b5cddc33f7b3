// Once per test run: a PostgreSQL server (a throw-away embedded cluster, or the server of
// DATABASE_URL) and a template database, migrated and loaded with the election data, that each test
// file clones (test-database.ts). Jest runs global setup outside its ESM module mapper, so this file
// is plain JavaScript over the compiled build (`npm test` builds first).
import pg from 'pg';
import { DataSource } from 'typeorm';
import { parseConfig } from '../../../../dist/apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../../../../dist/apps/api/src/database/data-source-options.js';
import { runMigrations } from '../../../../dist/apps/api/src/database/migrate.js';
import { startScratchCluster } from '../../../../dist/apps/api/src/database/scratch-cluster.js';
import { loadElectionData } from '../../../../dist/apps/api/src/reference/election-data.loader.js';

// Must match test-database.ts.
const SERVER_URL_ENV = 'PACTROOM_TEST_SERVER_URL';
const TEMPLATE_DATABASE = 'pactroom_test_template';

const log = (m) => process.stderr.write(`[test-db] ${m}\n`);
const withDatabase = (serverUrl, database) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

export default async function globalSetup() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // No fixed port: the OS picks a free one, so parallel runs and benchmarks cannot collide.
    globalThis.pactroomTestCluster = await startScratchCluster(undefined, log);
    serverUrl = globalThis.pactroomTestCluster.database.url('postgres');
    log(`embedded PostgreSQL at ${new URL(serverUrl).port}`);
  }
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const settings = {
    ...parseConfig({ NODE_ENV: 'test' }).database,
    url: withDatabase(serverUrl, TEMPLATE_DATABASE),
  };
  await runMigrations(settings);
  const dataSource = new DataSource(dataSourceOptions({ ...settings, poolSize: 2 }));
  await dataSource.initialize();
  try {
    const report = await loadElectionData(dataSource, () => undefined);
    log(`template migrated and loaded (${report.loaded.join(', ')}) in ${report.ms} ms`);
  } finally {
    // A template must have no open connections when it is cloned.
    await dataSource.destroy();
  }
  process.env[SERVER_URL_ENV] = serverUrl;
}
