// Whole requests for the fuzzer: one documented operation as one caller (path, query, body and
// headers drawn together), stray requests (undocumented methods and paths), bad Authorization.
import fc from 'fast-check';
import type { Operation } from './openapi.js';
import { bodyArb } from './fuzz-bodies.js';
import { toJsonBytes } from './fuzz-json.js';
import type { FuzzTarget } from './fuzz-schema.js';
import { nastyValue } from './fuzz-structures.js';
import { pathArb, queryArb, urlValue, validPathArb } from './fuzz-urls.js';

/** Header values must be latin-1 without controls (except tab), or node refuses to send them. */
export const headerSafe = (value: string): string => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

export interface FuzzRequest {
  readonly pair: number;
  readonly sample: number;
  readonly op: string;
  readonly caller: string;
  readonly mode: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

const idempotencyKey: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', 'a b', 'é', 'k'.repeat(201), 'k'.repeat(5_000), '\t'),
  },
);

const requestId: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('trace-123', 'a b', 'x'.repeat(65), 'é', '../x', '%00'),
  },
);

/** One request to `op` as this caller, with the Authorization header the caller arbitrary gives. */
export function requestArb(
  target: FuzzTarget,
  op: Operation,
  caller: { name: string; authorization: fc.Arbitrary<string | undefined> },
): fc.Arbitrary<Omit<FuzzRequest, 'pair' | 'sample'>> {
  const takesIdempotency = op.headerParams.some((h) => h.name.toLowerCase() === 'idempotency-key');
  return fc
    .record({
      path: pathArb(target, op),
      query: queryArb(target, op),
      body: bodyArb(target, op),
      authorization: caller.authorization,
      idempotencyKey: takesIdempotency ? idempotencyKey : fc.constant(undefined),
      requestId,
    })
    .map(({ path, query, body, authorization, idempotencyKey: key, requestId: rid }) => {
      const headers: Record<string, string> = {};
      if (authorization !== undefined) {
        headers.authorization = headerSafe(authorization);
      }
      if (body.contentType !== undefined) {
        headers['content-type'] = body.contentType;
      }
      if (key !== undefined) {
        headers['idempotency-key'] = headerSafe(key);
      }
      if (rid !== undefined) {
        headers['x-request-id'] = headerSafe(rid);
      }
      return {
        op: op.key,
        caller: caller.name,
        mode: body.mode,
        method: op.method,
        path: `${path}${query}`,
        headers,
        body: body.body,
      };
    });
}

const STRAY_PATHS: readonly string[] = [
  '/',
  '/api',
  '/api/',
  '/api/nowhere',
  '/API/ME',
  '/api/me/',
  '//api//me',
  '/api/../api/me',
  '/api/%2e%2e/api/me',
  '/api/pacts/%2e%2e/users',
  '/api/pacts/00000000-0000-4000-8000-000000000000/nope',
  '/api/users/%00',
  '/api/pacts/%ED%A0%80',
  '/api/elections/%FF/constituencies',
  '/api/me%00',
  '/favicon.ico',
  '/api/docs-json/x',
  `/api/${'a/'.repeat(500)}`,
  // Not the API: web pages, which answer the HTML 404 page (or send signed-out people to sign in).
  '/nowhere',
  '/verify/nope',
  '/pact/00000000-0000-4000-8000-000000000000/nope',
  '/assets/nope.js',
  '/assets/%2e%2e/package.json',
  `/${'a/'.repeat(500)}`,
];

/** Documented paths with undocumented methods, and paths nobody documented. */
export function strayArb(
  target: FuzzTarget,
  ops: readonly Operation[],
  caller: { name: string; authorization: fc.Arbitrary<string | undefined> },
): fc.Arbitrary<Omit<FuzzRequest, 'pair' | 'sample'>> {
  const documented = new Set(ops.map((o) => o.key));
  const wrongMethod = fc
    .tuple(
      fc.constantFrom(...ops),
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    )
    .filter(([op, method]) => !documented.has(`${method} ${op.path}`))
    .chain(([op, method]) => validPathArb(target, op).map((path) => ({ method, path })));
  const unknownPath = fc
    .tuple(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      fc.oneof(
        fc.constantFrom(...STRAY_PATHS),
        fc
          .array(urlValue([], false), { minLength: 1, maxLength: 4 })
          .map((segments) => `/api/${segments.join('/')}`),
      ),
    )
    .map(([method, path]) => ({ method, path }));
  return fc
    .record({
      target: fc.oneof(wrongMethod, unknownPath),
      authorization: caller.authorization,
      body: fc.option(nastyValue, { nil: undefined }),
    })
    .map(({ target: where, authorization, body }) => {
      const headers: Record<string, string> = {};
      if (authorization !== undefined) {
        headers.authorization = headerSafe(authorization);
      }
      const withBody = body !== undefined && where.method !== 'GET';
      if (withBody) {
        headers['content-type'] = 'application/json';
      }
      return {
        op: 'stray',
        caller: caller.name,
        mode: 'stray',
        method: where.method,
        path: where.path,
        headers,
        body: withBody ? toJsonBytes(body) : undefined,
      };
    });
}

/** Malformed Authorization headers. */
export const badAuthorization: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Bearer not.a.jwt',
    'Bearer a.b.c',
    'Bearer ....',
    'Basic YWRtaW46cGFjdHJvb20tZGVtbw==',
    'bearer',
    'Token abc',
    'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    `Bearer ${'a'.repeat(4_000)}`,
    'Bearer \t',
  ),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => `Bearer ${s}`),
);
