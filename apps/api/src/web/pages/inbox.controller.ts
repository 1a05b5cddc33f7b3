import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import { NotificationCenterService } from '../../notifications/notification-center.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';

const ITEM_ID = uuidPipe('INBOX_ITEM_NOT_FOUND');
const NOTICES: Readonly<Record<string, string>> = {
  read: 'Marked as read.',
  'all-read': 'Every notification is marked as read.',
};

/**
 * A person's inbox. Opening a pact from it is a POST (a form styled as a link) that marks the item
 * read and redirects to the pact: a GET never changes anything, and reading the pact some other
 * way leaves the item for the person to mark.
 */
@ApiExcludeController()
@Controller('inbox')
export class InboxController {
  constructor(private readonly center: NotificationCenterService) {}

  @Page()
  @Get()
  async inbox(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('before') before?: string,
    @Query('done') done?: string,
  ) {
    const page = await this.center.inbox(viewer.userId, before);
    const here = page.before ? `/inbox?before=${encodeURIComponent(page.before)}` : '/inbox';
    return renderPage(request, reply, 'inbox', {
      title: 'Inbox',
      ...page,
      here,
      before: page.before ?? '',
      notice: typeof done === 'string' ? NOTICES[done] : undefined,
    });
  }

  /** The list as an out-of-band fragment, fetched by htmx when the stream says the inbox changed. */
  @Page()
  @Get('live')
  async live(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('before') before?: string,
    @Query('v') shown?: string,
  ) {
    const page = await this.center.inbox(viewer.userId, before);
    // Nothing the page shows changed (the stream's first `inbox` event, say): nothing to swap.
    if (shown === page.version) {
      return reply.status(204).header('cache-control', 'no-store').send();
    }
    return renderPage(request, reply, 'inbox-live', { ...page, before: page.before ?? '' });
  }

  @Page()
  @Post('read-all')
  async markAllRead(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.center.markAllRead(viewer.userId);
    return reply.redirect(backTo(request, 'all-read'), 303);
  }

  @Page()
  @Post(':id/read')
  async markRead(
    @Viewer() viewer: Principal,
    @Param('id', ITEM_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.center.markRead(viewer.userId, id);
    return reply.redirect(backTo(request, 'read'), 303);
  }

  @Page()
  @Post(':id/open')
  async open(
    @Viewer() viewer: Principal,
    @Param('id', ITEM_ID) id: string,
    @Res() reply: FastifyReply,
  ) {
    return reply.redirect(await this.center.open(viewer.userId, id), 303);
  }
}

/** Back to the inbox page the form was on (its `before` cursor), with what was done. */
function backTo(request: FastifyRequest, done: string): string {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const query = new URLSearchParams({ done });
  if (typeof body.before === 'string' && body.before !== '') {
    query.set('before', body.before);
  }
  return `/inbox?${query.toString()}`;
}
