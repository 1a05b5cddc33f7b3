import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { AuditScheduler } from './audit-scheduler.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { CertificateService } from './certificate.service.js';
import { CheckpointService } from './checkpoint.service.js';

/**
 * The audit log: chain verification, checkpoints (and their timer), proofs and agreement
 * certificates — shared by pacts and account management, which read it through AuditService.
 */
@Module({
  imports: [ProjectionsModule],
  controllers: [AuditController],
  providers: [CheckpointService, AuditService, CertificateService, AuditScheduler],
  exports: [CheckpointService, AuditService, CertificateService],
})
export class AuditModule {}
