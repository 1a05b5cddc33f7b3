import { Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';
import { CheckpointService } from './checkpoint.service.js';

/** The audit log and chain verification, shared by pacts and account management. */
@Module({
  providers: [CheckpointService, AuditService],
  exports: [CheckpointService, AuditService],
})
export class AuditModule {}
