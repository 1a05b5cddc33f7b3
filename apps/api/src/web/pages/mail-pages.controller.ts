import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { Public } from '../../common/public.decorator.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import { MailAdminService } from '../../notifications/mail-admin.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';

const MAIL_ID = uuidPipe('MAIL_NOT_FOUND');

/**
 * The development mailbox (public: it stands in for the mail client of someone not signed in yet,
 * such as an invited person; it exists only while no SMTP server is configured, never in
 * production) and the admins' list of failed deliveries with replay.
 */
@ApiExcludeController()
@Controller()
export class MailPagesController {
  constructor(private readonly mail: MailAdminService) {}

  @Public()
  @Get('mailbox')
  async mailbox(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('to') to?: string,
  ) {
    const filter = typeof to === 'string' ? to.trim() : '';
    return renderPage(request, reply, 'mailbox', {
      title: 'Development mailbox',
      mails: await this.mail.mailbox(filter),
      to: filter,
    });
  }

  @Public()
  @Get('mailbox/:id')
  async mailboxMail(
    @Param('id', MAIL_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const mail = await this.mail.mailboxMail(id);
    return renderPage(request, reply, 'mailbox-mail', { title: mail.subject, mail });
  }

  @Page()
  @Get('admin/deliveries')
  async deliveries(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done?: string,
  ) {
    const report = await this.mail.deliveries(viewer);
    return renderPage(request, reply, 'admin-deliveries', {
      title: 'Email deliveries',
      ...report,
      notice:
        done === 'replayed'
          ? 'The delivery is queued again: it is sent within moments.'
          : undefined,
    });
  }

  @Page()
  @Post('admin/deliveries/:id/replay')
  async replay(
    @Viewer() viewer: Principal,
    @Param('id', uuidPipe('DELIVERY_NOT_FOUND')) id: string,
    @Res() reply: FastifyReply,
  ) {
    await this.mail.replay(viewer, id);
    return reply.redirect('/admin/deliveries?done=replayed', 303);
  }
}
