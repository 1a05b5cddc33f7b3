import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';
import { mapDatabaseError } from './database-errors.js';
import { answerPageError } from '../web/page-errors.js';
import { isPagePath } from '../web/web-setup.js';

/** The error body of API.md. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
}

/** Nest's own HTTP exceptions (e.g. from passport) by status → stable codes. */
const HTTP_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'THROTTLED',
};

/** Fastify's own errors before a route runs (body parsing, limits) → stable codes. */
const FASTIFY_CODES: Readonly<Record<string, [number, string, string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON (application/json).'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    'INVALID_CONTENT_LENGTH',
    'Content-Length does not match the body.',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON', 'The JSON body is empty.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON', 'The body is not valid JSON.'],
};

/**
 * Turns any error into the API's error body and status, so no route answers in another shape.
 * Unknown errors are logged with the request id and answered 500 without their message.
 */
export function toErrorResponse(
  error: unknown,
  requestId: string,
  logger: Logger,
): { status: number; body: ErrorBody; headers?: Readonly<Record<string, string>> } {
  const known = error instanceof ApiError ? error : mapDatabaseError(error);
  if (known) {
    const body: ErrorBody = { code: known.code, message: known.message, requestId };
    if (known.details !== undefined) {
      body.details = known.details;
    }
    return { status: known.status, body, headers: known.headers };
  }
  // Nest wraps Fastify's own pre-route errors (body parsing, limits) in an HttpException whose
  // cause is the Fastify error; map those by their code.
  const cause: unknown = error instanceof HttpException ? error.cause : error;
  const fastifyCode = (cause as { code?: unknown } | null)?.code;
  const mapped = typeof fastifyCode === 'string' ? FASTIFY_CODES[fastifyCode] : undefined;
  if (mapped) {
    return { status: mapped[0], body: { code: mapped[1], message: mapped[2], requestId } };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return {
      status,
      body: { code: HTTP_CODES[status] ?? `HTTP_${status}`, message: error.message, requestId },
    };
  }
  logger.error({ err: error, requestId }, 'unhandled error');
  return {
    status: 500,
    body: { code: 'INTERNAL', message: 'Something went wrong on our side.', requestId },
  };
}

/** The one global exception filter (registered as APP_FILTER). */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (isPagePath(request.url)) {
      // People, not programs: a page answers with a page (the sign-in form, or the error page).
      const map = () => toErrorResponse(exception, request.id, this.logger);
      answerPageError(exception, request, reply, map).catch((error: unknown) => {
        this.logger.error({ err: error, requestId: request.id }, 'error page failed');
        void reply.status(500).type('text/plain; charset=utf-8').send('Something went wrong.');
      });
      return;
    }
    const { status, body, headers } = toErrorResponse(exception, request.id, this.logger);
    if (headers) {
      void reply.headers(headers);
    }
    // A route may have set another content type (the SVG chart); an error is always JSON.
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  }
}
