import { Injectable } from '@nestjs/common';
import { PARTIES } from '@pactroom/election-data';
import type { ProjectionResult } from '@pactroom/seat-projection';
import { nationalCovers } from '@pactroom/negotiation';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { ContestsService } from '../../contests/contests.service.js';
import type { ContestDto } from '../../contests/dto/contest.dto.js';
import { LocalPartiesService } from '../../local-parties/local-parties.service.js';
import type { LocalPartyDto } from '../../local-parties/dto/local-party.dto.js';
import { CreateProjectionDto } from '../../projections/dto/projection.dto.js';
import { ProjectionsService } from '../../projections/projections.service.js';
import { ReferenceService } from '../../reference/reference.service.js';
import { allLocalParties } from './local-party-list.js';
import type { FieldError, PactFormState, ResolvedRows } from './pact-form.js';
import { padded } from './pact-form.js';
import { validated } from '../page-input.js';

/** One party's seats in the preview: before, after at central rates, after at the upper bound. */
export interface PreviewRow {
  readonly party: string;
  readonly before: number;
  readonly after: number;
  readonly upperBound: number;
}

export type Preview =
  | {
      readonly ok: true;
      readonly rows: readonly PreviewRow[];
      readonly flips: ProjectionResult['flips'];
      readonly upperFlips: ProjectionResult['flips'];
      readonly upperBoundNote: string;
    }
  | { readonly ok: false; readonly problem: string };

/** What the pact form shows besides its values: the choices, errors, preview. */
export interface PactFormModel {
  readonly form: PactFormState;
  readonly errors?: readonly FieldError[];
  readonly preview?: Preview;
  readonly notice?: string;
  /** A counter that went stale: what the person had written, shown so it is not lost. */
  readonly unsent?: PactFormState;
}

const isOfficerGrant = (g: Principal['grants'][number]) =>
  g.role === 'officer' && g.localPartyId !== null;

/** Whether the viewer holds a national grant (a party's or nation's HQ). */
export const isNational = (viewer: Principal) => viewer.grants.some((g) => g.role === 'national');

/**
 * The local parties the viewer may draft for (the pages that use it are `@Page('officer',
 * 'national')`): those they are an officer of, and every active one a national grant covers.
 */
export function ownLocalParties(
  viewer: Principal,
  localParties: readonly LocalPartyDto[] = [],
): string[] {
  const own = new Set(viewer.grants.filter(isOfficerGrant).flatMap((g) => g.localPartyId ?? []));
  for (const lp of localParties) {
    if (lp.retiredAt === null && viewer.grants.some((g) => nationalCovers(g, lp))) {
      own.add(lp.id);
    }
  }
  return [...own];
}

/** The pact form's choices and live preview, from the same use cases as the API. */
@Injectable()
export class PactFormPages {
  constructor(
    private readonly reference: ReferenceService,
    private readonly localParties: LocalPartiesService,
    private readonly projections: ProjectionsService,
    private readonly contests: ContestsService,
  ) {}

  /** Every contest with its calendar, the upcoming first. */
  listContests(): Promise<ContestDto[]> {
    return this.contests.listContests();
  }

  /**
   * The contest a form or link means — `contest` if it names one, else the contest of an older
   * link's `election` (the API's alias), else the next open contest — and its baseline.
   */
  async contestOf(contest: string, election = ''): Promise<{ contest: string; election: string }> {
    const views = await this.contests.views();
    const named = views.find((c) => c.id === contest);
    if (named) {
      return { contest: named.id, election: named.baseline };
    }
    if (contest === '' && election !== '') {
      const aliased = await this.contests.forPact({ election }).catch(() => undefined);
      if (aliased) {
        return { contest: aliased.contest.id, election: aliased.baseline };
      }
    }
    // A new form starts on the next election still open (officers negotiate for what comes);
    // an unknown contest stays as typed, and the use case then says so next to the field.
    const fallback = views.find((c) => c.phase === 'open') ?? views[0];
    return contest === '' && fallback
      ? { contest: fallback.id, election: fallback.baseline }
      : { contest, election: '' };
  }

