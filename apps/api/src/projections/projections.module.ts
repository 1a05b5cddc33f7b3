import { Module } from '@nestjs/common';
import { ProjectionRunner } from './projection-runner.js';
import { ProjectionsController } from './projections.controller.js';
import { ProjectionsService } from './projections.service.js';

@Module({
  controllers: [ProjectionsController],
  providers: [ProjectionsService, ProjectionRunner],
  exports: [ProjectionsService],
})
export class ProjectionsModule {}
