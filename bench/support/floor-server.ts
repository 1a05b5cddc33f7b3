// The floor for a read on this machine (bench entry `read-pact-floor`): bare fastify + pg that
// verifies the same JWT as the app (HS256, issuer, audience, the claims' shape) and answers the
// app's own body for the pact, stored beforehand in `bench_floor_bodies`, from one primary-key
// look-up. No principal, no visibility, no view: what any server must at least do for
// GET /api/pacts/:id. Started by bench/api/lab.ts with DATABASE_URL, PORT and PACTROOM_JWT_SECRET.
import { createSecretKey } from 'node:crypto';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { JWT_AUDIENCE, JWT_ISSUER } from '../../apps/api/src/auth/token.service.js';

const env = process.env;
const secret = env.PACTROOM_JWT_SECRET ?? '';
if (!env.DATABASE_URL || secret.length < 32) {
  throw new Error('floor: DATABASE_URL and PACTROOM_JWT_SECRET (≥ 32 chars) are required');
}
const pool = new pg.Pool({
  connectionString: env.DATABASE_URL,
  max: Number(env.PACTROOM_DB_POOL_SIZE ?? 10),
  application_name: 'pactroom-floor',
});
const key = createSecretKey(Buffer.from(secret, 'utf8'));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLAIM_ID = /^[0-9a-f-]{36}$/;
const BEARER = /^\s*bearer\s+(\S+)\s*$/i;

const app = Fastify({ logger: false });

app.get('/api/health', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok' };
});

app.get('/api/pacts/:id', async (request, reply) => {
  const id = (request.params as { id?: string }).id ?? '';
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  let claims: jwt.JwtPayload | undefined;
  try {
    claims = token
      ? (jwt.verify(token, key, {
          algorithms: ['HS256'],
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
        }) as jwt.JwtPayload)
      : undefined;
  } catch {
    claims = undefined;
  }
  const sub: unknown = claims?.sub;
  const sid: unknown = claims?.sid;
  if (
    typeof sub !== 'string' ||
    typeof sid !== 'string' ||
    !CLAIM_ID.test(sub) ||
    !CLAIM_ID.test(sid)
  ) {
    return reply.status(401).send({ code: 'INVALID_TOKEN' });
  }
  if (!UUID.test(id)) {
    return reply.status(404).send({ code: 'PACT_NOT_FOUND' });
  }
  const { rows } = await pool.query<{ body: string }>(
    'SELECT body FROM bench_floor_bodies WHERE id = $1',
    [id],
  );
  const body = rows[0]?.body;
  if (body === undefined) {
    return reply.status(404).send({ code: 'PACT_NOT_FOUND' });
  }
  return reply.type('application/json; charset=utf-8').send(body);
});

await app.listen({ host: '127.0.0.1', port: Number(env.PORT ?? 3200) });
process.stdout.write(`[floor] listening on 127.0.0.1:${env.PORT ?? 3200}\n`);
