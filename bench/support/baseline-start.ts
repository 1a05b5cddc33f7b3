// The startup baseline: what any server of this design must do before it is healthy — start the
// same embedded PostgreSQL as `npm start` (initdb on a fresh data folder), make sure the database
// exists, listen, and answer GET /api/health with a database round trip. No build, migrations,
// election data, demo accounts or Nest boot: the app's `npm start` is measured against this floor.
//
// Env: PACTROOM_DATA_DIR (the cluster lives in <dir>/pg), PACTROOM_EMBEDDED_PG_PORT, PORT.
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { EmbeddedDatabase } from '../../apps/api/src/database/embedded-database.js';

const env = process.env;
const dataDir = env.PACTROOM_DATA_DIR;
if (!dataDir) {
  throw new Error('baseline-start: PACTROOM_DATA_DIR is required');
}
const log = (message: string) => process.stdout.write(`[baseline-start] ${message}\n`);
const database = new EmbeddedDatabase({
  clusterDir: join(dataDir, 'pg'),
  port: Number(env.PACTROOM_EMBEDDED_PG_PORT ?? 54329),
  log,
});
await database.start();
await database.ensureDatabase('pactroom');
const pool = new pg.Pool({ connectionString: database.url('pactroom'), max: 2 });
const app = Fastify({ logger: false });
app.get('/api/health', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok', database: 'up' };
});

let stopping = false;
const shutdown = () => {
  if (stopping) {
    return;
  }
  stopping = true;
  void app
    .close()
    .then(() => pool.end())
    .then(() => database.stop())
    .then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

await app.listen({ host: '127.0.0.1', port: Number(env.PORT ?? 3000) });
log(`listening on 127.0.0.1:${env.PORT ?? 3000}`);
