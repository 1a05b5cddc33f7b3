import { Module } from '@nestjs/common';
import { PactsModule } from '../pacts/pacts.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ConsultationScheduler } from './consultation-scheduler.js';
import { ConsultationsController } from './consultations.controller.js';
import { ConsultationsService } from './consultations.service.js';

@Module({
  imports: [PactsModule, ProjectionsModule],
  controllers: [ConsultationsController],
  providers: [ConsultationsService, ConsultationScheduler],
  exports: [ConsultationsService],
})
export class ConsultationsModule {}
