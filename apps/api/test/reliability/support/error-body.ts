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
