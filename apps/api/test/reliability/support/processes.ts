// Process-level fault harness: a throw-away PostgreSQL cluster of the test's own (never the global
// setup's), API child processes running the built entry point, and a registry that tears all of it
// down in afterAll even when a test failed half-way (no postgres or node process left behind).
// The cluster is test-cluster.ts, the API processes and requests to them api-process.ts; both are
// re-exported here so a test imports the whole harness from one place.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../../src/database/free-port.js';
import { ApiProcess, call, JWT_SECRET, MAIN, SIGNING_KEY } from './api-process.js';
import { TestCluster } from './test-cluster.js';
import { waitFor, within } from './waits.js';

export {
  ApiProcess,
  call,
  JWT_SECRET,
  MAIN,
  outcome,
  SIGNING_KEY,
  type ErrorBody,
  type Exit,
  type Reply,
} from './api-process.js';
export { TestCluster } from './test-cluster.js';
export { sleep, waitFor, within } from './waits.js';

/**
 * Owns everything a reliability test starts; `dispose()` (from afterAll) ends the API processes,
 * closes the pg clients and removes the clusters, whatever state the test left them in.
 */
export class FaultLab {
  private readonly apis: ApiProcess[] = [];
  private readonly clusters: TestCluster[] = [];
  private readonly clients: pg.Client[] = [];
  private readonly dirs: string[] = [];
  private disposed = false;

  async cluster(): Promise<TestCluster> {
    const cluster = await TestCluster.start();
    this.clusters.push(cluster);
    await this.refuseAfterDispose();
    return cluster;
  }

  /** A hook that timed out may still be starting things after afterAll ran: end them too. */
  private async refuseAfterDispose(): Promise<void> {
    if (this.disposed) {
      await this.dispose();
      throw new Error('the fault lab was disposed while this was starting');
    }
  }

  /**
   * Spawns the API on `databaseUrl` and waits until /api/health answers 200. `env` adds or
   * overrides variables (HOST/PORT/DATABASE_URL and the secrets are set here).
   */
  async api(
    name: string,
    databaseUrl: string,
    env: Record<string, string> = {},
    healthTimeoutMs = 60_000,
  ): Promise<ApiProcess> {
    const port = await freePort();
    // Its own working folder: main.js loads a .env from the working directory if there is one.
    const cwd = await mkdtemp(join(tmpdir(), 'pactroom-reliability-api-'));
    this.dirs.push(cwd);
    const child = spawn(process.execPath, [MAIN], {
      cwd,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        LOG_PRETTY: 'false',
        LOG_LEVEL: 'error',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        PACTROOM_DATA_DIR: join(cwd, 'data'),
        PACTROOM_JWT_SECRET: JWT_SECRET,
        PACTROOM_SIGNING_KEY: SIGNING_KEY,
        PACTROOM_DEMO: 'true',
        // Load from one account on purpose (races, write load): not what the command throttle is for.
        PACTROOM_COMMANDS_PER_MINUTE: '1000000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(name, port, child);
    this.apis.push(api);
    await this.refuseAfterDispose();
    await this.waitHealthy(api, healthTimeoutMs);
    return api;
  }

  /** Waits for /api/health 200 from `api`; the ms it took. */
  async waitHealthy(api: ApiProcess, timeoutMs = 60_000): Promise<number> {
    try {
      return await waitFor(
        `${api.name} to be healthy`,
        async () => {
          if (!api.running) {
            throw new Error(`${api.name} exited: ${JSON.stringify(await api.exited)}`);
          }
          const res = await call(api, 'GET', '/api/health', { timeoutMs: 2_000 });
          return res.status === 200;
        },
        timeoutMs,
        100,
      );
    } catch (error) {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- ${api.name} output ---\n${api.output().slice(-4_000)}`,
        { cause: error },
      );
    }
  }

  /** A direct pg client (closed by dispose). */
  async pg(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url, application_name: 'reliability-test' });
    // A server that goes away under an idle client must not crash the test process.
    client.on('error', () => undefined);
    this.clients.push(client);
    await this.refuseAfterDispose();
    await client.connect();
    return client;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(this.apis.splice(0).map((api) => api.stop(10_000)));
    await Promise.all(
      this.clients.splice(0).map((client) =>
        within(
          client.end().catch(() => undefined),
          5_000,
        ),
      ),
    );
    for (const cluster of this.clusters.splice(0)) {
      await cluster.dispose();
    }
    for (const dir of this.dirs.splice(0)) {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
