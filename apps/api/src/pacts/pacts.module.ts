import { Module } from '@nestjs/common';
import { AuditController, PactAuditController } from '../audit/audit.controller.js';
import { AuditModule } from '../audit/audit.module.js';
import { CertificateService } from '../audit/certificate.service.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { CommandThrottle } from './command-throttle.js';
import { ElectionGeography } from './election-geography.js';
import { PactImpactController } from './pact-impact.controller.js';
import { PactCommandsService } from './pact-commands.service.js';
import { PactQueriesService } from './pact-queries.service.js';
import { PactScheduler } from './pact-scheduler.js';
import { PactsController } from './pacts.controller.js';

@Module({
  imports: [ProjectionsModule, AuditModule],
  controllers: [PactsController, PactAuditController, AuditController, PactImpactController],
  providers: [
    PactCommandsService,
    CommandThrottle,
    PactQueriesService,
    ElectionGeography,
    CertificateService,
    PactScheduler,
  ],
  exports: [PactQueriesService],
})
export class PactsModule {}
