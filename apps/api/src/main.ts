import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { bootstrap } from './bootstrap.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-accounts.js';

const log = (message: string) => process.stdout.write(`[pactroom] ${message}\n`);

if (existsSync('.env')) {
  process.loadEnvFile('.env');
}

const started = Date.now();
const running = await bootstrap(process.env, log).catch((error: unknown) => {
  process.stderr.write(
    `[pactroom] failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) {
    return;
  }
  stopping = true;
  log(`${signal}: stopping the API${running.embedded ? ' and the embedded PostgreSQL' : ''}`);
  running.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`[pactroom] error while stopping: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

const { http } = running.config;
await running.app.listen({ host: http.host, port: http.port });
const base = `http://${http.host === '0.0.0.0' ? 'localhost' : http.host}:${http.port}`;
log(
  `ready in ${Date.now() - started} ms: ${base}/api  (health ${base}/api/health, docs ${base}/api/docs)`,
);
if (running.config.demo) {
  log(
    `WARNING: demo accounts are active, all with the password "${DEMO_PASSWORD}". Never expose this instance.`,
  );
  for (const account of DEMO_ACCOUNTS) {
    log(
      `  ${account.email.padEnd(40)} ${account.role}${account.localParty ? ` (${account.localParty})` : account.party ? ` (${account.party}${account.region ? `, ${account.region}` : ''})` : ''}`,
    );
  }
}
