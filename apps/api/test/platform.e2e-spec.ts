import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseConfig } from '../src/config/app-config.js';
import { bearer, createAccount, login } from './support/factories.js';
import { servedRoutes } from './support/routes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ env: { PACTROOM_BODY_LIMIT_BYTES: '65536' } });
  admin = (await login(t, (await createAccount(t, [{ role: 'admin' }])).email)).accessToken;
});
afterAll(async () => {
  await t.close();
});

describe('health', () => {
  it('reports the database up and migrations applied, without a token', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', migrations: 'applied' });
  });
});

describe('database pool', () => {
  it('sets statement, lock and idle-in-transaction timeouts on every pooled connection', async () => {
    const rows: { statement_timeout: string; lock_timeout: string; idle: string }[] =
      await t.dataSource.query(
        `SELECT current_setting('statement_timeout') AS statement_timeout, current_setting('lock_timeout') AS lock_timeout,
              current_setting('idle_in_transaction_session_timeout') AS idle`,
      );
    expect(rows[0]).toEqual({ statement_timeout: '10s', lock_timeout: '3s', idle: '30s' });
  });
});

describe('errors', () => {
  it('answers an unknown route with the error body and a request id', async () => {
    const res = await t.http.get('/api/nowhere').set('authorization', bearer(admin));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: 'ROUTE_NOT_FOUND',
      message: expect.any(String),
      requestId: res.headers['x-request-id'],
    });
  });

  it('echoes a sane caller request id and replaces an unsafe one', async () => {
    const mine = await t.http.get('/api/health').set('x-request-id', 'trace-123');
    expect(mine.headers['x-request-id']).toBe('trace-123');
    const unsafe = await t.http.get('/api/health').set('x-request-id', 'a b\tc');
    expect(unsafe.headers['x-request-id']).not.toBe('a b\tc');
  });

  it('answers invalid JSON with 400 INVALID_JSON', async () => {
    const res = await t.http
      .post('/api/users')
      .set('authorization', bearer(admin))
      .set('content-type', 'application/json')
      .send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_JSON', requestId: expect.any(String) });
  });

  it('answers a body over the limit with 413 and changes nothing', async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM users');
    const res = await t.http
      .post('/api/users')
      .set('authorization', bearer(admin))
      .send({
        email: 'big@pactroom.test',
        name: 'x'.repeat(70_000),
        password: 'a-long-enough-password',
        grants: [{ role: 'admin' }],
      });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual(before);
  });

  it('answers a text body where JSON is expected with 400', async () => {
    const res = await t.http
      .post('/api/users')
      .set('authorization', bearer(admin))
      .set('content-type', 'text/plain')
      .send('hello');
    expect(res.status).toBe(400);
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.http
      .post('/api/users')
      .set('authorization', bearer(admin))
      .set('content-type', 'application/xml')
      .send('<user/>');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('OpenAPI', () => {
  it('documents every route the app serves, with the error body', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(
      res.body.paths as Record<string, Record<string, unknown>>,
    )) {
      for (const method of Object.keys(ops)) {
        documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      }
    }
    const served = new Set(
      [...servedRoutes(t.app)].filter((r) => / \/api\//.test(r) && !/ \/api\/docs/.test(r)),
    );
    // The nested routes are there too, not only the top-level ones.
    expect([...served]).toEqual(
      expect.arrayContaining(['PATCH /api/users/:id', 'POST /api/pacts/:id/sign']),
    );
    expect(served.size).toBeGreaterThan(10);
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect(res.body.components.schemas.ErrorBodyDto.required).toEqual(
      expect.arrayContaining(['code', 'message', 'requestId']),
    );
    const ui = await t.http.get('/api/docs');
    expect(ui.status).toBe(200);
  });
});

describe('configuration', () => {
  it('refuses production without a JWT secret or with a short one', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(
      'PACTROOM_JWT_SECRET is required in production',
    );
    expect(() => parseConfig({ NODE_ENV: 'production', PACTROOM_JWT_SECRET: 'short' })).toThrow(
      'at least 32 characters',
    );
  });

  it('never seeds demo data in production', () => {
    const prod = {
      NODE_ENV: 'production',
      PACTROOM_JWT_SECRET: 'x'.repeat(40),
      PACTROOM_SMTP_URL: 'smtp://mail.example.org:587',
    };
    expect(parseConfig(prod).demo).toBe(false);
    expect(() => parseConfig({ ...prod, PACTROOM_DEMO: 'true' })).toThrow('refused in production');
  });

  it('refuses production without an SMTP server, and a malformed one anywhere', () => {
    const prod = { NODE_ENV: 'production', PACTROOM_JWT_SECRET: 'x'.repeat(40) };
    expect(() => parseConfig(prod)).toThrow('PACTROOM_SMTP_URL is required in production');
    expect(() => parseConfig({ PACTROOM_SMTP_URL: 'mail.example.org' })).toThrow(
      'PACTROOM_SMTP_URL must be an smtp:// or smtps:// URL',
    );
    expect(parseConfig({}).notifications.smtpUrl).toBeUndefined();
  });

  it('lists every problem at once', () => {
    const attempt = () =>
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PACTROOM_DB_POOL_SIZE: '0' });
    for (const name of ['PORT must', 'DATABASE_URL must', 'PACTROOM_DB_POOL_SIZE must']) {
      expect(attempt).toThrow(name);
    }
  });

  it('sizes password hashing from the cores and checks its settings', () => {
    const auth = parseConfig({}).auth;
    expect(auth.hashThreads).toBeGreaterThanOrEqual(1);
    expect(auth.loginsInFlight).toBe(4 * auth.hashThreads);
    expect(auth.hashPriority).toBe('low');
    const attempt = () =>
      parseConfig({
        PACTROOM_HASH_THREADS: '0',
        PACTROOM_LOGINS_IN_FLIGHT: 'many',
        PACTROOM_HASH_PRIORITY: 'realtime',
      });
    for (const problem of [
      'PACTROOM_HASH_THREADS must',
      'PACTROOM_LOGINS_IN_FLIGHT must',
      'PACTROOM_HASH_PRIORITY must be one of low, normal',
    ]) {
      expect(attempt).toThrow(problem);
    }
  });
});
