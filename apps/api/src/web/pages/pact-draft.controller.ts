import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { CreatePactDto } from '../../pacts/dto/pact-commands.dto.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import { PactCreationService } from '../../pacts/pact-creation.service.js';
import { PactQueriesService } from '../../pacts/pact-queries.service.js';
import { format } from '../format.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import {
  instantOfUkLocal,
  readPactForm,
  resolveRows,
  rowsOfTerms,
  searchConstituencies,
  termsOf,
  ukLocal,
  withExtraRow,
  type FieldError,
  type PactFormState,
} from './pact-form.js';
import { formErrorsOf, isFormError, positionsOf } from './pact-form-errors.js';
import { PactFormPages, type PactFormModel } from './pact-form-pages.js';
import { validated } from '../page-input.js';

const TWO_WEEKS_MS = 14 * 86_400_000;
const SWAP_LEG = /^([a-z]{2,16}):([ENSW]\d{8}):([a-z]{2,16})$/;

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

const intentOf = (body: unknown): string => {
  const intent = (body as Record<string, unknown> | undefined)?.intent;
  return typeof intent === 'string' ? intent : '';
};

/**
 * Drafting and proposing a pact: the form, constituency search and live preview. Each submit maps
 * the form to the API's CreatePactDto and createPact; the form's own buttons (add a row, preview)
 * re-render it with what was typed.
 */
@ApiExcludeController()
@Controller('pact')
export class PactDraftController {
  constructor(
    private readonly pages: PactFormPages,
    private readonly creation: PactCreationService,
    private readonly queries: PactQueriesService,
  ) {}

  /**
   * _Start again from these terms_ on a pact that ended unagreed: the draft form filled with its
   * election, partners, stand-asides and commitments (posted, so no term travels in a URL).
   */
  @Page('officer', 'national')
  @Post(':id/again')
  @HttpCode(200)
  async again(
    @Viewer() viewer: Principal,
    @Param('id', uuidPipe('PACT_NOT_FOUND')) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const pact = await this.queries.getPact(viewer, id);
    const rows = await rowsOfTerms(this.pages.referenceService, pact.election, pact.revision.terms);
    const form: PactFormState = {
      title: pact.title,
      contest: pact.contest,
      election: pact.election,
      localParties: pact.participants.map((p) => p.localPartyId),
      ...rows,
      respondBy: ukLocal(new Date(Date.now() + TWO_WEEKS_MS)),
      actingFor: '',
      baseRevision: '',
    };
    const notice = `Started again from “${pact.title}”: check the terms and the respond-by, then propose.`;
    return this.render(request, reply, viewer, { form, notice });
  }

  /**
   * The empty form, or one pre-filled from a suggestion (`?contest=&sa=ld:E14000735:lab&partner=`;
   * an older link's `?election=` means the contest it is the baseline of).
   */
  @Page('officer', 'national')
  @Get('new')
  async form(
    @Viewer() viewer: Principal,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { contest, election } = await this.pages.contestOf(
      asList(query.contest)[0] ?? '',
      asList(query.election)[0] ?? '',
    );
    const legs = asList(query.sa).flatMap((leg) => {
      const m = SWAP_LEG.exec(leg);
      return m ? [{ party: m[1] ?? '', constituency: m[2] ?? '', beneficiary: m[3] ?? '' }] : [];
    });
    const rows = await rowsOfTerms(this.pages.referenceService, election, {
      standAsides: legs,
      commitments: [],
    });
    const form: PactFormState = {
      title: typeof query.title === 'string' ? query.title.slice(0, 200) : '',
      contest,
      election,
      localParties: asList(query.partner),
      ...rows,
      respondBy: ukLocal(new Date(Date.now() + TWO_WEEKS_MS)),
      actingFor: '',
      baseRevision: '',
    };
    return this.render(request, reply, viewer, {
      form,
      preview:
        legs.length > 0
          ? await this.pages.preview(election, {
              rows: legs.map((leg, index) => ({ index, ...leg })),
              errors: [],
              shown: [],
            })
          : undefined,
      notice: legs.length > 0 ? await this.swapNotice(viewer, form, legs) : undefined,
    });
  }

  /**
   * What a draft pre-filled from a swap chose, and which seat (if any) no chosen local party of
   * the party standing aside covers — such a pact cannot be proposed until one takes part.
   */
  private async swapNotice(
    viewer: Principal,
    form: PactFormState,
    legs: readonly { party: string; constituency: string }[],
  ): Promise<string> {
    const chosen = new Set([...(await this.pages.ownLocalParties(viewer)), ...form.localParties]);
    const localParties = (await this.pages.allLocalParties()).filter((lp) => chosen.has(lp.id));
    const uncovered = legs.flatMap((leg, i) =>
      localParties.some(
        (lp) => lp.party === leg.party && lp.constituencies.includes(leg.constituency),
      )
        ? []
        : [
            `${format.party(leg.party)} in ${form.standAsides[i]?.constituency ?? leg.constituency}`,
          ],
    );
    const base =
      'Pre-filled from a suggested swap: its two stand-asides, and as partners the local parties of the parties standing aside that cover those seats. Check them before you propose.';
    return uncovered.length === 0
      ? base
      : `${base} No local party was found for ${uncovered.join(' or ')}: a pact needs one to take part for each party standing aside.`;
  }

