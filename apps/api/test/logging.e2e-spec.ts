import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import Fastify from 'fastify';
import { describe, expect, it } from '@jest/globals';
import { createPinoLogger, logRequests, PinoNestLogger } from '../src/common/logging.js';

// The log lines operators and the reliability suite read (it counts `err` entries as the evidence
// behind a 500): our pino bridge must keep the fields where nestjs-pino put them.

type Line = Record<string, unknown> & { level: number; msg?: string; context?: string };

function capture(level = 'info') {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(JSON.parse(text) as Line);
      }
      done();
    },
  });
  return { pino: createPinoLogger({ level, pretty: false }, sink), lines };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('PinoNestLogger through Nest Logger instances', () => {
  it('turns an object message into fields, the next string into the text, with the context', async () => {
    const { pino, lines } = capture();
    const nest = new PinoNestLogger(pino);
    Logger.overrideLogger(nest);
    const error = Object.assign(new Error('connection lost'), { code: 'ECONNRESET' });
    new Logger('PactCommandsService').error({ err: error, pactId: 'p-1' }, 'checkpoint failed');
    new Logger('CheckpointService').log('checkpoint 3: 12 chains');
    await flush();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'checkpoint failed',
      context: 'PactCommandsService',
      pactId: 'p-1',
      service: 'pactroom-api',
      err: { type: 'Error', message: 'connection lost', code: 'ECONNRESET' },
    });
    expect(lines[1]).toMatchObject({
      level: 30,
      msg: 'checkpoint 3: 12 chains',
      context: 'CheckpointService',
    });
  });

  it("keeps a stack passed by Nest's own error calls, and an Error message as err", async () => {
    const { pino, lines } = capture();
    const nest = new PinoNestLogger(pino);
    nest.error('boom', 'Error: boom\n    at somewhere', 'ExceptionHandler');
    nest.error(new Error('thrown'), 'ExceptionsZone');
    await flush();
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'boom',
      context: 'ExceptionHandler',
      stack: 'Error: boom\n    at somewhere',
    });
    expect(lines[1]).toMatchObject({
      level: 50,
      msg: 'thrown',
      context: 'ExceptionsZone',
      err: { message: 'thrown' },
    });
  });

  it("demotes Nest's start-up chatter to debug and keeps everything else at its level", async () => {
    const { pino, lines } = capture('info');
    const nest = new PinoNestLogger(pino);
    nest.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.warn('hashing thread priority unchanged', 'HashWorkers');
    await flush();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([[40, 'hashing thread priority unchanged']]);
  });
});

describe('logRequests', () => {
  it('writes one line per request with its id and status, none for health checks', async () => {
    const { pino, lines } = capture();
    const fastify = Fastify({ genReqId: () => 'req-1' });
    logRequests(fastify, pino);
    fastify.get('/api/health', () => ({ ok: true }));
    fastify.get('/api/pacts/:id', (_req, reply) =>
      reply.status(404).send({ code: 'PACT_NOT_FOUND' }),
    );
    await fastify.inject({ method: 'GET', url: '/api/health' });
    await fastify.inject({ method: 'GET', url: '/api/health?probe=1' });
    await fastify.inject({
      method: 'GET',
      url: '/api/pacts/x?limit=1',
      headers: { authorization: 'Bearer secret' },
    });
    await fastify.close();
    await flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      req: { id: 'req-1', method: 'GET', url: '/api/pacts/x?limit=1' },
      res: { statusCode: 404 },
    });
    expect(typeof lines[0]?.responseTime).toBe('number');
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });
});
