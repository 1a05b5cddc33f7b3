import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isCertified } from '@pactroom/negotiation';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { clientGone } from '../../common/client-gone.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import { PactQueriesService } from '../../pacts/pact-queries.service.js';
import { PactRecordsService } from '../../pacts/pact-records.service.js';
import { PactPageService } from '../../pacts/pact-page.service.js';
import { PactImpactQueryDto } from '../../pacts/dto/pact-impact.dto.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import { PactPageRenderer } from './pact-page-renderer.js';
import { isHtmx, validated } from '../page-input.js';

const PACT_ID = uuidPipe('PACT_NOT_FOUND');

/** A revision number from a query string, or undefined when absent or not a whole number. */
function revisionParam(value: string | undefined): number | undefined {
  return value !== undefined && /^[1-9][0-9]{0,6}$/.test(value) ? Number(value) : undefined;
}

/**
 * The pact page and what it links to: the chart, the trail's verification, a diff between two
 * revisions, the certificate download. Each maps the request to one use case.
 */
@ApiExcludeController()
@Controller('pact/:id')
export class PactPageController {
  constructor(
    private readonly pages: PactPageService,
    private readonly records: PactRecordsService,
    private readonly queries: PactQueriesService,
    private readonly renderer: PactPageRenderer,
  ) {}

  @Page()
  @Get()
  async pact(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Query('done') done: string | undefined,
    @Query('transfers') transfers: string | undefined,
    @Query('scenario') scenario: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.renderer.render(request, reply, viewer, id, { done, transfers, scenario });
  }

  /**
   * The page's live regions as out-of-band fragments, fetched by htmx when the stream announces a
   * change to this pact (`shown`: the revision whose seat impact the page shows).
   */
  @Page()
  @Get('live')
  async live(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Query('shown') shown: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.pages.pactPage(viewer, id);
    return renderPage(request, reply, 'pact-live', {
      view,
      certified: isCertified(view.pact.status),
      shown: revisionParam(shown),
    });
  }

  @Page()
  @Get('hemicycle.svg')
  async hemicycle(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ) {
    const options = await impactQuery(query);
    const svg = await this.pages.hemicycle(viewer, id, options, clientGone(reply));
    return reply.header('cache-control', 'no-store').type('image/svg+xml; charset=utf-8').send(svg);
  }

  /** Without JavaScript a page of its own; with htmx (HX-Request) only the result, swapped in. */
  @Page()
  @Get('verify')
  async verify(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const verification = await this.records.verifyAuditTrail(viewer, id);
    void reply.header('vary', 'HX-Request');
    if (isHtmx(request)) {
      return renderPage(request, reply, 'partials/pact-verify-result', { verification });
    }
    const pact = await this.queries.getPact(viewer, id);
    return renderPage(request, reply, 'pact-verify', {
      title: `Audit trail check: ${pact.title}`,
      pact,
      verification,
    });
  }

  @Page()
  @Get('revisions')
  async revisions(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Query('from') fromText: string | undefined,
    @Query('to') toText: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const diff = await this.pages.revisionDiff(
      viewer,
      id,
      revisionParam(fromText),
      revisionParam(toText),
    );
    return renderPage(request, reply, 'pact-diff', {
      title: `Revision ${diff.to} against ${diff.from}: ${diff.pact.title}`,
      diff,
    });
  }

  @Page()
  @Get('certificate')
  async certificate(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.pages.certificateFile(viewer, id);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .type('application/json; charset=utf-8')
      .send(file.body);
  }
}

/** The chart's options, checked by the API's own DTO and pipe (same messages). */
async function impactQuery(query: Record<string, unknown>): Promise<PactImpactQueryDto> {
  const plain = {
    ...(typeof query.transfers === 'string' ? { transfers: query.transfers } : {}),
    ...(typeof query.scenario === 'string' && query.scenario !== ''
      ? { scenario: query.scenario }
      : {}),
  };
  return await validated(plain, PactImpactQueryDto, 'query');
}
