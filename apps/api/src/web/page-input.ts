import type { FastifyRequest } from 'fastify';
import { createValidationPipe } from '../common/validation.js';

/** The API's own pipe: a page's input is checked by the same DTO rules, with the same messages. */
const pipe = createValidationPipe();

/** `plain` checked and transformed into `metatype`, or an ApiError VALIDATION_FAILED. */
export async function validated<T>(
  plain: object,
  metatype: new () => T,
  type: 'body' | 'query' = 'body',
): Promise<T> {
  return (await pipe.transform(plain, { type, metatype })) as T;
}

/** A form field as text ('' when absent or not a single string). */
export function fieldText(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

/** An htmx request: it wants a fragment to swap in, not a whole page. */
export const isHtmx = (request: FastifyRequest): boolean =>
  request.headers['hx-request'] === 'true';
