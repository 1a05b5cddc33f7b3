import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** Pool and timeout settings shared by the app, the migration runner and the tests. */
export interface DatabaseSettings {
  readonly url: string;
  readonly poolSize: number;
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
  readonly idleInTransactionTimeoutMs: number;
}

/**
 * TypeORM options for PostgreSQL. `synchronize` is off everywhere: the schema comes only from
 * `migrations/`. Every pooled connection gets server-side timeouts so a stuck statement, a lock
 * wait or an abandoned transaction cannot hold the pool forever.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: settings.poolSize,
      statement_timeout: settings.statementTimeoutMs,
      lock_timeout: settings.lockTimeoutMs,
      idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
      connectionTimeoutMillis: 5_000,
      // statement_timeout is enforced by the server; a frozen or partitioned server would never
      // answer it. A client-side bound a little above it turns that into a 503, and TCP keep-alive
      // notices a dead peer.
      query_timeout: settings.statementTimeoutMs + 2_000,
      keepAlive: true,
      application_name: 'pactroom',
    },
  };
}
