import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { canonicalJson } from '@pactroom/audit-chain';
import type { EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity.js';
import { PactErrors } from './pacts.errors.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** A request's idempotency identity: who, which key, and a hash of what was asked. */
export interface IdempotentRequest {
  readonly userId: string;
  readonly key: string;
  readonly requestHash: string;
}

/** Reads the `Idempotency-Key` header; undefined when absent, 400 when malformed. */
export function idempotentRequest(
  userId: string,
  header: string | undefined,
  method: string,
  path: string,
  body: unknown,
): IdempotentRequest | undefined {
  if (header === undefined) {
    return undefined;
  }
  if (!KEY.test(header)) {
    throw PactErrors.invalidIdempotencyKey();
  }
  // A form-encoded body comes from its parser (fast-querystring) as an object of its own
  // prototype-less class: it is hashed as the plain object it stands for (its values are strings
  // and lists of strings). JSON bodies are plain already.
  const plain =
    body !== null &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    Object.getPrototypeOf(body) !== Object.prototype
      ? { ...body }
      : body;
  const requestHash = createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(plain ?? {})}`)
    .digest('hex');
  return { userId, key: header, requestHash };
}

/**
 * Claims the key inside the command's transaction, or returns the stored response of the request
 * that claimed it first. A concurrent duplicate's INSERT waits on the primary key until the first
 * transaction ends: after a commit it finds the stored response; after a rollback it claims the key.
 */
export async function claimOrReplay(
  manager: EntityManager,
  request: IdempotentRequest,
): Promise<unknown> {
  const claimed: unknown[] = await manager.query(
    `INSERT INTO idempotency_keys (user_id, key, request_hash, created_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
    [request.userId, request.key, request.requestHash],
  );
  if (claimed.length > 0) {
    return undefined;
  }
  const stored = await manager.findOneOrFail(IdempotencyKeyEntity, {
    where: { userId: request.userId, key: request.key },
  });
  if (stored.requestHash !== request.requestHash) {
    throw PactErrors.idempotencyKeyReused();
  }
  return stored.response;
}

/** Stores the response under the claimed key, in the same transaction as the change. */
export async function storeResponse(
  manager: EntityManager,
  request: IdempotentRequest,
  status: number,
  response: unknown,
): Promise<void> {
  await manager.query(
    'UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2',
    [request.userId, request.key, status, JSON.stringify(response)],
  );
}

/**
 * The request's idempotency identity (undefined without an `Idempotency-Key` header): the caller,
 * the key, and a hash of method, path and the raw JSON body as sent.
 */
export const Idempotency = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): IdempotentRequest | undefined => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const header = request.headers['idempotency-key'];
    if (!request.user) {
      throw new Error('Idempotency used on a public route');
    }
    return idempotentRequest(
      request.user.userId,
      typeof header === 'string' ? header : undefined,
      request.method,
      request.url,
      request.body,
    );
  },
);
