import { Module } from '@nestjs/common';
import { AuditController, PactAuditController } from '../audit/audit.controller.js';
import { AuditService } from '../audit/audit.service.js';
import { CheckpointService } from '../audit/checkpoint.service.js';
import { ElectionGeography } from './election-geography.js';
import { PactCommandsService } from './pact-commands.service.js';
import { PactQueriesService } from './pact-queries.service.js';
import { PactScheduler } from './pact-scheduler.js';
import { PactsController } from './pacts.controller.js';

@Module({
  controllers: [PactsController, PactAuditController, AuditController],
  providers: [
    PactCommandsService,
    PactQueriesService,
    ElectionGeography,
    CheckpointService,
    AuditService,
    PactScheduler,
  ],
  exports: [PactQueriesService],
})
export class PactsModule {}
