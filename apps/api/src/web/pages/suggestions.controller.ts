import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PARTIES } from '@pactroom/election-data';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiError } from '../../common/api-error.js';
import type { FieldProblem } from '../../common/validation.js';
import { managesLocalParty } from '../../local-parties/local-parties.service.js';
import { SuggestionsQueryDto } from '../../projections/dto/projection.dto.js';
import {
  ProjectionsService,
  type LegLocalParty,
  type SwapView,
} from '../../projections/projections.service.js';
import { boundarySetOf, ScenariosService } from '../../scenarios/scenarios.service.js';
import {
  SwapSuggestionsService,
  type PricedSwapSet,
} from '../../suggestions/swap-suggestions.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import { isFormError } from './pact-form-errors.js';
import { PactFormPages } from './pact-form-pages.js';
import { validated } from '../page-input.js';

const FIELD_WORDS: Readonly<Record<string, [string, string]>> = {
  election: ['election', 'Election: choose an election'],
  parties: ['parties-0', 'Parties: choose at least two parties (at most six)'],
  region: ['region', 'Region: choose a region, or all regions'],
  transfers: ['transfers', 'Transfer rates: choose a set of transfer rates'],
  pairing: ['pairing-region', 'Pair seats: choose the same region or bordering regions'],
  seats: ['mine', 'Your seats: your local parties cover too many seats to search by'],
  scenario: ['scenario', 'Projected on: choose a scenario, or the election’s own result'],
};

/** The API's refusals of a scenario pick, answered next to the "Projected on" field. */
const SCENARIO_CODES = new Set(['UNKNOWN_SCENARIO', 'SCENARIO_BOUNDARY_MISMATCH']);

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );

/** A local party as a swap's table shows it: its name, and a link if the viewer manages it. */
interface LocalPartyCell {
  readonly name: string;
  readonly href: string | null;
}

/** One leg of a swap as its table shows it. */
interface LegRow {
  readonly onsCode: string;
  readonly name: string;
  readonly region: string;
  readonly standsAside: string;
  readonly beneficiary: string;
  readonly before: number;
  readonly after: number;
  readonly forgone: number;
  readonly standsAsideParty: LocalPartyCell | null;
  readonly beneficiaryParty: LocalPartyCell | null;
}

/** One swap of the set, with its "start a pact" link. */
interface SwapRow {
  readonly rank: number;
  readonly legs: readonly LegRow[];
  readonly gains: readonly { party: string; gain: number }[];
  readonly carried: boolean;
  readonly start: string | null;
}

@ApiExcludeController()
@Controller('suggestions')
export class SuggestionsController {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly suggestions: SwapSuggestionsService,
    private readonly scenarios: ScenariosService,
    private readonly pages: PactFormPages,
  ) {}

  @Page()
  @Get()
  async page(
    @Viewer() viewer: Principal,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const reference = this.pages.referenceService;
    const ownIds = viewer.grants.flatMap((g) =>
      g.role === 'officer' && g.localPartyId ? [g.localPartyId] : [],
    );
    const ownParties = viewer.grants.flatMap((g) => (g.party ? [g.party] : []));
    const asked = asList(query.parties).length > 0 || query.election !== undefined;
    const chosen = {
      election: asList(query.election)[0] ?? 'ge2017',
      parties: asked ? asList(query.parties) : [...new Set(ownParties)],
      region: asList(query.region)[0] ?? viewer.grants.find((g) => g.region)?.region ?? '',
      pairing: asList(query.pairing)[0] ?? 'region',
      transfers: asList(query.transfers)[0] ?? 'central',
      // '': the current scenario of the next election on these results; 'none': the result itself.
      scenario: asList(query.scenario)[0] ?? '',
      // An officer can carry only swaps through their own seats: that is where a search starts.
      mine: ownIds.length > 0 && (asked ? asList(query.mine).includes('1') : true),
    };
    const [elections, regions, scenarios] = await Promise.all([
      reference.listElections(),
      reference.listRegions(),
      // The scenarios a reader may pick: those on the chosen election's boundaries.
      this.scenarios.list(boundarySetOf(chosen.election) ?? '-'),
    ]);
    let set: PricedSwapSet | undefined;
    let rows: SwapRow[] | undefined;
    let errors: { field: string; message: string }[] = [];
    if (asked) {
      try {
        const seats = chosen.mine
          ? await this.ownSeats(
              ownIds,
              elections.find((e) => e.code === chosen.election)?.boundarySet,
            )
          : [];
        if (chosen.mine && seats.length === 0) {
          errors = [
            {
              field: 'mine',
              message:
                'Your seats: your local parties have no seats on this election’s boundaries; untick “Only swaps through my local parties’ seats”',
            },
          ];
        } else {
          const dto = await validated(
            {
              election: chosen.election,
              parties: chosen.parties.join(','),
              ...(chosen.region ? { region: chosen.region } : {}),
              pairing: chosen.pairing,
              ...(seats.length > 0 ? { seats: seats.join(',') } : {}),
              transfers: chosen.transfers,
              ...(chosen.scenario ? { scenario: chosen.scenario } : {}),
            },
            SuggestionsQueryDto,
            'query',
          );
          set = await this.suggestions.suggestions(dto, { owner: viewer.userId });
          rows = set.swaps.map((s, i) =>
            rowOf(s, i + 1, chosen.election, viewer, ownIds, ownParties),
          );
        }
      } catch (error) {
        if (!isFormError(error)) {
          throw error;
        }
        errors = errorsOf(error);
      }
    }
    return renderPage(
      request,
      reply,
      'suggestions',
      {
        title: 'Suggested swaps',
        chosen,
        canLimitToOwn: ownIds.length > 0,
        elections,
        regions,
        parties: PARTIES,
        transferSets: this.projections.listTransferSets(),
        scenarios,
        pricedOn: set ? { election: set.election, scenario: set.scenario } : null,
        totals: set ? totalsOf(set) : [],
        rows,
        errors,
      },
      errors.length > 0 ? 400 : 200,
    );
  }

  /** The seats of the viewer's own local parties on the election's boundary set. */
  private async ownSeats(ownIds: readonly string[], boundarySet?: string): Promise<string[]> {
    const all = await this.pages.allLocalParties();
    return [
      ...new Set(
        all
          .filter((lp) => ownIds.includes(lp.id) && lp.retiredAt === null)
          .flatMap((lp) => lp.seats)
          .filter((seat) => seat.boundarySet === boundarySet)
          .map((seat) => seat.constituency),
      ),
    ].sort();
  }
}

