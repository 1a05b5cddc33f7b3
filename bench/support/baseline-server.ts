// The bare baseline of the API benchmarks: one minimal fastify + `pg` process serving the
// benchmarked routes with the same SQL, the same JWT verification and the same response, and none
// of the framework: no Nest (DI, guards, pipes, interceptors, exception filter), no passport, no
// TypeORM (entity managers, query runners), no class-validator, no pino-http, no swagger.
//
// "Same SQL" is kept literal by calling the app's own query functions (PrincipalLoader, loadPact,
// buildPactView, the list query of PactQueriesService, the login throttle) through a tiny shim that
// hands them a pg pool or a pg client where they expect TypeORM's `query(sql, params)`. The write
// of sign-pact is the bare transaction the issue describes: lock the row, load, insert the
// signature, update the pact, read the chain head, insert the audit event (SHA-256 of canonical
// JSON via chainPactEvent), all with hand-written statements on one pg client.
// The pact impact (a seeded simulated projection of the current revision, part of every pact
// response) is computed by the same use case as the app, so both answer the same body.
//
// Env: DATABASE_URL, PORT, PACTROOM_JWT_SECRET, PACTROOM_DB_POOL_SIZE (default 10, as the app),
// PACTROOM_LOGIN_FAILURES_PER_ACCOUNT / _ATTEMPTS_PER_IP / _WINDOW_SECONDS (as the app).
//
// The helpers live in baseline/: the shim (shim.ts), the token and password checks (auth.ts) and the
// bare writes (rows.ts); this file is the process: its pool, its services and its routes.
import 'reflect-metadata';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';
import {
  canView,
  completesSigning,
  decide,
  expireIfDue,
  isPastRespondBy,
  type Pact,
} from '@pactroom/negotiation';
import { AuthErrors } from '../../apps/api/src/auth/auth.errors.js';
import { LoginThrottleService } from '../../apps/api/src/auth/login-throttle.service.js';
import { PrincipalLoader } from '../../apps/api/src/auth/principal.loader.js';
import { ApiError, CommonErrors } from '../../apps/api/src/common/api-error.js';
import { ContestCache } from '../../apps/api/src/contests/contest-cache.js';
import type { ChangeFeed } from '../../apps/api/src/database/change-feed.js';
import type { ResolvedConfig } from '../../apps/api/src/config/app-config.js';
import { ElectionGeography } from '../../apps/api/src/pacts/election-geography.js';
import { actorOf } from '../../apps/api/src/pacts/pact-commands.service.js';
import { PactQueriesService } from '../../apps/api/src/pacts/pact-queries.service.js';
import {
  loadPact,
  lockSeatsAndLoadOtherPacts,
  pactIsVisible,
} from '../../apps/api/src/pacts/store/index.js';
import { buildPactView } from '../../apps/api/src/pacts/pact-view.js';
import { PactErrors } from '../../apps/api/src/pacts/pacts.errors.js';
import { ProjectionRunner } from '../../apps/api/src/projections/projection-runner.js';
import { ProjectionsService } from '../../apps/api/src/projections/projections.service.js';
import { PactImpactService } from '../../apps/api/src/scenarios/pact-impact.service.js';
import { ScenariosService } from '../../apps/api/src/scenarios/scenarios.service.js';
import { StandingDownService } from '../../apps/api/src/scenarios/standing-down.service.js';
import { ACCESS_TTL_SECONDS, authenticator, bareHasher, signAccessToken } from './baseline/auth.js';
import { appendEvents, insertRefreshToken, saveSignature } from './baseline/rows.js';
import { shim } from './baseline/shim.js';

const env = process.env;
const secret = env.PACTROOM_JWT_SECRET ?? '';
if (!env.DATABASE_URL || secret.length < 32) {
  throw new Error('baseline: DATABASE_URL and PACTROOM_JWT_SECRET (≥ 32 chars) are required');
}
const int = (name: string, fallback: number) => Number(env[name] ?? fallback);

// The app's pool: same size and the same per-connection server timeouts.
const pool = new pg.Pool({
  connectionString: env.DATABASE_URL,
  max: int('PACTROOM_DB_POOL_SIZE', 10),
  statement_timeout: 10_000,
  lock_timeout: 3_000,
  idle_in_transaction_session_timeout: 30_000,
  connectionTimeoutMillis: 5_000,
  application_name: 'pactroom-baseline',
});

const db = shim(pool);

