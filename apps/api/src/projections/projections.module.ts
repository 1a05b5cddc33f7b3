import { Module } from '@nestjs/common';
import { LocalPartiesModule } from '../local-parties/local-parties.module.js';
import { ProjectionRunner } from './projection-runner.js';
import { ProjectionsController } from './projections.controller.js';
import { ProjectionsService } from './projections.service.js';

@Module({
  imports: [LocalPartiesModule],
  controllers: [ProjectionsController],
  providers: [ProjectionsService, ProjectionRunner],
  exports: [ProjectionsService],
})
export class ProjectionsModule {}