/**
 * Each party's total over the set and its part of the set's gains, side by side: the set is
 * chosen to even the totals up, but only from swaps good for both sides, and where those favour
 * one party the set does too (GE2024 Labour and Lib Dems: about 60 : 40). The reader sees it.
 */
function totalsOf(set: PricedSwapSet): { party: string; gain: number; part: number }[] {
  return Object.entries(set.totals).map(([party, gain]) => ({
    party,
    gain,
    part: set.combined > 0 ? gain / set.combined : 0,
  }));
}

function errorsOf(error: ApiError): { field: string; message: string }[] {
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)) {
    return (error.details as FieldProblem[]).map((p) => {
      const [field, message] = FIELD_WORDS[p.field] ?? ['', 'Check the choices'];
      return { field, message };
    });
  }
  if (SCENARIO_CODES.has(error.code)) {
    const message =
      error.code === 'UNKNOWN_SCENARIO'
        ? 'Projected on: that scenario is not published; choose one from the list'
        : error.message.replace(/^scenario:/, 'Projected on:');
    return [{ field: 'scenario', message }];
  }
  const problems = Array.isArray(error.details)
    ? (error.details as { message?: string }[]).flatMap((p) => (p.message ? [p.message] : []))
    : [];
  return [
    {
      field: '',
      message:
        problems.length > 0 ? `These choices do not work: ${problems.join('; ')}` : error.message,
    },
  ];
}

/** A local party cell: linked to its page when the viewer manages it (admins, coordinators). */
function cellOf(
  viewer: Principal,
  party: string,
  localParty: LegLocalParty,
): LocalPartyCell | null {
  if (!localParty) {
    return null;
  }
  const visible = managesLocalParty(viewer, { party, region: localParty.region });
  return {
    name: localParty.name,
    href: visible ? `/admin/local-parties/${encodeURIComponent(localParty.id)}` : null,
  };
}

/**
 * A swap of the set as its table. The viewer's own side comes first; the draft link carries the
 * two stand-asides and, as partners, the local party of the party standing aside in each seat
 * (the ones whose officers must sign it) unless it is the viewer's own.
 */
function rowOf(
  s: SwapView,
  rank: number,
  election: string,
  viewer: Principal,
  ownIds: readonly string[],
  ownParties: readonly string[],
): SwapRow {
  const legs = [...s.legs].sort(
    (a, b) =>
      Number(ownParties.includes(b.standsAside)) - Number(ownParties.includes(a.standsAside)),
  );
  let start: string | null = null;
  if (ownIds.length > 0) {
    const params = new URLSearchParams({
      election,
      title: legs.map((l) => l.name).join(' for '),
    });
    for (const leg of legs) {
      params.append('sa', `${leg.standsAside}:${leg.onsCode}:${leg.beneficiary}`);
      const partner = leg.localParties.standsAside;
      if (partner && !ownIds.includes(partner.id)) {
        params.append('partner', partner.id);
      }
    }
    start = `/pact/new?${params.toString()}`;
  }
  return {
    rank,
    legs: legs.map((l) => ({
      onsCode: l.onsCode,
      name: l.name,
      region: l.region,
      standsAside: l.standsAside,
      beneficiary: l.beneficiary,
      before: l.beneficiaryWinBefore,
      after: l.beneficiaryWinAfter,
      forgone: l.forgone,
      standsAsideParty: cellOf(viewer, l.standsAside, l.localParties.standsAside),
      beneficiaryParty: cellOf(viewer, l.beneficiary, l.localParties.beneficiary),
    })),
    gains: Object.entries(s.gains).map(([party, gain]) => ({ party, gain })),
    carried: s.carried,
    start,
  };
}
