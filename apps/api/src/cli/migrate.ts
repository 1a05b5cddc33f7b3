import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config/app-config.js';
import { EmbeddedDatabase } from '../database/embedded-database.js';
import { runMigrations } from '../database/migrate.js';
import { interruptedExitCode, onStopSignal } from '../common/stop-signals.js';

/**
 * `npm run migrate`: applies pending migrations to DATABASE_URL, or — without it — to the embedded
 * database in PACTROOM_DATA_DIR (started for the purpose and stopped again).
 */
const log = (m: string) => process.stdout.write(`[migrate] ${m}\n`);
if (existsSync('.env')) {
  process.loadEnvFile('.env');
}
const config = parseConfig(process.env);
let embedded: EmbeddedDatabase | undefined;
let url = config.database.url;
// Interrupted: stop the embedded server (its fast shutdown rolls back a migration in progress).
onStopSignal(
  async (signal) => {
    log(`${signal}: stopping`);
    await embedded?.stop();
  },
  log,
  interruptedExitCode,
);
try {
  if (!url) {
    embedded = new EmbeddedDatabase({
      clusterDir: join(config.dataDir, 'pg'),
      port: config.database.embeddedPort,
      log,
    });
    await embedded.start();
    await embedded.ensureDatabase('pactroom');
    url = embedded.url('pactroom');
  }
  const applied = await runMigrations({ ...config.database, url });
  log(
    applied.length > 0
      ? `applied: ${applied.join(', ')}`
      : 'nothing to apply: the schema is up to date',
  );
} finally {
  await embedded?.stop();
}
