import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { STANCES } from '@pactroom/consultation';
import type { PactImpact } from '@pactroom/seat-projection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import { ConsultationsService } from '../../consultations/consultations.service.js';
import {
  OpenConsultationDto,
  StanceDto,
} from '../../consultations/dto/consultation-request.dto.js';
import { ReferenceService } from '../../reference/reference.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import { fieldText, validated } from '../page-input.js';
import { PactPageRenderer } from './pact-page-renderer.js';
import { instantOfUkLocal } from './pact-form.js';

const CONSULTATION_ID = uuidPipe('CONSULTATION_NOT_FOUND');
const PACT_ID = uuidPipe('PACT_NOT_FOUND');

type Form = Record<string, unknown>;

/** A form error: its message, and the field it links to in the error summary. */
export interface FieldError {
  readonly field: string | null;
  readonly message: string;
}

/** What each field needs, in words (the DTOs' own messages would name patterns). */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  stance: 'Your stance: choose agree, abstain, disagree or block.',
  reason: 'Reason: write at most 2,000 characters.',
  scope: 'Who to consult: choose your local parties in the pact or the whole region.',
  closesAt: 'Closing time: give a date and time, in UK time.',
  secret: 'Secret ballot: tick the box or leave it clear.',
  quorum: 'Quorum: give a percentage from 0 to 100.',
  threshold: 'Threshold: give a percentage from 0 to 99.9.',
};

/** The refusal as field errors: a validation failure by field, anything else as its message. */
export function fieldErrors(error: ApiError, fields: readonly string[]): FieldError[] {
  const details = Array.isArray(error.details)
    ? (error.details as Array<{ field?: string; problems?: string[] }>)
    : [];
  if (details.length === 0) {
    return [{ field: null, message: error.message }];
  }
  return details.map((d) => {
    const field = d.field !== undefined && fields.includes(d.field) ? d.field : null;
    const words =
      error.code === 'VALIDATION_FAILED'
        ? (FIELD_WORDS[d.field ?? ''] ?? error.message)
        : error.message;
    return { field, message: words };
  });
}

/** A number typed in a form, or undefined when left empty (the service's default applies). */
function numberField(form: Form, name: string): number | string | undefined {
  const text = fieldText(form, name).trim();
  if (text === '') {
    return undefined;
  }
  return /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : text;
}

/**
 * Members' consultations (issue 15) as pages: the consultation itself (terms, stance form, result),
 * giving a stance, closing it early, and opening one from the pact page. Each maps to one use case
 * of ConsultationsService; refusals come back as form errors in the service's words.
 */
@ApiExcludeController()
@Controller()
export class ConsultationPagesController {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly renderer: PactPageRenderer,
    private readonly reference: ReferenceService,
  ) {}

  @Page()
  @Get('consultation/:id')
  async consultation(
    @Viewer() viewer: Principal,
    @Param('id', CONSULTATION_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const notices: Record<string, string> = {
      stance: 'Your stance is recorded. You can change it until the consultation closes.',
      closed: 'You closed the consultation: its result is published below.',
      opened: 'Your members’ consultation is open.',
    };
    const done = (request.query as Record<string, unknown>).done;
    return this.render(viewer, id, request, reply, {
      notice: typeof done === 'string' ? notices[done] : undefined,
    });
  }

  @Page()
  @Post('consultation/:id/stance')
  async stance(
    @Viewer() viewer: Principal,
    @Param('id', CONSULTATION_ID) id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const stance = fieldText(form, 'stance');
    const reason = fieldText(form, 'reason');
    try {
      const input = await validated(
        { stance, ...(reason.trim() === '' ? {} : { reason }) },
        StanceDto,
      );
      await this.consultations.setStance(viewer, id, input);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 404 || error.status >= 500) {
        throw error;
      }
      const errors = fieldErrors(error, ['stance', 'reason']);
      return this.render(viewer, id, request, reply, { errors, form: { stance, reason } }, 422);
    }
    return reply.redirect(`/consultation/${id}?done=stance`, 303);
  }

  @Page()
  @Post('consultation/:id/close')
  async close(
    @Viewer() viewer: Principal,
    @Param('id', CONSULTATION_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      await this.consultations.close(viewer, id);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 404 || error.status >= 500) {
        throw error;
      }
      return this.render(viewer, id, request, reply, { errors: fieldErrors(error, []) }, 409);
    }
    return reply.redirect(`/consultation/${id}?done=closed`, 303);
  }

  @Page()
  @Post('pact/:id/consult')
  async open(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const typed = {
      scope: fieldText(form, 'scope') || 'local-parties',
      closesAt: fieldText(form, 'closesAt'),
      secret: fieldText(form, 'secret') === 'yes',
      quorum: fieldText(form, 'quorum'),
      threshold: fieldText(form, 'threshold'),
      slot: fieldText(form, 'slot'),
    };
    // A coordinator of several slots of the pact says which one consults (the API's actingFor).
    const [party, region] = typed.slot.split(':');
    const actingFor = party && region ? { actingFor: { party, region } } : {};
    let opened;
    try {
      const input = await validated(
        {
          scope: typed.scope,
          closesAt: instantOfUkLocal(typed.closesAt),
          secret: typed.secret,
          quorum: numberField(form, 'quorum'),
          threshold: numberField(form, 'threshold'),
          ...actingFor,
        },
        OpenConsultationDto,
      );
      opened = await this.consultations.open(viewer, id, input);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 404 || error.status >= 500) {
        throw error;
      }
      const errors = fieldErrors(error, ['scope', 'closesAt', 'quorum', 'threshold']);
      return this.renderer.render(
        request,
        reply,
        viewer,
        id,
        { consult: { errors, form: typed } },
        error.status,
      );
    }
    return reply.redirect(`/consultation/${opened.id}?done=opened`, 303);
  }

  private async render(
    viewer: Principal,
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; errors?: FieldError[]; form?: { stance: string; reason: string } },
    status = 200,
  ) {
    const c = await this.consultations.get(viewer, id);
    const terms = c.terms as {
      standAsides: { party: string; constituency: string; beneficiary: string }[];
      commitments: { party: string; text: string }[];
    };
    const names = await this.reference.constituencyNames(
      c.election,
      terms.standAsides.map((s) => s.constituency),
    );
    const standAsides = terms.standAsides.map((s) => ({
      ...s,
      constituencyName: names.get(s.constituency) ?? s.constituency,
    }));
    // The projected impact of the terms asked about comes with the consultation (members who may
    // not open the pact see it there); shown while members can still answer.
    const impact = c.status === 'open' ? ((c.impact as PactImpact | undefined) ?? null) : null;
    const seesPact = await this.consultations.seesPact(viewer, c.pactId);
    return renderPage(
      request,
      reply,
      'consultation',
      {
        title: `${extra.errors?.length ? 'Error: ' : ''}Members’ consultation: ${c.pactTitle}`,
        c,
        standAsides,
        commitments: terms.commitments,
        impact,
        seesPact,
        stances: STANCES,
        errors: extra.errors ?? [],
        form: extra.form ?? { stance: c.you.stance?.stance ?? '', reason: '' },
        notice: extra.notice,
        scripts: [],
      },
      status,
    );
  }
}
