import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DELIVERY_MODES } from '@pactroom/notifications';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { Public } from '../../common/public.decorator.js';
import {
  NotificationCenterService,
  type KindPreference,
} from '../../notifications/notification-center.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';

const MODE_LABELS: Readonly<Record<string, string>> = {
  immediately: 'Immediately',
  digest: 'Daily digest',
  off: 'Off',
};

/** The field errors of a refused save, by kind (the form's field names are the kinds). */
function fieldErrorsOf(error: ApiError): Record<string, string> {
  const details = Array.isArray(error.details)
    ? (error.details as { field?: unknown; problems?: unknown }[])
    : [];
  return Object.fromEntries(
    details.map((d) => [
      String(d.field),
      Array.isArray(d.problems) ? d.problems.map(String).join('; ') : error.message,
    ]),
  );
}

/** Email preferences per kind, and the unsubscribe link every pact mail carries (RFC 8058). */
@ApiExcludeController()
@Controller()
export class NotificationSettingsController {
  constructor(private readonly center: NotificationCenterService) {}

  @Page()
  @Get('account/notifications')
  async settings(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done?: string,
  ) {
    return this.render(request, reply, await this.center.preferences(viewer.userId), {
      notice: done === 'saved' ? 'Your email notifications are saved.' : undefined,
    });
  }

  @Page()
  @Post('account/notifications')
  async save(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { _csrf: _token, ...modes } = (request.body ?? {}) as Record<string, unknown>;
    try {
      await this.center.setPreferences(viewer.userId, modes);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        // Shown as sent where the kind is known, so nothing chosen is lost.
        const shown = (await this.center.preferences(viewer.userId)).map((p) => ({
          ...p,
          mode: (typeof modes[p.kind] === 'string' ? modes[p.kind] : p.mode) as typeof p.mode,
        }));
        return this.render(request, reply, shown, { errors: fieldErrorsOf(error) }, 400);
      }
      throw error;
    }
    return reply.redirect('/account/notifications?done=saved', 303);
  }

  @Public()
  @Get('unsubscribe/:token')
  unsubscribePage(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const target = this.center.unsubscribeTarget(token);
    return renderPage(request, reply, 'unsubscribe', {
      title: `Stop emails about “${target.label}”?`,
      target,
      token,
      done: false,
    });
  }

  /**
   * The page's button, or a mail client's one-click POST (`List-Unsubscribe=One-Click`, no CSRF
   * token: web-setup.ts lets exactly that through, the signed token being the authority).
   */
  @Public()
  @Post('unsubscribe/:token')
  async unsubscribe(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const target = await this.center.unsubscribe(token);
    return renderPage(request, reply, 'unsubscribe', {
      title: 'You will not get these emails any more',
      target,
      token,
      done: true,
    });
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    preferences: KindPreference[],
    extra: { notice?: string; errors?: Record<string, string> },
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'notification-settings',
      {
        title: 'Email notifications',
        preferences,
        modes: DELIVERY_MODES.map((mode) => ({ mode, label: MODE_LABELS[mode] ?? mode })),
        errors: extra.errors ?? {},
        errorList: Object.entries(extra.errors ?? {}),
        notice: extra.notice,
      },
      status,
    );
  }
}
