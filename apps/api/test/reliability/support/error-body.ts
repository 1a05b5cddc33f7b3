import type { IncomingHttpHeaders } from 'node:http';

/** The statuses API.md allows for an error. */
export const API_ERROR_STATUSES: ReadonlySet<number> = new Set([
  400, 401, 403, 404, 409, 413, 415, 422, 429, 503,
]);

const ERROR_KEYS = new Set(['code', 'message', 'details', 'requestId']);

/** The API.md error body. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
}

/**
 * What is wrong with an error response (empty when nothing): the body must be exactly
 * `{code: /^[A-Z_]+$/, message: string, requestId: string, details?}`, JSON, with the
 * `x-request-id` header equal to `requestId`, and the status one API.md lists.
 */
export function errorBodyProblems(
  status: number,
  headers: IncomingHttpHeaders | Record<string, unknown>,
  text: string,
): string[] {
  const problems: string[] = [];
  if (!API_ERROR_STATUSES.has(status)) {
    problems.push(`status ${status} is not an API.md error status`);
  }
  const contentType = headers['content-type'];
  if (typeof contentType !== 'string' || !contentType.startsWith('application/json')) {
    problems.push(`content-type ${String(contentType)}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `body is not JSON: ${text.slice(0, 200)}`];
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [...problems, `body is not an object: ${text.slice(0, 200)}`];
  }
  const record = body as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => !ERROR_KEYS.has(k));
  if (extra.length > 0) {
    problems.push(`extra keys ${extra.join(', ')}`);
  }
  if (typeof record.code !== 'string' || !/^[A-Z_]+$/.test(record.code)) {
    problems.push(`code ${JSON.stringify(record.code)}`);
  }
  if (typeof record.message !== 'string') {
    problems.push(`message ${JSON.stringify(record.message)}`);
  }
  if (typeof record.requestId !== 'string' || record.requestId === '') {
    problems.push(`requestId ${JSON.stringify(record.requestId)}`);
  } else if (headers['x-request-id'] !== record.requestId) {
    problems.push(
      `x-request-id ${JSON.stringify(headers['x-request-id'])} ≠ requestId ${record.requestId}`,
    );
  }
  return problems;
}

/**
 * Whether a request path belongs to the JSON API. Everything else is a web page, which answers
 * HTML: the app's rule (`isPagePath` in src/web/web-setup.ts), written out here so the test says
 * what it expects instead of trusting the code under test.
 */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/api?');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What is wrong with an error answered on a page path (empty when nothing): HTML error pages, never
 * the API's JSON body. A read of a path nobody serves is the 404 page ("Page not found", the same
 * page as one you may not see); signed-out visitors to a page prefix get a 303 to /sign-in, which
 * is not an error. Any other method is a form post to the pages, so a body that cannot be read is
 * refused first (400, 413, 415 error page) and then the CSRF check refuses it: 403 "This form has
 * expired", which no fuzzed request can pass. The static file server refuses a path climbing out of
 * /assets/ (`/assets/%2e%2e/…`) with 403 "Not allowed".
 */
export function pageErrorProblems(
  method: string,
  path: string,
  status: number,
  headers: IncomingHttpHeaders | Record<string, unknown>,
  text: string,
): string[] {
  const problems: string[] = [];
  const safe = SAFE_METHODS.has(method);
  const allowed = !safe
    ? [400, 403, 404, 413, 415]
    : path.startsWith('/assets/')
      ? [403, 404]
      : [404];
  if (!allowed.includes(status)) {
    problems.push(`status ${status} for ${method} on a page path (expected ${allowed.join('/')})`);
  }
  const contentType = headers['content-type'];
  if (typeof contentType !== 'string' || !contentType.startsWith('text/html')) {
    problems.push(`content-type ${String(contentType)}`);
  }
  const title = /<title>([^<]*) · Pactroom<\/title>/.exec(text)?.[1];
  const expected: Readonly<Record<number, string>> = {
    403: safe ? 'Not allowed' : 'This form has expired',
    404: 'Page not found',
  };
  if (!/^<!doctype html>/i.test(text.trimStart()) || title === undefined) {
    problems.push(`body is not an error page: ${text.slice(0, 200)}`);
  } else if (expected[status] !== undefined && title !== expected[status]) {
    problems.push(`title "${title}" (expected "${expected[status]}")`);
  }
  return problems;
}
