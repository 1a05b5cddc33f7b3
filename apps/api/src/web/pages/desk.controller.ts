import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ConsultationsService } from '../../consultations/consultations.service.js';
import { PactDeskService } from '../../pacts/pact-desk.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';

/** My desk, the home page: what waits for me, my other open pacts, what last happened. */
@ApiExcludeController()
@Controller()
export class DeskController {
  constructor(
    private readonly desks: PactDeskService,
    private readonly consultations: ConsultationsService,
  ) {}

  @Page()
  @Get()
  async desk(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const [desk, consultations] = await Promise.all([
      this.desks.desk(viewer),
      this.consultations.openForMember(viewer),
    ]);
    return renderPage(request, reply, 'desk', {
      title: 'My desk',
      desk,
      consultations,
      now: new Date(),
    });
  }

  /** The desk's lists as out-of-band fragments, fetched by htmx when the stream announces a change. */
  @Page()
  @Get('live/desk')
  async live(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const desk = await this.desks.desk(viewer);
    return renderPage(request, reply, 'desk-live', { desk, now: new Date() });
  }
}
