import { Injectable } from '@nestjs/common';
import { contestForElection } from '@pactroom/contests';
import { ContestsService } from '../contests/contests.service.js';
import { engineSwing } from '../scenarios/scenario-swing.js';
import { ScenariosService } from '../scenarios/scenarios.service.js';
import { StandingDownService } from '../scenarios/standing-down.service.js';
import {
  projectedOn,
  scenarioRef,
  type ImpactScenarioRef,
} from '../scenarios/pact-impact-report.js';
import type { SuggestionsQueryDto } from '../projections/dto/projection.dto.js';
import type { ProjectionTicket } from '../projections/projection-runner.js';
import { ProjectionsService, type SwapSetView } from '../projections/projections.service.js';

/** A set of swaps and what it was priced on, named as a pact's impact names it. */
export interface PricedSwapSet extends SwapSetView {
  readonly election: string;
  readonly scenario: ImpactScenarioRef | null;
  /** In words: the scenario with its source and date, or "baseline: GE2024 result". */
  readonly projectedOn: string;
}

/**
 * Suggestions priced where pacts are (issue 16): a swap is signed for the next election, so by
 * default its legs are priced on the current scenario of the contest the election is the baseline
 * of (GE2024 results: the next general election's polls), not on a result that is history. The
 * reader may pick another published scenario of those boundaries, or `none` for the election's
 * own result; a pick is checked exactly as a pact impact's is (ScenariosService.forImpact).
 */
@Injectable()
export class SwapSuggestionsService {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly scenarios: ScenariosService,
    private readonly contests: ContestsService,
    private readonly standingDown: StandingDownService,
  ) {}

  async suggestions(
    query: SuggestionsQueryDto,
    ticket: ProjectionTicket = {},
  ): Promise<PricedSwapSet> {
    // Only a contest *from* these results: its current scenario was checked against them when it
    // was set. The contest that merely is this election (GE2019 on its own results) has a
    // scenario fitted to another baseline, which might not apply here.
    const found = contestForElection(await this.contests.views(), query.election);
    const contest = found?.baseline === query.election ? found.id : undefined;
    const scenario =
      query.scenario !== undefined
        ? await this.scenarios.picked(query.election, query.scenario)
        : contest
          ? await this.scenarios.currentOf(contest)
          : null;
    // As a pact's impact: projected to the next election, MPs not nominated again lose their vote.
    const leaving =
      scenario && contest ? await this.standingDown.seatsOf(contest, query.election) : [];
    const swing = scenario ? engineSwing(scenario.swing) : undefined;
    const set = await this.projections.suggestions(
      query,
      ticket,
      swing && leaving.length > 0 ? { ...swing, standingDown: { seats: leaving } } : swing,
    );
    const ref = scenario ? scenarioRef(scenario) : null;
    return {
      election: query.election,
      scenario: ref,
      projectedOn: projectedOn(ref, query.election),
      ...set,
    };
  }
}
