import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from './embedded-database.js';

/** A throw-away embedded PostgreSQL cluster in a temporary folder, for tools and tests. */
export interface ScratchCluster {
  readonly database: EmbeddedDatabase;
  readonly dir: string;
  dispose(): Promise<void>;
}

/** Starts a fresh cluster on `port` in a new folder under the system temp dir. */
export async function startScratchCluster(
  port: number,
  log: (m: string) => void,
): Promise<ScratchCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'pactroom-pg-'));
  const database = new EmbeddedDatabase({
    clusterDir: join(dir, 'pg'),
    port,
    log,
    // Durability is irrelevant for a throw-away cluster; skipping fsync makes tests much faster.
    settings: {
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      max_connections: '300',
    },
  });
  await database.start();
  return {
    database,
    dir,
    async dispose() {
      await database.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
