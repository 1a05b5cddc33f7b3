import { Injectable } from '@nestjs/common';
import { isElectionCode, PARTIES } from '@pactroom/election-data';
import {
  customTransferSet,
  getTransferSet,
  renderHemicycle,
  SUGGESTION_LIMIT,
  TRANSFER_SET_NAMES,
  withDefaultBeneficiaries,
  type Swing,
  type OpenStandAside,
  type PactImpact,
  type ProjectionResult,
  type Scenario,
  type SwapLeg,
  type SwapSet,
  type SwapSuggestion,
  type TransferSet,
} from '@pactroom/seat-projection';
import { LocalPartiesService } from '../local-parties/local-parties.service.js';
import type {
  CreateProjectionDto,
  HemicycleQueryDto,
  SuggestionsQueryDto,
} from './dto/projection.dto.js';
import { electionResults } from '../reference/election-files.js';
import { baselineOf, type ProjectionOutcome } from './projection-jobs.js';
import { ProjectionRunner, type ProjectionTicket } from './projection-runner.js';
import { ProjectionErrors } from './projections.errors.js';

/** A local party that would carry a leg, or null when none exists yet. */
export type LegLocalParty = { id: string; name: string; region: string } | null;

/** A swap with, for each leg, the local parties that would carry it. */
export interface SwapView extends Omit<SwapSuggestion, 'legs'> {
  readonly legs: readonly (SwapLeg & {
    readonly localParties: { standsAside: LegLocalParty; beneficiary: LegLocalParty };
  })[];
  /** Every leg has both its local parties. */
  readonly carried: boolean;
}

/** A suggested set of swaps (GET /api/projections/suggestions). */
export interface SwapSetView extends Omit<SwapSet, 'swaps'> {
  readonly swaps: readonly SwapView[];
}

/** What GET /api/transfer-matrices lists for each set. */
export interface TransferSetSummary {
  name: string;
  kind: string;
  description: string;
  rates: number;
}

const DEFAULT_SEED = 1;
const IMPACT_DRAWS = 2000;
/** Impacts kept (a few kB each): the least recently used goes first beyond it. */
const MAX_KEPT_IMPACTS = 5_000;

/**
 * Projection use cases over the pure engine: validates what the engine cannot know (the election
 * exists, a custom matrix is well-formed), fills default beneficiaries, and runs the work through
 * the runner (inline when deterministic, in the worker thread otherwise).
 */
