import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import { parseActingFor } from '../../pacts/acting-choices.js';
import {
  ApproveRevisionDto,
  EndPactDto,
  ProposePactDto,
  SignRevisionDto,
} from '../../pacts/dto/pact-commands.dto.js';
import { ConsultationsService } from '../../consultations/consultations.service.js';
import { PactCommandsService } from '../../pacts/pact-commands.service.js';
import { PactPageService } from '../../pacts/pact-page.service.js';
import { PactQueriesService } from '../../pacts/pact-queries.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import { PactPageRenderer } from './pact-page-renderer.js';
import { fieldText, validated } from '../page-input.js';

const PACT_ID = uuidPipe('PACT_NOT_FOUND');

type Form = Record<string, unknown>;
type AcceptCommand = 'sign' | 'approve';
type EndCommand = 'decline' | 'withdraw' | 'reject' | 'terminate';

const DONE: Readonly<Record<AcceptCommand | EndCommand | 'propose', string>> = {
  propose: 'proposed',
  sign: 'signed',
  approve: 'approved',
  decline: 'declined',
  withdraw: 'withdrawn',
  reject: 'rejected',
  terminate: 'terminated',
};

/** The identity chosen on a form (`actingFor`), when the person had a choice to make. */
const acting = (form: Form) => {
  const actingFor = parseActingFor(fieldText(form, 'actingFor'));
  return actingFor === undefined ? {} : { actingFor };
};

/**
 * What a sign form signs for: "Sign for all my local parties" posts one `actingFor` field per
 * local party (a list, as the API takes it); otherwise the one chosen, as for any command.
 */
const signingFor = (form: Form) => {
  const value = form.actingFor;
  return Array.isArray(value)
    ? { actingFor: value.map((v) => (typeof v === 'string' ? v : '')) }
    : acting(form);
};

/** What each form field needs, in words (the DTOs' own messages would show a pattern). */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  reason: 'Reason: give a reason of 1 to 2,000 characters.',
  revision: 'The confirmation did not say which revision: open the confirmation again.',
  actingFor: 'Acting for: choose one of the local parties or regions offered.',
  hash: 'The confirmation did not carry the revision’s hash: open the confirmation again.',
  consultationOverride: 'Why approve anyway: write at most 2,000 characters.',
};

/** The approval refusals about the members' consultation, shown on the approve form itself. */
const CONSULTATION_REFUSALS = ['CONSULTATION_OPEN', 'CONSULTATION_OVERRIDE_REQUIRED'];

/** A refusal in words; a validation failure names its fields ("Reason: give a reason…"). */
function describe(error: ApiError): string {
  if (error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) {
    return error.message;
  }
  const fields = (error.details as Array<{ field: string }>).map((d) => d.field);
  return [...new Set(fields)]
    .map((field) => FIELD_WORDS[field] ?? `${field} is not valid.`)
    .join(' ');
}

/**
 * The pact's commands from the page: propose at once, sign and approve after a confirmation that
 * names the exact revision and hash, the endings with a reason. Success goes back to the pact
 * (303); a refusal shows the pact again, as it is now, with the reason in words.
 */
@ApiExcludeController()
@Controller('pact/:id')
export class PactActionsController {
  constructor(
    private readonly commands: PactCommandsService,
    private readonly queries: PactQueriesService,
    private readonly pages: PactPageService,
    private readonly renderer: PactPageRenderer,
    private readonly consultations: ConsultationsService,
  ) {}

  /** `?for=all`: the confirmation for all of the person's local parties still to sign. */
  @Page()
  @Get('sign')
  confirmSign(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Query('for') signFor: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.confirm('sign', viewer, id, request, reply, signFor === 'all');
  }

  @Page()
  @Get('approve')
  confirmApprove(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.confirm('approve', viewer, id, request, reply);
  }

  @Page()
  @Post('propose')
  propose(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.run('propose', viewer, id, request, reply, async () =>
      this.commands.proposePact(viewer, id, await validated(acting(form), ProposePactDto)),
    );
  }

  @Page()
  @Post('sign')
  sign(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.accept('sign', viewer, id, form, request, reply);
  }

  @Page()
  @Post('approve')
  approve(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.accept('approve', viewer, id, form, request, reply);
  }

  @Page()
  @Post('decline')
  decline(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.end('decline', viewer, id, form, request, reply);
  }

  @Page()
  @Post('withdraw')
  withdraw(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.end('withdraw', viewer, id, form, request, reply);
  }

  @Page()
  @Post('reject')
  reject(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.end('reject', viewer, id, form, request, reply);
  }

  @Page()
  @Post('terminate')
  terminate(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.end('terminate', viewer, id, form, request, reply);
  }

  /** An ending with its reason, which the form gives back if it is refused. */
  private end(
    command: EndCommand,
    viewer: Principal,
    id: string,
    form: Form,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const reason = fieldText(form, 'reason');
    const ends = {
      decline: (input: EndPactDto) => this.commands.declinePact(viewer, id, input),
      withdraw: (input: EndPactDto) => this.commands.withdrawPact(viewer, id, input),
      reject: (input: EndPactDto) => this.commands.rejectPact(viewer, id, input),
      terminate: (input: EndPactDto) => this.commands.terminatePact(viewer, id, input),
    };
    return this.run(
      command,
      viewer,
      id,
      request,
      reply,
      async () => ends[command](await validated({ reason, ...acting(form) }, EndPactDto)),
      { command, text: reason },
    );
  }

