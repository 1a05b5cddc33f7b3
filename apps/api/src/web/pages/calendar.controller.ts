import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import type { FieldProblem } from '../../common/validation.js';
import { ComplianceService } from '../../compliance/compliance.service.js';
import type { CandidateImportDto } from '../../compliance/dto/compliance.dto.js';
import { ContestsService } from '../../contests/contests.service.js';
import { electionDataDir } from '../../reference/election-files.js';
import { SetPollingDayDto } from '../../contests/dto/contest.dto.js';
import { ScenariosService } from '../../scenarios/scenarios.service.js';
import { renderPage } from '../render.js';
import { fieldText, validated } from '../page-input.js';
import { Page, Viewer } from '../web-sessions.js';

/**
 * The election calendar: every contest a pact can be for, with polling day, the close of
 * nominations and the withdrawal deadline in UK time; an admin sets polling day when an election
 * is called (the same use case as `PUT /api/contests/:id/polling-day`).
 */
/** The shipped list of who stood at a past general election (`geYYYY_candidates.csv`), if any. */
function shippedCandidates(contest: string): string | undefined {
  if (!/^ge\d{4}$/.test(contest)) {
    return undefined;
  }
  const file = join(electionDataDir(), `${contest}_candidates.csv`);
  return existsSync(file) ? file : undefined;
}

@ApiExcludeController()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly contests: ContestsService,
    private readonly compliance: ComplianceService,
    private readonly scenarios: ScenariosService,
  ) {}

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

  /**
   * An admin imports who was nominated: pasted CSV (Democracy Club's layout or ours), or for a
   * past election the shipped list of who actually stood. The answer says what was read and which
   * ratified pacts were checked again.
   */
  @Page('admin')
  @Post(':id/candidates')
  async importCandidates(
    @Viewer() viewer: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const file = fieldText(body, 'shipped') === 'yes' ? shippedCandidates(id) : undefined;
    const shipped = file
      ? { csv: await readFile(file, 'utf8'), source: `shipped ${basename(file)}` }
      : undefined;
    const csv = shipped?.csv ?? fieldText(body, 'csv');
    try {
      const imported = await this.compliance.importCandidates(
        viewer,
        id,
        csv,
        shipped?.source ?? 'pasted on the election calendar',
      );
      return await this.render(request, reply, viewer, { imported });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500 || error.status === 404) {
        throw error;
      }
      return this.render(
        request,
        reply,
        viewer,
        { failedImport: { id, csv: shipped ? '' : csv, message: `Candidates: ${error.message}` } },
        error.status,
      );
    }
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Principal,
    model: {
      failed?: { id: string; form: { pollingDay: string; note: string }; message: string };
      failedImport?: { id: string; csv: string; message: string };
      imported?: CandidateImportDto;
    },
    status = 200,
  ) {
    const query = request.query as Record<string, unknown>;
    const contests = await this.contests.listContests();
    // What each contest's pacts are projected on (issue 16): public, like the polls themselves.
    const scenarios = await Promise.all(contests.map((c) => this.scenarios.currentOf(c.id)));
    return renderPage(
      request,
      reply,
      'calendar',
      {
        title: 'Election calendar',
        contests,
        isAdmin: viewer.grants.some((g) => g.role === 'admin'),
        set: contests.find((c) => c.id === query.set)?.name,
        scenarios: Object.fromEntries(contests.map((c, i) => [c.id, scenarios[i] ?? null])),
        shipped: Object.fromEntries(
          contests.map((c) => [c.id, shippedCandidates(c.id) !== undefined]),
        ),
        ...model,
      },
      status,
    );
  }
}
