import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { SwapSuggestionsController } from './swap-suggestions.controller.js';
import { SwapSuggestionsService } from './swap-suggestions.service.js';

/** Swap suggestions over the projections, priced on a scenario (ScenariosModule is global). */
@Module({
  imports: [ProjectionsModule],
  controllers: [SwapSuggestionsController],
  providers: [SwapSuggestionsService],
  exports: [SwapSuggestionsService],
})
export class SuggestionsModule {}
