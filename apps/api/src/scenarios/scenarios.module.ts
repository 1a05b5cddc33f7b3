import { Global, Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { PactImpactService } from './pact-impact.service.js';
import { ContestScenarioController, ScenariosController } from './scenarios.controller.js';
import { ScenariosService } from './scenarios.service.js';
import { StandingDownService } from './standing-down.service.js';

/** Global: pact reads, certificates, consultations and pages ask which scenario an impact uses. */
@Global()
@Module({
  imports: [ProjectionsModule],
  controllers: [ScenariosController, ContestScenarioController],
  providers: [ScenariosService, PactImpactService, StandingDownService],
  exports: [ScenariosService, PactImpactService, StandingDownService],
})
export class ScenariosModule {}
