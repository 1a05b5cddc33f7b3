import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import { actingChoices, mayHaveChoices, parseActingFor } from '../../pacts/acting-choices.js';
import { CounterPactDto } from '../../pacts/dto/pact-commands.dto.js';
import { actorOf } from '../../pacts/pact-commands.service.js';
import type { PactDetailDto } from '../../pacts/dto/pact-response.dto.js';
import { PactCommandsService } from '../../pacts/pact-commands.service.js';
import { PactQueriesService } from '../../pacts/pact-queries.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import {
  instantOfUkLocal,
  readPactForm,
  resolveRows,
  rowsOfTerms,
  termsOf,
  ukLocal,
  withExtraRow,
  type FieldError,
  type PactFormState,
} from './pact-form.js';
import { formErrorsOf, isFormError, positionsOf } from './pact-form-errors.js';
import { PactFormPages, type PactFormModel } from './pact-form-pages.js';
import { validated } from '../page-input.js';

const PACT_ID = uuidPipe('PACT_NOT_FOUND');

/**
 * Countering a pact: the pact form pre-filled with the current terms, sent to counterPact on top
 * of the revision it showed. If someone else moved the pact on meanwhile, the form comes back with
 * the fresh terms and says so.
 */
@ApiExcludeController()
@Controller('pact')
export class PactCounterController {
  constructor(
    private readonly pages: PactFormPages,
    private readonly queries: PactQueriesService,
    private readonly commands: PactCommandsService,
  ) {}

  @Page()
  @Get(':id/counter')
  async form(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const pact = await this.counterable(viewer, id);
    const preview = await this.pages.preview(pact.election, {
      rows: pact.revision.terms.standAsides.map((s, index) => ({ index, ...s })),
      errors: [],
      shown: [],
    });
    return this.render(request, reply, viewer, pact, { form: await this.current(pact), preview });
  }

  @Page()
  @Post(':id/counter')
  async submit(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const pact = await this.counterable(viewer, id);
    // The pact decides the election and the local parties; the form only carries terms.
    const typed = {
      ...readPactForm(body),
      contest: pact.contest,
      election: pact.election,
      localParties: pact.participants.map((p) => p.localPartyId),
    };
    const intent = (body as Record<string, unknown> | undefined)?.intent;
    if (intent === 'add-row' || intent === 'add-commitment') {
      const kind = intent === 'add-row' ? 'stand-aside' : 'commitment';
      return this.render(request, reply, viewer, pact, { form: withExtraRow(typed, kind) });
    }
    const resolved = await resolveRows(
      this.pages.referenceService,
      pact.election,
      typed.standAsides,
    );
    const form = { ...typed, standAsides: resolved.shown };
    if (intent === 'preview') {
      const preview = await this.pages.preview(pact.election, resolved);
      return this.render(request, reply, viewer, pact, { form, preview });
    }
    const positions = positionsOf(form, resolved);
    const errors: FieldError[] = [...resolved.errors];
    let dto: CounterPactDto | undefined;
    try {
      dto = await validated(
        {
          baseRevision: Number(form.baseRevision),
          terms: termsOf(form, resolved),
          // Sent only when moved: the field starts on the pact's respond-by (to the minute).
          ...(form.respondBy !== ukLocal(new Date(pact.respondBy))
            ? { respondBy: instantOfUkLocal(form.respondBy) }
            : {}),
          ...(form.actingFor ? { actingFor: parseActingFor(form.actingFor) } : {}),
        },
        CounterPactDto,
      );
    } catch (error) {
      if (!isFormError(error)) {
        throw error;
      }
      errors.push(...formErrorsOf(error, form, positions));
    }
    if (errors.length > 0 || !dto) {
      return this.render(request, reply, viewer, pact, { form, errors }, 400);
    }
    try {
      await this.commands.counterPact(viewer, id, dto);
      return reply.redirect(`/pact/${id}`, 303);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_REVISION') {
        return this.stale(request, reply, viewer, id, form);
      }
      if (!isFormError(error)) {
        throw error;
      }
      const shown = formErrorsOf(error, form, positions);
      return this.render(request, reply, viewer, pact, { form, errors: shown }, error.status);
    }
  }

  /** Someone countered first: the form again, on the fresh terms, saying what happened. */
  private async stale(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Principal,
    id: string,
    unsent: PactFormState,
  ) {
    const fresh = await this.queries.getPact(viewer, id);
    const message = `Someone changed this pact while you were editing: it is now at revision ${fresh.revision.number}. The form below shows the current terms. Your changes were not sent; they are listed above the form, to make again on these terms.`;
    return this.render(
      request,
      reply,
      viewer,
      fresh,
      { form: await this.current(fresh), errors: [{ field: '', message }], unsent },
      409,
    );
  }

  /** The pact, if the viewer may counter it now (what the service says they may do). */
  private async counterable(viewer: Principal, id: string): Promise<PactDetailDto> {
    const pact = await this.queries.getPact(viewer, id);
    if (!pact.allowedCommands.includes('counter')) {
      throw new ApiError(
        409,
        'WRONG_STATE',
        `You cannot counter this pact now: it is ${pact.status}, or it is not yours to counter.`,
      );
    }
    return pact;
  }

  private async current(pact: PactDetailDto): Promise<PactFormState> {
    const rows = await rowsOfTerms(this.pages.referenceService, pact.election, pact.revision.terms);
    return {
      title: pact.title,
      election: pact.election,
      localParties: pact.participants.map((p) => p.localPartyId),
      ...rows,
      contest: pact.contest,
      respondBy: ukLocal(new Date(pact.respondBy)),
      actingFor: '',
      baseRevision: String(pact.revision.number),
    };
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Principal,
    pact: PactDetailDto,
    model: PactFormModel,
    status = 200,
  ) {
    const view = await this.pages.formView(viewer, model);
    // An officer of two participants (or an HQ) chooses which one counters (the rules' identities).
    const choices = mayHaveChoices(viewer.grants)
      ? actingChoices(
          await this.queries.getVisiblePact(viewer, pact.id),
          ['counter'],
          actorOf(viewer),
          Object.fromEntries(pact.participants.map((p) => [p.localPartyId, p.name])),
        ).counter
      : undefined;
    const contests = view.contests as { id: string; name: string }[];
    return renderPage(
      request,
      reply,
      'pact-form',
      {
        ...view,
        title: `Counter “${pact.title}”`,
        mode: 'counter',
        action: `/pact/${pact.id}/counter`,
        contestName: contests.find((c) => c.id === pact.contest)?.name ?? pact.contest,
        scripts: ['/assets/pact-form.js'],
        actingChoices: choices,
        // Live updates: a change to this pact shows a notice; the form is never swapped.
        livePactId: pact.id,
      },
      status,
    );
  }
}
