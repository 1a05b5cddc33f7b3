import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { bootstrap } from './bootstrap.js';
import { onStopSignal } from './common/stop-signals.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-accounts.js';

const log = (message: string) => process.stdout.write(`[pactroom] ${message}\n`);

if (existsSync('.env')) {
  process.loadEnvFile('.env');
}

const started = Date.now();
let stopRequested = false;
const ready = bootstrap(process.env, log).then(async (running) => {
  if (!stopRequested) {
    const { host, port } = running.config.http;
    await running.app.listen({ host, port });
  }
  return running;
});
// Registered before start-up finishes: a signal during boot (migrations, data loading) waits for it,
// then stops whatever was started, embedded PostgreSQL included.
onStopSignal(
  async (signal) => {
    stopRequested = true;
    log(`${signal}: stopping`);
    const running = await ready.catch(() => undefined);
    if (running) {
      log(`stopping the API${running.embedded ? ' and the embedded PostgreSQL' : ''}`);
      await running.stop();
    }
  },
  (message) => process.stderr.write(`[pactroom] ${message}\n`),
);
const running = await ready.catch((error: unknown) => {
  process.stderr.write(
    `[pactroom] failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

if (!stopRequested) {
  const { http } = running.config;
  const base = `http://${http.host === '0.0.0.0' ? 'localhost' : http.host}:${http.port}`;
  log(
    `ready in ${Date.now() - started} ms: open ${base}/ in a browser  (API ${base}/api, health ${base}/api/health, docs ${base}/api/docs)`,
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
}
