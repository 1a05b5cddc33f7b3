import { Global, Module } from '@nestjs/common';
import { DigestService } from './digest.service.js';
import { FanOutService } from './fan-out.service.js';
import { InboxCounts } from './inbox-counts.js';
import { JobQueue } from './job-queue.js';
import { MailAdminService } from './mail-admin.service.js';
import { MailDeliveryService } from './mail-delivery.service.js';
import { MailTransport } from './mail-transport.js';
import { NotificationCenterService } from './notification-center.service.js';
import { Outbox } from './outbox.js';

/**
 * The outbox and the job queue, for every module that records changes people should hear of, and
 * the workers that turn outbox events into inbox items and mail.
 */
@Global()
@Module({
  providers: [
    InboxCounts,
    JobQueue,
    Outbox,
    FanOutService,
    MailTransport,
    MailDeliveryService,
    DigestService,
    NotificationCenterService,
    MailAdminService,
  ],
  exports: [
    InboxCounts,
    JobQueue,
    Outbox,
    FanOutService,
    MailDeliveryService,
    DigestService,
    NotificationCenterService,
    MailAdminService,
  ],
})
export class NotificationsModule {}
