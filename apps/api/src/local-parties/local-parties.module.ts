import { Module } from '@nestjs/common';
import { LocalPartiesController } from './local-parties.controller.js';
import { LocalPartiesService } from './local-parties.service.js';

@Module({
  controllers: [LocalPartiesController],
  providers: [LocalPartiesService],
  exports: [LocalPartiesService],
})
export class LocalPartiesModule {}
