import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from './embedded-database.js';
import { freePort } from './free-port.js';

/** A throw-away embedded PostgreSQL cluster in a temporary folder, for tools and tests. */
export interface ScratchCluster {
  readonly database: EmbeddedDatabase;
  readonly dir: string;
  dispose(): Promise<void>;
}

const ATTEMPTS = 3;

/**
 * Starts a fresh cluster in a new folder under the system temp dir, on `port` or — when none is
 * given — on a port the OS reports free. Another process can take that port before PostgreSQL binds
 * it (parallel test runs, benchmarks), so a failed start is retried on a new port.
 */
export async function startScratchCluster(
  port: number | undefined,
  log: (m: string) => void,
): Promise<ScratchCluster> {
  for (let attempt = 1; ; attempt++) {
    const dir = await mkdtemp(join(tmpdir(), 'pactroom-pg-'));
    const database = new EmbeddedDatabase({
      clusterDir: join(dir, 'pg'),
      port: port ?? (await freePort()),
      log,
      // Durability is irrelevant for a throw-away cluster; skipping fsync makes tests much faster.
      settings: {
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
        max_connections: '300',
      },
    });
    try {
      await database.start();
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      if (port !== undefined || attempt >= ATTEMPTS) {
        throw error;
      }
      log(
        `scratch cluster did not start (${error instanceof Error ? error.message : String(error)}); retrying on another port`,
      );
      continue;
    }
    return {
      database,
      dir,
      async dispose() {
        await database.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}