const key = createSecretKey(Buffer.from(secret, 'utf8'));
const principals = new PrincipalLoader(db);
const projections = new ProjectionsService(
  new ProjectionRunner({ projections: { workers: 1, queue: 16, perUser: 2 } } as ResolvedConfig),
  // Only suggestions read local parties, and the baseline serves none.
  undefined as never,
);
// The app's impact use case (the contest's current scenario, the same draws): the same body. Bare,
// it keeps no caches (its principals are loaded per request too): a feed never live reads the
// contest's current scenario on every use.
const noFeed = {
  live: false,
  on() {},
  onAccountChange() {},
  onReset() {},
} as unknown as ChangeFeed;
const impacts = new PactImpactService(
  projections,
  new ScenariosService(db, new ContestCache(noFeed)),
  new StandingDownService(db),
);
const geography = new ElectionGeography();
// Only listPacts is used, which needs neither the commands nor the read cache.
const queries = new PactQueriesService(db, undefined as never, undefined as never);
const config = {
  auth: {
    loginFailuresPerAccount: int('PACTROOM_LOGIN_FAILURES_PER_ACCOUNT', 5),
    loginFailuresPerAccountTotal: int('PACTROOM_LOGIN_FAILURES_PER_ACCOUNT_TOTAL', 100),
    loginAttemptsPerIp: int('PACTROOM_LOGIN_ATTEMPTS_PER_IP', 30),
    loginWindowSeconds: int('PACTROOM_LOGIN_WINDOW_SECONDS', 900),
  },
} as ResolvedConfig;
const throttle = new LoginThrottleService(db, config);
const hasher = bareHasher();
const authenticate = authenticator(key, principals);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function pactId(params: unknown): string {
  const id = (params as { id?: string }).id ?? '';
  if (!UUID.test(id)) {
    throw PactErrors.notFound();
  }
  return id.toLowerCase();
}

const app = Fastify({ logger: false, bodyLimit: 1_048_576 });

app.setErrorHandler((error: unknown, _request: FastifyRequest, reply: FastifyReply) => {
  if (error instanceof ApiError) {
    void reply
      .status(error.status)
      .headers(error.headers ?? {})
      .send({ code: error.code, message: error.message, details: error.details });
    return;
  }
  process.stderr.write(`baseline: ${error instanceof Error ? error.stack : String(error)}\n`);
  void reply.status(500).send({ code: 'INTERNAL', message: 'Internal error.' });
});

app.get('/api/health', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok', database: 'up' };
});

// read-pact: GET /api/pacts/:id — auth, id check, load, visibility, expiry-on-read, view + impact.
app.get('/api/pacts/:id', async (request) => {
  const id = pactId(request.params);
  const principal = await authenticate(request);
  const actor = actorOf(principal);
  const pact = await loadPact(db, id, false);
  if (!pact || !canView(pact, actor)) {
    throw PactErrors.notFound();
  }
  const now = new Date();
  const due = expireIfDue(pact, now);
  if (due.ok && due.changed) {
    // The seeded pacts are never due; the app would expire it in a transaction of its own here.
    throw PactErrors.expired(pact.respondBy);
  }
  return buildPactView(db, pact, actor, now, await impacts.summary(pact));
});

// list-pacts: GET /api/pacts — the same keyset query with the same visibility predicate.
app.get('/api/pacts', async (request) => {
  const principal = await authenticate(request);
  const q = request.query as Record<string, string | undefined>;
  const limit = q.limit === undefined ? undefined : Number(q.limit);
  if (
    (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 200)) ||
    (q.cursor !== undefined && q.cursor.length > 500)
  ) {
    throw CommonErrors.validation([{ field: 'limit', problems: ['invalid'] }]);
  }
  return queries.listPacts(principal, { limit, cursor: q.cursor });
});

const HASH = /^[0-9a-f]{64}$/;

