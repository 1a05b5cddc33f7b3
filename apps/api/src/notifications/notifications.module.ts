import { Global, Module } from '@nestjs/common';
import { InboxCounts } from './inbox-counts.js';
import { JobQueue } from './job-queue.js';
import { Outbox } from './outbox.js';

/** The outbox and the job queue, for every module that records changes people should hear of. */
@Global()
@Module({
  providers: [InboxCounts, JobQueue, Outbox],
  exports: [InboxCounts, JobQueue, Outbox],
})
export class NotificationsModule {}
