import { Module } from '@nestjs/common';
import { WebhookSender } from './webhook-sender.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** Webhooks of parties' own systems: management routes, the fan-out hook and the sender worker. */
@Module({
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookSender],
  exports: [WebhooksService, WebhookSender],
})
export class WebhooksModule {}
