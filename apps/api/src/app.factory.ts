import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { ResolvedConfig } from './config/app-config.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Builds the Fastify-based Nest application: global prefix `/api`, request ids, body limit, OpenAPI,
 * and Fastify's own pre-route errors (bad JSON, body too large) in the API's error shape.
 */
export async function createApp(config: ResolvedConfig): Promise<NestFastifyApplication> {
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
    trustProxy: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    adapter,
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');

  const fastify = app.getHttpAdapter().getInstance();
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
