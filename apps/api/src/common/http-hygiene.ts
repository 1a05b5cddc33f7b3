import { randomUUID } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config.js';

type HttpSettings = AppConfig['http'];

/**
 * The HTTP server, made by us so its limits are set where Node reads them: a request must arrive
 * within `requestTimeoutMs` (headers within `headersTimeoutMs`), so a body trickled at a byte every
 * few seconds is cut off; the timeouts are checked every second (Node's default is every 30 s);
 * and connections beyond `maxConnections` are dropped before any work.
 */
export function serverFactory(http: HttpSettings): (handler: RequestListener) => Server {
  return (handler) => {
    const server = createServer(
      {
        requestTimeout: http.requestTimeoutMs,
        headersTimeout: Math.min(http.headersTimeoutMs, http.requestTimeoutMs),
        connectionsCheckingInterval: Math.min(1_000, http.headersTimeoutMs),
      },
      handler,
    );
    server.maxConnections = http.maxConnections;
    return server;
  };
}

const CLIENT_ERRORS: Readonly<Record<string, [number, string, string, string]>> = {
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'REQUEST_TIMEOUT',
    'The request took too long to arrive.',
  ],
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'HEADERS_TOO_LARGE',
    'The request headers are too large.',
  ],
};

/**
 * What Node's own HTTP parser refuses (a malformed request line, bad headers, a request that took
 * too long) never reaches a route: answer it in the API's error shape, then close the connection.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  const [status, text, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'BAD_REQUEST',
    'The request could not be parsed as HTTP.',
  ];
  if (socket.writable) {
    const requestId = randomUUID();
    const body = JSON.stringify({ code, message, requestId });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Security headers on every answer (helmet): no MIME sniffing, no referrer, no framing, a strict
 * Content-Security-Policy (the docs page loads its own scripts and styles only; Swagger UI needs
 * inline styles and `data:` images), HSTS when configured for TLS. API answers carry private data,
 * so none may be cached (`no-store`: tokens included).
 */
export async function registerSecurityHeaders(
  app: NestFastifyApplication,
  http: HttpSettings,
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts:
      http.hstsMaxAgeSeconds > 0
        ? { maxAge: http.hstsMaxAgeSeconds, includeSubDomains: true }
        : false,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) {
        void reply.header('cache-control', 'no-store');
      }
      done(null, payload);
    });
}
