import { Global, Module } from '@nestjs/common';
import { ContestCache } from './contest-cache.js';
import { ContestsController } from './contests.controller.js';
import { ContestsService } from './contests.service.js';

/**
 * Global: pacts, pages and the scheduler all ask which contest a pact is for; ContestCache keeps
 * the contests and (for ScenariosService) their current scenarios.
 */
@Global()
@Module({
  controllers: [ContestsController],
  providers: [ContestsService, ContestCache],
  exports: [ContestsService, ContestCache],
})
export class ContestsModule {}
