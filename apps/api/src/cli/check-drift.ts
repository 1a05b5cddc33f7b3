import { startScratchCluster } from '../database/scratch-cluster.js';
import { runMigrations } from '../database/migrate.js';
import { parseConfig } from '../config/app-config.js';
import { schemaDiff } from './print-schema-diff.js';
import { interruptedExitCode, onStopSignal } from '../common/stop-signals.js';

/**
 * CI's drift check (STYLE.md §7): migrate an empty database, then ask TypeORM what it would change
 * to match the entities. Any statement means entities and migrations disagree: exit 1 and print it.
 * `--print` prints the statements without failing (the first draft of a new migration).
 */
const log = (m: string) => process.stderr.write(`${m}\n`);
const config = parseConfig(process.env);
const cluster = await startScratchCluster(undefined, log);
onStopSignal(() => cluster.dispose(), log, interruptedExitCode);
let exitCode = 0;
try {
  await cluster.database.ensureDatabase('pactroom_drift');
  const url = cluster.database.url('pactroom_drift');
  const applied = await runMigrations({ ...config.database, url });
  log(`applied ${applied.length} migrations to an empty database`);
  const statements = await schemaDiff(url);
  if (statements.length === 0) {
    log('no drift: entities match migrations');
  } else {
    process.stdout.write(`${statements.map((s) => `${s};`).join('\n')}\n`);
    if (!process.argv.includes('--print')) {
      log(`DRIFT: ${statements.length} statements needed to match the entities (above)`);
      exitCode = 1;
    }
  }
} finally {
  await cluster.dispose();
}
process.exit(exitCode);
