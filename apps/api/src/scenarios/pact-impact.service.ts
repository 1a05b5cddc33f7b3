import { Injectable } from '@nestjs/common';
import type { Pact } from '@pactroom/negotiation';
import { ApiError } from '../common/api-error.js';
import type { OpenStandAside, PactImpact } from '@pactroom/seat-projection';
import {
  centralFlips,
  projectedOn,
  scenarioRef,
  standingDownOf,
  type ImpactScenarioRef,
  type PactImpactReport,
} from './pact-impact-report.js';
import type { ProjectionTicket } from '../projections/projection-runner.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { engineSwing } from './scenario-swing.js';
import { ScenariosService } from './scenarios.service.js';
import { StandingDownService } from './standing-down.service.js';

/** What a reader may choose of a pact's impact; the defaults are what every summary uses. */
export interface PactImpactOptions {
  readonly transfers?: string;
  readonly seed?: number;
  readonly simulations?: number;
  /** A scenario id, or `none` for the baseline result; default: the contest's current scenario. */
  readonly scenario?: string;
}

/** The draws and seed every summary uses, and /impact by default: one set of numbers. */
export const IMPACT_DRAWS = 2000;
export const IMPACT_SEED = 1;

/**
 * One impact for every reader (issue 16): the pact detail, its certificate snapshot, the
 * consultation page and GET /api/pacts/:id/impact all project the terms on the pact's contest's
 * current scenario (unless the reader picks another) with the same seeded draws, so they report
 * the same expected gains. Computed impacts are kept by ProjectionsService (by every input), so a
 * page pays for the draws (about 0.15 s for 2,000 on 650 seats) once per terms × scenario.
 */
@Injectable()
export class PactImpactService {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly scenarios: ScenariosService,
    private readonly standingDown: StandingDownService,
  ) {}

  /**
   * The impact shown with the pact (default options); `standAsides`: other terms of it. Null when
   * it cannot be had now (projections busy, or a scenario that does not fit this pact's results):
   * a pact is still read and its commands still go through; GET …/impact says why.
   */
  async summary(
    pact: Pact,
    standAsides: readonly OpenStandAside[] = pact.revision.terms.standAsides,
  ): Promise<PactImpactReport | null> {
    try {
      return await this.report(pact, {}, {}, standAsides);
    } catch (error) {
      if (error instanceof ApiError && (error.status < 500 || error.code === 'PROJECTIONS_BUSY')) {
        return null;
      }
      throw error;
    }
  }

  async report(
    pact: Pact,
    options: PactImpactOptions,
    ticket: ProjectionTicket = {},
    standAsides: readonly OpenStandAside[] = pact.revision.terms.standAsides,
  ): Promise<PactImpactReport> {
    const scenario = await this.scenarios.forImpact(pact.contest, pact.election, options.scenario);
    const seed = options.seed ?? IMPACT_SEED;
    // Only a projection to the next election (a scenario) knows who stands again there.
    const leaving = scenario ? await this.standingDown.seatsOf(pact.contest, pact.election) : [];
    const swing = scenario ? engineSwing(scenario.swing) : undefined;
    const computed = await this.projections.pactImpact(
      pact.election,
      canonical(standAsides),
      {
        transfers: options.transfers,
        seed,
        simulations: options.simulations ?? IMPACT_DRAWS,
        swing: swing && leaving.length > 0 ? { ...swing, standingDown: { seats: leaving } } : swing,
      },
      ticket,
    );
    // Copied into this realm's plain objects: a worker's answer is a structured clone, whose
    // objects the certificate's canonical JSON may not take for plain ones (a few kB, cheap).
    const impact = JSON.parse(JSON.stringify(computed)) as PactImpact;
    const ref: ImpactScenarioRef | null = scenario ? scenarioRef(scenario) : null;
    return {
      ...impact,
      seed,
      scenario: ref,
      projectedOn: projectedOn(ref, pact.election),
      central: centralFlips(impact),
      standingDown: standingDownOf(impact, leaving),
    };
  }
}

/**
 * The stand-asides in one order and shape, whichever way the pact was read (as written by a
 * command, or loaded back from the database): the impact cache is keyed by them, so the page after
 * a command finds the impact the command computed. The engine's answer does not depend on order.
 */
function canonical(standAsides: readonly OpenStandAside[]): OpenStandAside[] {
  return [...standAsides]
    .sort(
      (a, b) =>
        a.constituency.localeCompare(b.constituency) ||
        a.party.localeCompare(b.party) ||
        (a.beneficiary ?? '').localeCompare(b.beneficiary ?? ''),
    )
    .map((s) =>
      s.beneficiary === undefined
        ? { party: s.party, constituency: s.constituency }
        : { party: s.party, constituency: s.constituency, beneficiary: s.beneficiary },
    );
}