// sign-pact: POST /api/pacts/:id/sign — one bare transaction with the app's statements.
app.post('/api/pacts/:id/sign', async (request, reply) => {
  const id = pactId(request.params);
  const principal = await authenticate(request);
  const body = (request.body ?? {}) as { revision?: unknown; hash?: unknown };
  if (
    typeof body.revision !== 'number' ||
    !Number.isInteger(body.revision) ||
    body.revision < 1 ||
    body.revision > 1_000_000 ||
    typeof body.hash !== 'string' ||
    !HASH.test(body.hash)
  ) {
    throw CommonErrors.validation([{ field: 'revision', problems: ['invalid'] }]);
  }
  const actor = actorOf(principal);
  const now = new Date();
  let signed: Pact;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const tx = shim(client);
    // As the app: visibility first (one look-up), then the lock and the one-query load.
    if (!(await pactIsVisible(tx, principal.grants, id))) {
      throw PactErrors.notFound();
    }
    const pact = await loadPact(tx, id, true);
    if (!pact || !canView(pact, actor)) {
      throw PactErrors.notFound();
    }
    if (isPastRespondBy(pact, now)) {
      throw PactErrors.expired(pact.respondBy);
    }
    const geo = await geography.forElection(pact.election);
    if (!geo) {
      throw PactErrors.electionNotFound(pact.election);
    }
    // The last signature makes the pact hold its seats: the same seat locks and conflict look-up.
    const context = completesSigning(pact)
      ? {
          constituencyRegions: geo.regions,
          otherPacts: await lockSeatsAndLoadOtherPacts(
            tx,
            pact.contest,
            pact.revision.terms.standAsides,
            pact.id,
          ),
        }
      : undefined;
    const decision = decide(
      pact,
      { type: 'sign', revision: body.revision, hash: body.hash, context },
      actor,
      now,
    );
    if (!decision.ok) {
      throw PactErrors.rejected(decision);
    }
    if (decision.changed) {
      await saveSignature(client, pact, decision.pact, now);
      await appendEvents(client, decision.events, principal);
    }
    await client.query('COMMIT');
    signed = decision.pact;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  // As the app: the response's view and impact are built after the commit, with the connection
  // given back — never while holding the pact's row and its seats' locks, nor a second connection
  // (a pool of 10 under 16 concurrent signs would wait on itself).
  const view = await buildPactView(db, signed, actor, now, await impacts.summary(signed));
  return reply.status(200).send(view);
});

// login: POST /api/auth/login — throttle reservation, credentials, argon2id, refund, session, token.
app.post('/api/auth/login', async (request) => {
  const body = (request.body ?? {}) as { email?: unknown; password?: unknown };
  if (
    typeof body.email !== 'string' ||
    body.email.length > 254 ||
    !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email) ||
    typeof body.password !== 'string' ||
    body.password.length < 1 ||
    body.password.length > 200
  ) {
    throw CommonErrors.validation([{ field: 'email', problems: ['invalid'] }]);
  }
  const email = body.email.trim().toLowerCase();
  const reservation = await throttle.reserve(email, request.ip, new Date());
  const { rows } = await pool.query<{ id: string; password_hash: string; disabled: boolean }>(
    'SELECT id, password_hash, disabled_at IS NOT NULL AS disabled FROM users WHERE email = $1',
    [email],
  );
  const account = rows[0];
  const ok = await hasher.verifyOrBurn(account?.password_hash, body.password);
  if (!ok || !account) {
    throw AuthErrors.invalidCredentials();
  }
  await throttle.refund(reservation);
  if (account.disabled) {
    throw AuthErrors.accountDisabled();
  }
  const familyId = randomUUID();
  const tokenId = randomUUID();
  const refreshSecret = randomBytes(32).toString('base64url');
  const now = new Date();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await insertRefreshToken(client, {
      id: tokenId,
      familyId,
      userId: account.id,
      secret: refreshSecret,
      issuedAt: now,
    });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const accessToken = signAccessToken(key, account.id, familyId);
  const user = await pool.query(
    `SELECT u.id, u.email, u.name, u.disabled_at IS NOT NULL AS disabled, u.created_at,
            COALESCE(json_agg(json_build_object('role', g.role, 'party', g.party_code, 'region', g.region_slug,
              'localPartyId', g.local_party_id)) FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
       FROM users u LEFT JOIN grants g ON g.user_id = u.id WHERE u.id = $1 GROUP BY u.id`,
    [account.id],
  );
  return {
    accessToken,
    refreshToken: `${tokenId}.${refreshSecret}`,
    expiresIn: ACCESS_TTL_SECONDS,
    user: user.rows[0] as unknown,
  };
});

const shutdown = () => {
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

// Fill the geography cache before serving. Loaded lazily inside the first sign transactions, it
// would need a second pool connection while each of them holds one: with as many concurrent first
// signs as connections, all wait on the load and the pool times out (the app's ElectionGeography
// has the same cold-start hazard; its warm-up happens to come first).
for (const { code } of (await pool.query<{ code: string }>('SELECT code FROM elections')).rows) {
  await geography.forElection(code);
}
await app.listen({ host: '127.0.0.1', port: Number(env.PORT ?? 3100) });
process.stdout.write(`[baseline] listening on 127.0.0.1:${env.PORT ?? 3100}\n`);
