import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ELECTIONS, PARTIES, REGIONS } from '@pactroom/election-data';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import type { FieldProblem } from '../../common/validation.js';
import { ContestsService } from '../../contests/contests.service.js';
import { CreateScenarioDto, SetContestScenarioDto } from '../../scenarios/dto/scenario.dto.js';
import { ScenariosService } from '../../scenarios/scenarios.service.js';
import { fieldText, validated } from '../page-input.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import {
  EMPTY_FORM,
  FORM_PARTIES,
  scenarioBody,
  scenarioErrorsOf,
  scenarioFormOf,
  type ScenarioForm,
  type ScenarioFormErrors,
} from './scenario-form.js';

interface PageState {
  form?: ScenarioForm;
  errors?: ScenarioFormErrors;
  /** A refused "current scenario" form: the contest and why. */
  contestError?: { contest: string; message: string };
}

/**
 * Swing scenarios for admins (issue 16): publish one (the same use case and checks as
 * `POST /api/scenarios`) and choose each contest's current scenario (`PUT
 * /api/contests/:id/scenario`). Published scenarios are listed, never edited.
 */
@ApiExcludeController()
@Controller('admin/scenarios')
export class AdminScenariosController {
  constructor(
    private readonly scenarios: ScenariosService,
    private readonly contests: ContestsService,
  ) {}

  @Page('admin')
  @Get()
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.render(request, reply, {});
  }

  @Page('admin')
  @Post()
  async publish(
    @Viewer() viewer: Principal,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = scenarioFormOf(body);
    const read = scenarioBody(form);
    if (!read.ok) {
      return this.render(request, reply, { form, errors: read.errors }, 400);
    }
    try {
      const dto = await validated(read.body, CreateScenarioDto);
      const scenario = await this.scenarios.publish(viewer, dto);
      return reply.redirect(`/admin/scenarios?published=${scenario.id}`, 303);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) {
        throw error;
      }
      return this.render(request, reply, { form, errors: scenarioErrorsOf(error) }, error.status);
    }
  }

  @Page('admin')
  @Post('contest/:id')
  async setCurrent(
    @Viewer() viewer: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const chosen = fieldText(body, 'scenario');
    try {
      const dto = await validated(
        { scenario: chosen === 'none' ? null : chosen, note: fieldText(body, 'note') || undefined },
        SetContestScenarioDto,
      );
      await this.scenarios.setContestScenario(viewer, id, dto);
      return reply.redirect(`/admin/scenarios?set=${encodeURIComponent(id)}`, 303);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500 || error.status === 404) {
        throw error;
      }
      const details = Array.isArray(error.details) ? (error.details as FieldProblem[]) : [];
      const message =
        details.length > 0 ? details.flatMap((d) => d.problems).join('; ') : error.message;
      return this.render(request, reply, { contestError: { contest: id, message } }, error.status);
    }
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    state: PageState,
    status = 200,
  ) {
    const query = request.query as Record<string, unknown>;
    const [scenarios, contests] = await Promise.all([
      this.scenarios.list(),
      this.contests.listContests(),
    ]);
    const current = await Promise.all(
      contests.map(async (c) => [c.id, await this.scenarios.currentOf(c.id)] as const),
    );
    const published = scenarios.find((s) => s.id === query.published);
    const set = contests.find((c) => c.id === query.set);
    return renderPage(
      request,
      reply,
      'admin-scenarios',
      {
        title: 'Swing scenarios',
        scenarios,
        contests,
        current: Object.fromEntries(current),
        elections: ELECTIONS,
        parties: FORM_PARTIES.map((code) => ({
          code,
          name: PARTIES.find((p) => p.code === code)?.name ?? code,
        })),
        regions: REGIONS,
        form: state.form ?? EMPTY_FORM,
        errors: state.errors ?? {},
        contestError: state.contestError,
        notice: published
          ? `Published “${published.name}”. Set it as a contest’s current scenario below to use it on pact pages.`
          : set
            ? `Current scenario of the ${set.name} saved: its pacts’ impacts now use it.`
            : undefined,
      },
      status,
    );
  }
}
