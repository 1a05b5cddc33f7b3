import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { CommandThrottle } from './command-throttle.js';
import { ElectionGeography } from './election-geography.js';
import { PactAuditController } from './pact-audit.controller.js';
import { PactAudience } from './pact-audience.js';
import { PactDeskService } from './pact-desk.service.js';
import { PactPageService } from './pact-page.service.js';
import { PactCommandsService } from './pact-commands.service.js';
import { PactCreationService } from './pact-creation.service.js';
import { PactQueriesService } from './pact-queries.service.js';
import { PactReadCache } from './pact-read-cache.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { PactReviewService } from './pact-review.service.js';
import { PactRecordsService } from './pact-records.service.js';
import { PactScheduler } from './pact-scheduler.js';
import { PactsController } from './pacts.controller.js';

@Module({
  imports: [ProjectionsModule, AuditModule, ReferenceModule],
  controllers: [PactsController, PactAuditController],
  providers: [
    PactAudience,
    PactCommandsService,
    PactCreationService,
    CommandThrottle,
    PactQueriesService,
    PactDeskService,
    PactPageService,
    PactReadCache,
    PactRecordsService,
    PactReviewService,
    ElectionGeography,
    PactScheduler,
  ],
  exports: [
    CommandThrottle,
    ElectionGeography,
    PactAudience,
    PactQueriesService,
    PactDeskService,
    PactPageService,
    PactCommandsService,
    PactCreationService,
    PactRecordsService,
    PactReviewService,
  ],
})
export class PactsModule {}