  /** "Sign revision N?": the exact revision and hash the person is about to accept. */
  private async confirm(
    command: AcceptCommand,
    viewer: Principal,
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
    all = false,
    refused?: { error: string; override: string },
    status = 200,
  ) {
    const view = await this.pages.pactPage(viewer, id);
    // The approver's members' consultation on this revision, and whether approving needs a reason.
    const consulted = command === 'approve' ? await this.consultations.forApproval(viewer, id) : [];
    const verb = command === 'sign' ? 'Sign' : 'Approve';
    // "All" only means something to an officer with two or more local parties left to sign.
    const several = all && (view.actingAs.sign?.length ?? 0) > 1;
    const asked = `${verb} revision ${view.pact.currentRevision}${several ? ' for all your local parties' : ''}?`;
    return renderPage(
      request,
      reply,
      'pact-confirm',
      {
        title: `${asked} ${view.pact.title}`,
        heading: asked,
        command,
        verb,
        view,
        all: several,
        allowed: view.pact.allowedCommands.includes(command),
        consulted,
        overrideNeeded:
          consulted.some((c) => c.overrideNeeded) ||
          refused?.error.startsWith('Why approve anyway') === true,
        refused,
      },
      status,
    );
  }

  private async accept(
    command: AcceptCommand,
    viewer: Principal,
    id: string,
    form: Form,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const override = fieldText(form, 'consultationOverride');
    if (command === 'approve') {
      try {
        return await this.approveNow(viewer, id, form, override, reply);
      } catch (error) {
        if (!(error instanceof ApiError)) {
          throw error;
        }
        const asked = consultationRefusal(error);
        if (asked === undefined) {
          return this.run(command, viewer, id, request, reply, () => Promise.reject(error));
        }
        const refused = { error: asked, override };
        return this.confirm(command, viewer, id, request, reply, false, refused, error.status);
      }
    }
    return this.run(command, viewer, id, request, reply, async () => {
      const revision = fieldText(form, 'revision');
      const exact = {
        revision: /^[0-9]+$/.test(revision) ? Number(revision) : revision,
        hash: fieldText(form, 'hash'),
      };
      return this.commands.signPact(
        viewer,
        id,
        await validated({ ...exact, ...signingFor(form) }, SignRevisionDto),
      );
    });
  }

  /** Approves the exact revision, with the written reason when the consultation asks for one. */
  private async approveNow(
    viewer: Principal,
    id: string,
    form: Form,
    override: string,
    reply: FastifyReply,
  ) {
    const revision = fieldText(form, 'revision');
    const input = {
      revision: /^[0-9]+$/.test(revision) ? Number(revision) : revision,
      hash: fieldText(form, 'hash'),
      ...acting(form),
      ...(override.trim() === '' ? {} : { consultationOverride: override }),
    };
    await this.commands.approvePact(viewer, id, await validated(input, ApproveRevisionDto));
    return reply.redirect(`/pact/${id}?done=approved`, 303);
  }

  /** Runs one command: 303 to the pact on success, else the pact page with what went wrong. */
  private async run(
    command: AcceptCommand | EndCommand | 'propose',
    viewer: Principal,
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
    act: () => Promise<unknown>,
    reason?: { command: string; text: string },
  ) {
    try {
      await act();
    } catch (error) {
      // A page you may not see, or a server fault: the error page (the global filter).
      if (!(error instanceof ApiError) || error.status === 404 || error.status >= 500) {
        throw error;
      }
      const message =
        error.code === 'STALE_REVISION'
          ? await this.staleMessage(viewer, id, command)
          : error.status === 409
            ? `Someone got there first: ${error.message} The page now shows the pact as it is.`
            : describe(error);
      return this.renderer.render(
        request,
        reply,
        viewer,
        id,
        { error: message, reason },
        error.status,
      );
    }
    return reply.redirect(`/pact/${id}?done=${DONE[command]}`, 303);
  }

  private async staleMessage(viewer: Principal, id: string, command: string): Promise<string> {
    const pact = await this.queries.getPact(viewer, id);
    return `The terms changed while you were reading: revision ${pact.currentRevision} is now current. Read it, then ${command} again.`;
  }
}

/** A refusal about the members' consultation, in words for the approve form; else undefined. */
function consultationRefusal(error: ApiError): string | undefined {
  const aboutOverride =
    error.code === 'VALIDATION_FAILED' &&
    Array.isArray(error.details) &&
    (error.details as Array<{ field: string }>).some((d) => d.field === 'consultationOverride');
  if (error.code === 'CONSULTATION_OVERRIDE_REQUIRED' || aboutOverride) {
    return `Why approve anyway: ${aboutOverride ? (FIELD_WORDS.consultationOverride ?? '') : error.message}`;
  }
  return CONSULTATION_REFUSALS.includes(error.code) ? error.message : undefined;
}