  @Page('officer', 'national')
  @Post('new')
  async submit(
    @Viewer() viewer: Principal,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const own = await this.pages.ownLocalParties(viewer);
    const posted = readPactForm(body);
    const typed = { ...posted, ...(await this.pages.contestOf(posted.contest, posted.election)) };
    const intent = intentOf(body);
    if (intent === 'add-row' || intent === 'add-commitment') {
      const kind = intent === 'add-row' ? 'stand-aside' : 'commitment';
      return this.render(request, reply, viewer, { form: withExtraRow(typed, kind) });
    }
    const reference = this.pages.referenceService;
    const resolved = await resolveRows(reference, typed.election, typed.standAsides);
    const form = { ...typed, standAsides: resolved.shown };
    if (intent === 'preview') {
      const preview = await this.pages.preview(form.election, resolved);
      return this.render(request, reply, viewer, { form, preview });
    }
    const actingFor = own.length === 1 ? own[0] : form.actingFor || undefined;
    const plain = {
      title: form.title,
      contest: form.contest,
      localParties: [...new Set([...(actingFor ? [actingFor] : []), ...form.localParties])],
      terms: termsOf(form, resolved),
      respondBy: instantOfUkLocal(form.respondBy),
      propose: intent === 'propose',
      ...(own.length > 1 && actingFor ? { actingFor } : {}),
    };
    const positions = positionsOf(form, resolved);
    const errors: FieldError[] = [...resolved.errors];
    let dto: CreatePactDto | undefined;
    try {
      dto = await validated(plain, CreatePactDto);
    } catch (error) {
      if (!isFormError(error)) {
        throw error;
      }
      errors.push(...formErrorsOf(error, form, positions));
    }
    if (own.length > 1 && !actingFor) {
      errors.push({
        field: 'actingFor',
        message: 'Your local party: choose which one you act for',
      });
    }
    if (errors.length > 0 || !dto) {
      return this.render(request, reply, viewer, { form, errors }, 400);
    }
    try {
      const pact = await this.creation.createPact(viewer, dto);
      return reply.redirect(`/pact/${pact.id}`, 303);
    } catch (error) {
      if (!isFormError(error)) {
        throw error;
      }
      const shown = formErrorsOf(error, form, positions);
      return this.render(request, reply, viewer, { form, errors: shown }, error.status);
    }
  }

  /** Search matches for one stand-aside row, as an HTML fragment for htmx. */
  @Page()
  @Get('constituencies')
  async constituencies(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const text = (key: string) => asList(query[key])[0] ?? '';
    const q = (text('q') || text('saConstituency')).trim().slice(0, 100);
    const row = /^\d{1,2}$/.test(text('row')) ? text('row') : '0';
    // The draft form sends its contest, the counter form its pact's result set.
    const { election } = await this.pages.contestOf(text('contest'), text('election'));
    const matches = await searchConstituencies(this.pages.referenceService, election, q, 12);
    return this.fragment(reply, 'partials/constituency-matches', { q, row, matches });
  }

  /** The live preview: the projected impact of the form's stand-asides, as an HTML fragment. */
  @Page()
  @Post('preview')
  @HttpCode(200)
  async preview(@Body() body: unknown, @Res() reply: FastifyReply) {
    const posted = readPactForm(body);
    const form = { ...posted, ...(await this.pages.contestOf(posted.contest, posted.election)) };
    const resolved = await resolveRows(
      this.pages.referenceService,
      form.election,
      form.standAsides,
    );
    const preview = await this.pages.preview(form.election, resolved);
    return this.fragment(reply, 'partials/pact-preview', { preview });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Principal,
    model: PactFormModel,
    status = 200,
  ) {
    const view = await this.pages.formView(viewer, model);
    return renderPage(
      request,
      reply,
      'pact-form',
      {
        ...view,
        title: 'Draft a pact',
        mode: 'new',
        action: '/pact/new',
        scripts: ['/assets/pact-form.js'],
      },
      status,
    );
  }

  private async fragment(reply: FastifyReply, template: string, model: Record<string, unknown>) {
    const html = await reply.viewAsync(`${template}.eta`, { ...model, fmt: format });
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  }
}
