import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PARTIES } from '@pactroom/election-data';
import type { SwapLeg, SwapSuggestion } from '@pactroom/seat-projection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiError } from '../../common/api-error.js';
import type { FieldProblem } from '../../common/validation.js';
import type { LocalPartyDto } from '../../local-parties/dto/local-party.dto.js';
import { SuggestionsQueryDto } from '../../projections/dto/projection.dto.js';
import { ProjectionsService } from '../../projections/projections.service.js';
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
};

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );

/** One ranked swap as the table shows it, with its "start a pact" link. */
interface SuggestionRow {
  readonly rank: number;
  readonly legs: readonly SwapLeg[];
  readonly gains: readonly { party: string; gain: number }[];
  readonly combined: number;
  readonly score: number;
  readonly start: string | null;
}

/**
 * Suggested swaps: the API's suggestions query and use case, shown as a ranked table. Each row
 * links to a draft pre-filled with the swap's two stand-asides and the local parties that would
 * have to sign them.
 */
@ApiExcludeController()
@Controller('suggestions')
export class SuggestionsController {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly pages: PactFormPages,
  ) {}

  @Page()
  @Get()
  async suggestions(
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
      transfers: asList(query.transfers)[0] ?? 'central',
    };
    const [elections, regions] = await Promise.all([
      reference.listElections(),
      reference.listRegions(),
    ]);
    let rows: SuggestionRow[] | undefined;
    let errors: { field: string; message: string }[] = [];
    if (asked) {
      try {
        const dto = await validated(
          {
            election: chosen.election,
            parties: chosen.parties.join(','),
            ...(chosen.region ? { region: chosen.region } : {}),
            transfers: chosen.transfers,
          },
          SuggestionsQueryDto,
          'query',
        );
        const found = await this.projections.suggestions(dto, { owner: viewer.userId });
        const localParties = ownIds.length > 0 ? await this.pages.allLocalParties() : [];
        rows = found.map((s, i) =>
          rowOf(s, i + 1, chosen.election, ownIds, ownParties, localParties),
        );
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
        elections,
        regions,
        parties: PARTIES,
        transferSets: this.projections.listTransferSets(),
        rows,
        errors,
      },
      errors.length > 0 ? 400 : 200,
    );
  }
}

function errorsOf(error: ApiError): { field: string; message: string }[] {
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)) {
    return (error.details as FieldProblem[]).map((p) => {
      const [field, message] = FIELD_WORDS[p.field] ?? ['', 'Check the choices'];
      return { field, message };
    });
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

/**
 * A suggestion as a table row. The viewer's own side comes first; the draft link carries the two
 * stand-asides and, as partners, for each leg the first local party (by name) of the party
 * standing aside that covers the seat — the local parties whose officers must sign it.
 */
function rowOf(
  s: SwapSuggestion,
  rank: number,
  election: string,
  ownIds: readonly string[],
  ownParties: readonly string[],
  localParties: readonly LocalPartyDto[],
): SuggestionRow {
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
      const partner = localParties.find(
        (lp) =>
          lp.party === leg.standsAside &&
          lp.constituencies.includes(leg.onsCode) &&
          lp.retiredAt === null &&
          !ownIds.includes(lp.id),
      );
      if (partner) {
        params.append('partner', partner.id);
      }
    }
    start = `/pact/new?${params.toString()}`;
  }
  return {
    rank,
    legs,
    gains: Object.entries(s.gains).map(([party, gain]) => ({ party, gain })),
    combined: s.combined,
    score: s.score,
    start,
  };
}
