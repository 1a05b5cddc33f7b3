import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import { EndPactDto } from '../../pacts/dto/pact-commands.dto.js';
import { PactCommandsService } from '../../pacts/pact-commands.service.js';
import { PactRecordsService } from '../../pacts/pact-records.service.js';
import { PactReviewService } from '../../pacts/pact-review.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import { formErrorsOf, type FormErrors } from './admin-forms.js';
import { fieldText, isHtmx, validated } from '../page-input.js';

const PACT_ID = uuidPipe('PACT_NOT_FOUND');
const NOTICES: Readonly<Record<string, string>> = {
  rejected: 'The pact was rejected. Its participants can see your reason.',
};

/**
 * The coordinator's approval queue (with a reject form) and everyone's review of their party's
 * agreements (with audit verification). Approving happens on the pact page.
 */
@ApiExcludeController()
@Controller()
export class QueueReviewController {
  constructor(
    private readonly review: PactReviewService,
    private readonly commands: PactCommandsService,
    private readonly records: PactRecordsService,
  ) {}

  @Page('coordinator')
  @Get('queue')
  async queue(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done?: string,
  ) {
    return this.renderQueue(viewer, request, reply, { notice: NOTICES[done ?? ''] });
  }

  @Page('coordinator')
  @Post('queue/:id/reject')
  async reject(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const reason = fieldText(form, 'reason');
    try {
      const input = await validated({ reason }, EndPactDto);
      await this.commands.rejectPact(viewer, id, input);
    } catch (error) {
      // A refusal (bad reason, someone else acted first, no longer allowed) is said on the form,
      // with its own status; a pact the viewer may not see and any 5xx go to the error page.
      if (error instanceof ApiError && error.status < 500 && error.status !== 404) {
        const errors = formErrorsOf(error, { labels: { reason: 'Reason' } });
        return this.renderQueue(
          viewer,
          request,
          reply,
          { rejecting: { id, reason, errors } },
          error.status,
        );
      }
      throw error;
    }
    return reply.redirect('/queue?done=rejected', 303);
  }

  @Page()
  @Get('review')
  async reviewPage(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const agreements = await this.review.agreements(viewer);
    return renderPage(request, reply, 'review', {
      title: 'Our agreements',
      agreements: agreements.items,
      agreementsCap: agreements.cappedAt,
    });
  }

  /** Verifies a pact's trail; htmx asks for the result alone, a plain form for the whole page. */
  @Page()
  @Post('review/:id/verify')
  async verify(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const verification = await this.records.verifyAuditTrail(viewer, id);
    if (isHtmx(request)) {
      const html = await reply.viewAsync('partials/review-verification.eta', {
        verification,
        pactId: id,
      });
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
    }
    const agreements = await this.review.agreements(viewer);
    return renderPage(request, reply, 'review', {
      title: 'Our agreements',
      agreements: agreements.items,
      agreementsCap: agreements.cappedAt,
      verified: { id, verification },
    });
  }

  private async renderQueue(
    viewer: Principal,
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      notice?: string;
      rejecting?: { id: string; reason: string; errors: FormErrors };
    },
    status = 200,
  ) {
    const [waiting, rejections] = await Promise.all([
      this.review.approvalQueue(viewer),
      this.review.recentRejections(viewer),
    ]);
    // Someone else may have acted first: then the pact has left the list, and the failed form
    // (its reason, its field error) is shown in the summary instead of beside the form.
    const formShown =
      extra.rejecting !== undefined &&
      waiting.items.some((pact) => pact.id === extra.rejecting?.id && pact.canReject);
    return renderPage(
      request,
      reply,
      'queue',
      {
        title: 'Approvals',
        waiting: waiting.items,
        waitingCap: waiting.cappedAt,
        rejections: rejections.items,
        rejectionsCap: rejections.cappedAt,
        ...extra,
        ...(extra.rejecting ? { rejecting: { ...extra.rejecting, formShown } } : {}),
      },
      status,
    );
  }
}
