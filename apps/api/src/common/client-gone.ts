import type { FastifyReply } from 'fastify';

/**
 * A signal aborted when the client goes away before its answer is sent, so work done only for that
 * answer (a queued or running projection) can be dropped instead of finished for nobody.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) {
      controller.abort();
    }
  });
  return controller.signal;
}