  get referenceService(): ReferenceService {
    return this.reference;
  }

  /** Every local party, by name (the API lists them a page at a time). */
  async allLocalParties(): Promise<LocalPartyDto[]> {
    return allLocalParties(this.localParties);
  }

  /** The local parties the viewer may draft for (`ownLocalParties`), reading them if needed. */
  async ownLocalParties(viewer: Principal): Promise<string[]> {
    return ownLocalParties(viewer, isNational(viewer) ? await this.allLocalParties() : []);
  }

  /** The template model of the draft or counter form. */
  async formView(viewer: Principal, model: PactFormModel): Promise<Record<string, unknown>> {
    const [elections, localParties, contests] = await Promise.all([
      this.reference.listElections(),
      this.allLocalParties(),
      this.contests.listContests(),
    ]);
    const ownIds = ownLocalParties(viewer, localParties);
    // An HQ brings many of its own local parties into one pact: they are partners to choose too.
    const national = isNational(viewer);
    const errors = model.errors ?? [];
    return {
      ...model,
      form: padded(model.form),
      errors,
      errorFor: Object.fromEntries(
        errors.filter((e) => e.field).map((e) => [e.field, e.message] as const),
      ),
      elections: elections.map((e) => ({ code: e.code, name: e.name })),
      contests,
      // A retired local party takes part in no new pact: it is not offered (names stay known).
      own: localParties.filter((lp) => ownIds.includes(lp.id) && lp.retiredAt === null),
      partners: localParties.filter(
        (lp) => (national || !ownIds.includes(lp.id)) && lp.retiredAt === null,
      ),
      national,
      localPartyNames: Object.fromEntries(localParties.map((lp) => [lp.id, lp.name])),
      parties: PARTIES.map((p) => ({ code: p.code, name: p.name })),
    };
  }

  /**
   * The projected seats of the stand-asides so far: the API's projection use case at central
   * rates and at the upper bound (every voter of the party standing aside moving), side by side.
   */
  async preview(election: string, resolved: ResolvedRows): Promise<Preview> {
    const standAsides = resolved.rows
      .filter((r) => r.party !== '' && r.constituency !== '')
      .map((r) => ({
        party: r.party,
        constituency: r.constituency,
        ...(r.beneficiary ? { beneficiary: r.beneficiary } : {}),
      }));
    if (standAsides.length === 0) {
      return {
        ok: false,
        problem: 'Add a stand-aside (party and constituency) to see its impact.',
      };
    }
    try {
      const central = await validated(
        { election, standAsides, transfers: 'central' },
        CreateProjectionDto,
      );
      const [atCentral, atUpper] = await Promise.all([
        this.projections.createProjection(central, false),
        this.projections.createProjection({ ...central, transfers: 'upper-bound' }, false),
      ]);
      const parties = Object.keys(atCentral.seats).filter((p) => {
        const c = atCentral.seats[p];
        const u = atUpper.seats[p];
        const touched = standAsides.some((s) => s.party === p || s.beneficiary === p);
        return touched || (c && c.before !== c.after) || (u && u.before !== u.after);
      });
      return {
        ok: true,
        rows: parties.map((party) => ({
          party,
          before: atCentral.seats[party]?.before ?? 0,
          after: atCentral.seats[party]?.after ?? 0,
          upperBound: atUpper.seats[party]?.after ?? 0,
        })),
        flips: atCentral.flips,
        upperFlips: atUpper.flips,
        upperBoundNote: atUpper.transferSet.description,
      };
    } catch (error) {
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) {
        return {
          ok: false,
          problem:
            'The preview needs each stand-aside to have a party and a constituency of this election.',
        };
      }
      // Busy or throttled: the form and what was typed stay; only the preview waits.
      if (error instanceof ApiError) {
        return { ok: false, problem: `No preview just now: ${error.message}` };
      }
      throw error;
    }
  }
}
