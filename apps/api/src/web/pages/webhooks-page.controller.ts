import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PARTIES, REGIONS } from '@pactroom/election-data';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import { RegisterWebhookDto, type WebhookWithSecretDto } from '../../webhooks/dto/webhook.dto.js';
import { webhookScope } from '../../webhooks/webhook-scope.js';
import { WebhooksService } from '../../webhooks/webhooks.service.js';
import { fieldText, validated } from '../page-input.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import { formErrorsOf, type FormErrors } from './admin-forms.js';

const WEBHOOK_ID = uuidPipe('WEBHOOK_NOT_FOUND');
const DELIVERY_ID = uuidPipe('WEBHOOK_DELIVERY_NOT_FOUND');
const LABELS = { url: 'URL', description: 'Description', party: 'Party', region: 'Region' };
const NOTICES: Readonly<Record<string, string>> = {
  disabled: 'The webhook was disabled: nothing more will be sent to it.',
  resent: 'The delivery will be sent again shortly, with the same webhook-id.',
  replayed: 'The delivery will be sent again shortly, with the same webhook-id.',
};

interface RegisterForm {
  url: string;
  description: string;
  party: string;
  region: string;
}

/** A service refusal as form errors: the field it names gets its message (else the summary). */
function errorsOf(error: ApiError): FormErrors {
  if (error.code === 'VALIDATION_FAILED') {
    return formErrorsOf(error, { labels: LABELS, rowOf: (i) => i + 1 });
  }
  const details = Array.isArray(error.details) ? (error.details as { field?: unknown }[]) : [];
  const field = typeof details[0]?.field === 'string' ? details[0].field : undefined;
  return field && field in LABELS
    ? { summary: 'There is a problem with what you entered.', fields: { [field]: error.message } }
    : { summary: error.message, fields: {} };
}

/**
 * Webhook pages for coordinators and admins: the list with the register form, the secret shown
 * once after registering or rotating, one webhook with its delivery log, resend and replay. All
 * through WebhooksService, whose scope rule answers 404 for another party's or region's webhook.
 */
@ApiExcludeController()
@Controller('hooks')
export class WebhooksPageController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Page('admin', 'coordinator')
  @Get()
  async list(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done?: string,
  ) {
    return this.renderList(viewer, request, reply, {
      form: { url: '', description: '', party: '', region: '' },
      notice: NOTICES[done ?? ''],
    });
  }

  @Page('admin', 'coordinator')
  @Post()
  async register(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form: RegisterForm = {
      url: fieldText(body, 'url').trim(),
      description: fieldText(body, 'description').trim(),
      party: fieldText(body, 'party'),
      region: fieldText(body, 'region'),
    };
    try {
      const dto = await validated(
        {
          url: form.url,
          ...(form.description ? { description: form.description } : {}),
          ...(form.party ? { party: form.party } : {}),
          ...(form.region ? { region: form.region } : {}),
        },
        RegisterWebhookDto,
      );
      const hook = await this.webhooks.register(viewer, dto);
      return this.renderSecret(request, reply, hook, 'registered', 201);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) {
        return this.renderList(
          viewer,
          request,
          reply,
          { form, errors: errorsOf(error) },
          error.status,
        );
      }
      throw error;
    }
  }

  @Page('admin', 'coordinator')
  @Get(':id')
  async endpoint(
    @Viewer() viewer: Principal,
    @Param('id', WEBHOOK_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done?: string,
  ) {
    const hook = await this.webhooks.get(viewer, id);
    return renderPage(request, reply, 'webhook', {
      title: `Webhook: ${hook.description || hook.url}`,
      hook,
      deliveries: await this.webhooks.deliveries(viewer, id),
      notice: NOTICES[done ?? ''],
    });
  }

  @Page('admin', 'coordinator')
  @Post(':id/rotate-secret')
  async rotate(
    @Viewer() viewer: Principal,
    @Param('id', WEBHOOK_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const hook = await this.webhooks.rotateSecret(viewer, id);
    return this.renderSecret(request, reply, hook, 'rotated', 200);
  }

  @Page('admin', 'coordinator')
  @Post(':id/disable')
  async disable(
    @Viewer() viewer: Principal,
    @Param('id', WEBHOOK_ID) id: string,
    @Res() reply: FastifyReply,
  ) {
    await this.webhooks.disable(viewer, id);
    return reply.redirect(`/hooks/${id}?done=disabled`, 303);
  }

  /** Resend from a webhook's log, or replay from the dead-letter list (`from=dead`). */
  @Page('admin', 'coordinator')
  @Post('deliveries/:id/resend')
  async resend(
    @Viewer() viewer: Principal,
    @Param('id', DELIVERY_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const delivery = await this.webhooks.resend(viewer, id);
    const fromDead = fieldText((request.body ?? {}) as Record<string, unknown>, 'from') === 'dead';
    return reply.redirect(
      fromDead ? '/hooks?done=replayed' : `/hooks/${delivery.endpointId}?done=resent`,
      303,
    );
  }

  private async renderList(
    viewer: Principal,
    request: FastifyRequest,
    reply: FastifyReply,
    model: { form: RegisterForm; errors?: FormErrors; notice?: string },
    status = 200,
  ) {
    const scope = webhookScope(viewer);
    // A coordinator of one (party, region) registers for it; anyone else chooses.
    const choices =
      scope === 'all'
        ? { parties: PARTIES.map((p) => p.code), regions: REGIONS.map((r) => r.slug) }
        : scope.length > 1
          ? {
              parties: [...new Set(scope.map((s) => s.party))],
              regions: [...new Set(scope.map((s) => s.region))],
            }
          : undefined;
    return renderPage(
      request,
      reply,
      'webhooks',
      {
        title: 'Webhooks',
        hooks: await this.webhooks.list(viewer),
        dead: await this.webhooks.deadDeliveries(viewer),
        only: scope !== 'all' && scope.length === 1 ? scope[0] : undefined,
        choices,
        ...model,
      },
      status,
    );
  }

  private renderSecret(
    request: FastifyRequest,
    reply: FastifyReply,
    hook: WebhookWithSecretDto,
    what: 'registered' | 'rotated',
    status: number,
  ) {
    // The secret is on this (no-store) response only: never put in a URL or shown again.
    return renderPage(
      request,
      reply,
      'webhook-secret',
      { title: 'Your signing secret', hook, what },
      status,
    );
  }
}
