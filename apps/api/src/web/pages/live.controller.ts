import type { OutgoingHttpHeaders } from 'node:http';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { LiveStreams } from '../live-streams.js';
import { sessionInRequest } from '../session-cookie.js';
import { Page, Viewer } from '../web-sessions.js';

/**
 * `GET /live`: the signed-in browser's stream of live updates (Server-Sent Events; see
 * LiveStreams for its events and limits). The page layout opens it with htmx's SSE extension.
 */
@ApiExcludeController()
@Controller('live')
export class LiveController {
  constructor(private readonly live: LiveStreams) {}

  @Page()
  @Get()
  stream(@Viewer() viewer: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const refusal = this.live.refusal(viewer.userId);
    if (refusal) {
      return reply
        .status(refusal.status)
        .header('cache-control', 'no-store')
        .header('retry-after', '30')
        .type('application/json; charset=utf-8')
        .send({ code: refusal.code, message: refusal.message, requestId: request.id });
    }
    // The guard has just checked the session; its expiry ends the stream.
    const expiresAt = (sessionInRequest(request)?.expiresAt ?? 0) * 1000;
    // From here the response is ours to write for as long as the stream lasts (no serializer,
    // no onSend hooks, no request-completed log line).
    reply.hijack();
    this.live.open(viewer, expiresAt, reply.raw, reply.getHeaders() as OutgoingHttpHeaders);
    return undefined;
  }
}