@Injectable()
export class ProjectionsService {
  /**
   * Pact impacts already computed, by everything that decides them (election, transfer set, draws,
   * seed, stand-asides): the projection is deterministic and the data never change while the
   * process runs, so the pact page and GET /api/pacts/:id/impact pay for each at most once.
   */
  private readonly impacts = new Map<string, PactImpact>();
  /** Impacts being computed, by the same key: one run however many ask at once. */
  private readonly pendingImpacts = new Map<string, Promise<PactImpact>>();

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly localParties: LocalPartiesService,
  ) {}

  listTransferSets(): TransferSetSummary[] {
    return TRANSFER_SET_NAMES.flatMap((name) => {
      const set = getTransferSet(name);
      return set
        ? [
            {
              name: set.name,
              kind: set.kind,
              description: set.description,
              rates: set.rates.length,
            },
          ]
        : [];
    });
  }

  getTransferSet(name: string): TransferSet {
    const set = getTransferSet(name);
    if (!set) {
      throw ProjectionErrors.transferSetNotFound();
    }
    return set;
  }

  async createProjection(
    dto: CreateProjectionDto,
    all: boolean,
    ticket: ProjectionTicket = {},
  ): Promise<ProjectionResult> {
    const transfers = this.transfersOf(dto.transfers);
    const swing: Swing | undefined = dto.swing ? { ...dto.swing } : undefined;
    const scenario = await this.scenario(dto.election, dto.standAsides, transfers, swing);
    const draws = dto.simulations ?? 0;
    const outcome = await this.runner.run(
      {
        kind: 'project',
        election: dto.election,
        scenario,
        draws,
        seed: dto.seed ?? DEFAULT_SEED,
        include: all ? 'all' : 'touched',
      },
      `projection ${dto.election} (${draws} draws)`,
      ticket,
    );
    return unwrap(outcome) as ProjectionResult;
  }

  /** The impact of a set of stand-asides (a pact revision): per seat and the parties' balance. */
  async pactImpact(
    election: string,
    standAsides: readonly OpenStandAside[],
    options: { transfers?: string; seed?: number; simulations?: number; swing?: Scenario['swing'] },
    ticket: ProjectionTicket = {},
  ): Promise<PactImpact> {
    const transfers = options.transfers ?? 'central';
    const draws = options.simulations ?? IMPACT_DRAWS;
    const seed = options.seed ?? DEFAULT_SEED;
    const swing = options.swing;
    const key = JSON.stringify([election, transfers, draws, seed, swing ?? null, standAsides]);
    const known = this.impacts.get(key);
    if (known) {
      // Map order is insertion order: re-inserting keeps the most recently used last.
      this.impacts.delete(key);
      this.impacts.set(key, known);
      return known;
    }
    // Many askers of one impact at once (a command's response and the page after it, 50
    // concurrent signatures) share one run; if that run fails or its asker gave up, each runs its own.
    const pending = this.pendingImpacts.get(key);
    if (pending) {
      try {
        return await pending;
      } catch {
        // fall through: our own run below
      }
    }
    const run = this.computeImpact(election, standAsides, transfers, swing, draws, seed, ticket);
    this.pendingImpacts.set(key, run);
    try {
      const impact = await run;
      this.impacts.set(key, impact);
      if (this.impacts.size > MAX_KEPT_IMPACTS) {
        const oldest = this.impacts.keys().next().value;
        if (oldest !== undefined) {
          this.impacts.delete(oldest);
        }
      }
      return impact;
    } finally {
      if (this.pendingImpacts.get(key) === run) {
        this.pendingImpacts.delete(key);
      }
    }
  }

  private async computeImpact(
    election: string,
    standAsides: readonly OpenStandAside[],
    transfers: string,
    swing: Scenario['swing'],
    draws: number,
    seed: number,
    ticket: ProjectionTicket,
  ): Promise<PactImpact> {
    // The swing travels in the scenario: the worker's 'impact' job prepares it with the rest.
    const scenario = await this.scenario(election, standAsides, transfers, swing);
    const outcome = await this.runner.run(
      { kind: 'impact', election, scenario, draws, seed },
      `pact impact ${election} (${draws} draws)`,
      ticket,
    );
    return unwrap(outcome) as PactImpact;
  }

  /**
   * A set of swaps (the engine's, in the worker), priced on `swing` if given (a scenario's: which
   * one is SwapSuggestionsService's question), then for each leg the active local parties of the
   * party standing aside and of the beneficiary in that seat: a database read, so done here.
   */
  async suggestions(
    query: SuggestionsQueryDto,
    ticket: ProjectionTicket = {},
    swing?: Swing,
  ): Promise<SwapSetView> {
    this.requireElection(query.election);
    // Parsed here once, so the worker is sent the results instead of reading the files itself.
    await electionResults(query.election);
    const outcome = await this.runner.run(
      {
        kind: 'suggest',
        election: query.election,
        options: {
          parties: query.parties.split(','),
          region: query.region,
          pairing: query.pairing ?? 'region',
          seats: query.seats?.split(','),
          transfers: query.transfers ?? 'central',
          ...(swing ? { swing } : {}),
          seed: query.seed ?? DEFAULT_SEED,
          limit: query.limit ?? SUGGESTION_LIMIT,
        },
      },
      `suggestions ${query.election} ${query.parties}`,
      ticket,
    );
    const set = unwrap(outcome) as SwapSet;
    const legs = set.swaps.flatMap((s) => s.legs);
    const found = await this.localParties.activeForSeats(
      query.election,
      legs.flatMap((l) => [l.standsAside, l.beneficiary]),
      legs.map((l) => l.onsCode),
    );
    const of = (party: string, onsCode: string): LegLocalParty =>
      found.get(`${party}:${onsCode}`) ?? null;
    const swaps = set.swaps.map((swap): SwapView => {
      const withParties = swap.legs.map((leg) => ({
        ...leg,
        localParties: {
          standsAside: of(leg.standsAside, leg.onsCode),
          beneficiary: of(leg.beneficiary, leg.onsCode),
        },
      }));
      return {
        ...swap,
        legs: withParties,
        carried: withParties.every(
          (l) => l.localParties.standsAside !== null && l.localParties.beneficiary !== null,
        ),
      };
    });
    return { ...set, swaps };
  }

  /**
   * The seat chart before and after the scenario, as an SVG document; `on` projects it on a
   * published scenario's swing instead of the query's (the pact page), named in the chart.
   */
  async hemicycle(
    query: HemicycleQueryDto,
    ticket: ProjectionTicket = {},
    on?: { readonly swing: Swing; readonly name: string },
  ): Promise<string> {
    const standAsides = (query.standAsides ?? '')
      .split(',')
      .filter(Boolean)
      .map((item) => {
        const [party = '', constituency = '', beneficiary] = item.split(':');
        return { party, constituency, beneficiary };
      });
    const shares = query.shares
      ? Object.fromEntries(
          query.shares.split(',').map((pair) => {
            const [party = '', percent = '0'] = pair.split(':');
            return [party, Number(percent)];
          }),
        )
      : undefined;
    const swing = on?.swing ?? (query.model && shares ? { model: query.model, shares } : undefined);
    const result = await this.createProjection(
      {
        election: query.election,
        standAsides,
        transfers: query.transfers,
        swing,
        simulations: query.simulations,
        seed: query.seed,
      },
      false,
      ticket,
    );
    const before: Record<string, number> = {};
    const after: Record<string, number> = {};
    for (const [party, seats] of Object.entries(result.seats)) {
      if (seats.before > 0) {
        before[party] = seats.before;
      }
      if (seats.after > 0) {
        after[party] = seats.after;
      }
    }
    const bound = result.transferSet.kind === 'upper-bound' ? ' (an upper bound)' : '';
    return renderHemicycle({
      title: `${query.election.toUpperCase()}${on ? ` on ${on.name}` : ''}: ${standAsides.length} stand-asides, ${result.transferSet.name} transfers${bound}`,
      charts: [
        {
          label: on ? 'Before: on the scenario' : `Before: ${query.election} result`,
          seats: before,
        },
        { label: `After: ${standAsides.length} stand-asides`, seats: after },
      ],
      colours: Object.fromEntries(PARTIES.map((p) => [p.code, p.colour])),
      partyNames: Object.fromEntries(PARTIES.map((p) => [p.code, p.name])),
    });
  }

  private transfersOf(transfers: CreateProjectionDto['transfers']): string | TransferSet {
    if (transfers === undefined) {
      return 'central';
    }
    if (typeof transfers === 'string') {
      return transfers;
    }
    const custom = customTransferSet('custom', transfers);
    if (!custom.ok) {
      throw ProjectionErrors.invalidTransfers(custom.problems);
    }
    return custom.value;
  }

  private async scenario(
    election: string,
    standAsides: readonly OpenStandAside[],
    transfers: string | TransferSet,
    swing?: Swing,
  ): Promise<Scenario> {
    this.requireElection(election);
    const baseline = await baselineOf(election);
    if (!baseline) {
      throw ProjectionErrors.unknownElection(election);
    }
    return { standAsides: withDefaultBeneficiaries(baseline, standAsides), transfers, swing };
  }

  private requireElection(election: string): void {
    if (!isElectionCode(election)) {
      throw ProjectionErrors.unknownElection(election);
    }
  }
}

/** A job's value, or its scenario problems as a 422. */
function unwrap(outcome: ProjectionOutcome): ProjectionResult | PactImpact | SwapSet {
  if (!outcome.ok) {
    throw ProjectionErrors.invalidScenario(outcome.problems);
  }
  return outcome.value;
}
