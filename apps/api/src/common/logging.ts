import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';

// Our own small pino bridge instead of nestjs-pino: nestjs-pino 5 declares Node ≥ 22.12 and 4.x
// does not accept NestJS 12, while we test and support Node 20.19 as well as 24. What we used of it
// fits here: JSON lines with a service name, redacted credentials, one line per request with its id.

/** Nest's own start-up chatter (modules initialised, every route mapped) is debug, not info. */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** Paths whose requests are not logged: load balancers poll health every few seconds. */
const QUIET_PATHS = new Set(['/api/health']);

/** The process's pino logger: JSON lines on stdout, or one pretty line each for people. */
export function createPinoLogger(
  options: { level: string; pretty: boolean },
  destination?: DestinationStream,
): Pino {
  const settings = {
    level: options.level,
    base: { pid: process.pid, service: 'pactroom-api' },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  };
  if (destination) {
    return pino(settings, destination);
  }
  return pino({
    ...settings,
    transport: options.pretty
      ? { target: 'pino-pretty', options: { singleLine: true } }
      : undefined,
  });
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Nest's LoggerService on pino. Nest's `Logger` passes `(message, ...params, context)`; our code
 * logs `logger.error({ err, pactId }, 'what failed')`, so an object message becomes the line's
 * fields and the next string its text (nestjs-pino's convention, kept so call sites did not change).
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    // Every Logger we and Nest create has a context; it comes last.
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? rest.pop() : undefined;
    const quiet =
      level === 'info' && typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context);
    const text = rest.find((p): p is string => typeof p === 'string');
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, text ?? message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[quiet ? 'debug' : level]({ context, ...message }, text);
    } else {
      // Nest's own error calls pass a stack trace as the string after the message.
      const fields =
        level === 'error' && text !== undefined ? { context, stack: text } : { context };
      this.pino[quiet ? 'debug' : level](fields, String(message));
    }
  }
}

/** One line per completed request (method, URL, status, time, request id), as pino-http wrote. */
export function logRequests(fastify: FastifyInstance, logger: Pino): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!QUIET_PATHS.has(request.url.split('?', 1)[0] ?? '')) {
      logger.info(
        {
          req: { id: request.id, method: request.method, url: request.url },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}
