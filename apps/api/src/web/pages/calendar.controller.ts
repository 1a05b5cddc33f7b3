import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import type { FieldProblem } from '../../common/validation.js';
import { ContestsService } from '../../contests/contests.service.js';
import { SetPollingDayDto } from '../../contests/dto/contest.dto.js';
import { renderPage } from '../render.js';
import { fieldText, validated } from '../page-input.js';
import { Page, Viewer } from '../web-sessions.js';

/**
 * The election calendar: every contest a pact can be for, with polling day, the close of
 * nominations and the withdrawal deadline in UK time; an admin sets polling day when an election
 * is called (the same use case as `PUT /api/contests/:id/polling-day`).
 */
@ApiExcludeController()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly contests: ContestsService) {}

  @Page()
  @Get()
  async calendar(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.render(request, reply, viewer, {});
  }

  @Page('admin')
  @Post(':id/polling-day')
  async setPollingDay(
    @Viewer() viewer: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = { pollingDay: fieldText(body, 'pollingDay'), note: fieldText(body, 'note') };
    try {
      const dto = await validated(
        { pollingDay: form.pollingDay, ...(form.note ? { note: form.note } : {}) },
        SetPollingDayDto,
      );
      const contest = await this.contests.setPollingDay(viewer, id, dto);
      return reply.redirect(`/calendar?set=${encodeURIComponent(contest.id)}`, 303);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500 || error.status === 404) {
        throw error;
      }
      const message =
        error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)
          ? (error.details as FieldProblem[]).map((p) => p.problems.join('; ')).join('; ')
          : error.message;
      return this.render(
        request,
        reply,
        viewer,
        { failed: { id, form, message: `Polling day: ${message}` } },
        error.status,
      );
    }
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Principal,
    model: { failed?: { id: string; form: { pollingDay: string; note: string }; message: string } },
    status = 200,
  ) {
    const query = request.query as Record<string, unknown>;
    const contests = await this.contests.listContests();
    return renderPage(
      request,
      reply,
      'calendar',
      {
        title: 'Election calendar',
        contests,
        isAdmin: viewer.grants.some((g) => g.role === 'admin'),
        set: contests.find((c) => c.id === query.set)?.name,
        ...model,
      },
      status,
    );
  }
}
