import type { Pact } from '@pactroom/negotiation';
import type { PactImpact } from '@pactroom/seat-projection';
import type { ProjectionsService } from '../projections/projections.service.js';

/**
 * The impact summary shown with every pact: its current revision's stand-asides projected on the
 * pact's election, deterministic at central rates (about a millisecond, so every read can afford
 * it). Monte Carlo odds and other transfer sets are at GET /api/pacts/:id/impact.
 */
export function impactSummary(projections: ProjectionsService, pact: Pact): Promise<PactImpact> {
  return projections.pactImpact(pact.election, pact.revision.terms.standAsides, { simulations: 0 });
}
