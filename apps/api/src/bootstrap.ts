import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { parseConfig, resolveConfig, type ResolvedConfig } from './config/app-config.js';
import { EmbeddedDatabase } from './database/embedded-database.js';
import { runMigrations } from './database/migrate.js';
import { withSetupLock } from './database/setup-lock.js';
import { seedDemo } from './demo/demo-seed.js';
import { loadElectionData } from './reference/election-data.loader.js';
import { LIST_KEYS_RULE, backfillListKeys } from './pacts/store/index.js';

/** A running Pactroom: the app, and the embedded database if it started one. */
export interface Running {
  readonly app: NestFastifyApplication;
  readonly config: ResolvedConfig;
  readonly embedded: EmbeddedDatabase | undefined;
  stop(): Promise<void>;
}

/**
 * What `npm start` does: settle the database (embedded unless DATABASE_URL is set), migrate, load
 * the election data, seed the demo accounts where allowed, then boot the API.
 */
export async function bootstrap(
  env: Record<string, string | undefined>,
  log: (message: string) => void,
): Promise<Running> {
  const config = parseConfig(env);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    embedded = new EmbeddedDatabase({
      clusterDir: join(config.dataDir, 'pg'),
      port: config.database.embeddedPort,
      log,
    });
    log(
      `starting embedded PostgreSQL on 127.0.0.1:${config.database.embeddedPort} (data in ${config.dataDir})`,
    );
    await embedded.start();
    await embedded.ensureDatabase('pactroom');
    databaseUrl = embedded.url('pactroom');
  }
  try {
    const jwtSecret = config.auth.jwtSecret ?? (await localJwtSecret(config.dataDir));
    const signingKey = config.audit.signingKey ?? (await localSigningKey(config.dataDir, log));
    const resolved = resolveConfig(config, {
      databaseUrl,
      jwtSecret,
      signingKey,
      embedded: embedded !== undefined,
    });
    const app = await withSetupLock(resolved.database.url, async () => {
      const applied = await runMigrations(resolved.database);
      log(
        applied.length > 0
          ? `applied migrations: ${applied.join(', ')}`
          : 'database schema is up to date',
      );
      const created = await createApp(resolved);
      const dataSource = created.get(DataSource);
      const report = await loadElectionData(dataSource, log);
      const filed = await backfillListKeys(dataSource, log);
      if (filed === null) {
        log(`list keys: filed by rule ${LIST_KEYS_RULE}`);
      }
      log(
        `election data ready in ${report.ms} ms (loaded: ${report.loaded.join(', ') || 'none'}; unchanged: ${report.unchanged.join(', ') || 'none'})`,
      );
      if (resolved.demo) {
        const seeded = await seedDemo(dataSource, created.get(PasswordHasher));
        log(`demo accounts: ${seeded.created} created`);
      }
      return created;
    });
    return {
      app,
      config: resolved,
      embedded,
      async stop() {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * Outside production a missing PACTROOM_JWT_SECRET is generated once into the data folder, so
 * tokens survive restarts without anyone having to invent a secret. Production refuses to start.
 */
async function localJwtSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    return (await readFile(file, 'utf8')).trim();
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The platform's Ed25519 checkpoint and certificate key: PACTROOM_SIGNING_KEY, or one generated
 * into the data folder on first start (mode 0600). Keep the data folder, or checkpoints made after a
 * restart are signed by a new key (each checkpoint records the id of the key that signed it).
 */
async function localSigningKey(dataDir: string, log: (message: string) => void): Promise<string> {
  const file = join(dataDir, 'signing-key.pem');
  if (existsSync(file)) {
    return readFile(file, 'utf8');
  }
  await mkdir(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await writeFile(file, pem, { mode: 0o600 });
  log(
    `generated the platform signing key in ${file}; set PACTROOM_SIGNING_KEY to keep one across data folders`,
  );
  return pem;
}
