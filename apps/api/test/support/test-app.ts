import { generateKeyPairSync } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { PasswordHasher } from '../../src/auth/password-hasher.js';
import { parseConfig, resolveConfig, type ResolvedConfig } from '../../src/config/app-config.js';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { SERVER_URL_ENV, cloneTemplate } from './test-database.js';

/** A booted AppModule on its own cloned database, driven over HTTP with supertest. */
export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: ResolvedConfig;
  readonly dataSource: DataSource;
  readonly databaseUrl: string;
  readonly http: TestAgent;
  close(): Promise<void>;
}

/** One Ed25519 key per test file, as the platform signing key. */
export const TEST_SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** Boots the real app on a fresh database; `env` overrides configuration variables. */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    demo?: boolean;
    /** Boot on this database (another app's) instead of a fresh clone: two processes' worth. */
    databaseUrl?: string;
  } = {},
): Promise<TestApp> {
  const serverUrl = process.env[SERVER_URL_ENV];
  if (!serverUrl) {
    throw new Error(`${SERVER_URL_ENV} is not set: run the e2e tests through jest (global setup)`);
  }
  const databaseUrl = options.databaseUrl ?? (await cloneTemplate(serverUrl));
  const config = resolveConfig(
    parseConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      PACTROOM_JWT_SECRET: TEST_JWT_SECRET,
      PACTROOM_DB_POOL_SIZE: '5',
      // Test files act fast as few accounts; command-throttle tests set their own limit.
      PACTROOM_COMMANDS_PER_MINUTE: '1000000',
      ...options.env,
    }),
    { databaseUrl, embedded: false, signingKey: TEST_SIGNING_KEY },
  );
  const app = await createApp(config);
  const dataSource = app.get(DataSource);
  if (options.demo) {
    await seedDemo(dataSource, app.get(PasswordHasher));
  }
  return {
    app,
    config,
    databaseUrl,
    dataSource,
    http: request(app.getHttpServer()),
    close: () => app.close(),
  };
}
