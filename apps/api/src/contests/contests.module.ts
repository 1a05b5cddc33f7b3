import { Global, Module } from '@nestjs/common';
import { ContestsController } from './contests.controller.js';
import { ContestsService } from './contests.service.js';

/** Global: pacts, pages and the scheduler all ask which contest a pact is for. */
@Global()
@Module({
  controllers: [ContestsController],
  providers: [ContestsService],
  exports: [ContestsService],
})
export class ContestsModule {}
