import { MAX_CANDIDATE_CSV_BYTES } from '@pactroom/compliance';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import {
  clientErrorHandler,
  registerSecurityHeaders,
  serverFactory,
} from './common/http-hygiene.js';
import { ApiError } from './common/api-error.js';
import { parseJsonBody } from './common/json-body.js';
import { createPinoLogger, logRequests, PinoNestLogger } from './common/logging.js';
import type { ResolvedConfig } from './config/app-config.js';
import { ProjectionErrors } from './projections/projections.errors.js';
import { PAGE_PREFIXES, registerWeb } from './web/web-setup.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * A projection's body is its work: 700 stand-asides (every seat, a party or so each) fit in well
 * under this, and a larger body would only cost validation time on the event loop.
 */
const PROJECTION_BODY_LIMIT_BYTES = 128 * 1024;

/**
 * Builds the Fastify-based Nest application: global prefix `/api`, request ids, body limit, OpenAPI,
 * and Fastify's own pre-route errors (bad JSON, body too large) in the API's error shape.
 */
export async function createApp(config: ResolvedConfig): Promise<NestFastifyApplication> {
  const logger = createPinoLogger(config.log);
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    // Reuse a caller's request id when it is sane, so logs can be joined across services.
    genReqId: (req: IncomingMessage) => {
      const header = req.headers['x-request-id'];
      const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
    requestIdHeader: false,
    serverFactory: serverFactory(config.http),
    clientErrorHandler,
    // A hop count as proxy-addr's function form: trust the `hops` nearest addresses.
    trustProxy:
      typeof config.http.trustProxy === 'number'
        ? trustHops(config.http.trustProxy)
        : config.http.trustProxy,
    // Long path parameters reach the route's own pipe (an id that long names nothing: 404).
    routerOptions: { maxParamLength: 1000 },
    // Router-level failures (a malformed URL, an over-long parameter) in the API's error shape.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void reply
        .status(tooLong ? 404 : 400)
        .header('x-request-id', request.id)
        .type('application/json; charset=utf-8')
        .send({
          code: tooLong ? 'ROUTE_NOT_FOUND' : 'INVALID_URL',
          message: tooLong ? 'No such route.' : 'The URL is malformed.',
          requestId: request.id,
        });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    adapter,
    // JSON bodies go through our own parser (limits on depth, text and numbers): json-body.ts.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(new PinoNestLogger(logger));
  await registerSecurityHeaders(app, config.http);
  await registerWeb(app, config);
  // Everything is the JSON API under /api except the pages (web/), served from the site's root.
  app.setGlobalPrefix('api', {
    exclude: ['/', ...PAGE_PREFIXES.flatMap((prefix) => [prefix, `${prefix}/{*rest}`])],
  });

  const fastify = app.getHttpAdapter().getInstance();
  logRequests(fastify, logger);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      if (
        request.url.startsWith('/api/projections') &&
        Buffer.byteLength(body) > PROJECTION_BODY_LIMIT_BYTES
      ) {
        done(ProjectionErrors.bodyTooLarge(PROJECTION_BODY_LIMIT_BYTES), undefined);
        return;
      }
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // Candidate lists (statements of persons nominated) arrive as CSV, larger than JSON bodies may be;
  // only their import route takes text/csv.
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: MAX_CANDIDATE_CSV_BYTES },
    (request, body, done) => {
      if (
        request.method === 'POST' &&
        /^\/api\/contests\/[^/]+\/candidates(\?|$)/.test(request.url)
      ) {
        done(null, body);
        return;
      }
      done(new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON (application/json).'), undefined);
    },
  );
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pactroom API')
      .setDescription(
        'Negotiate, sign and ratify cross-party stand-aside pacts. Errors: {code, message, details?, requestId}.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await app.init();
  await fastify.ready();
  return app;
}

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}
