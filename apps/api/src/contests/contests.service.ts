import {
  checkAgainstDeadline,
  contestForElection,
  describeContest,
  isIsoDate,
  latestPollingDay,
  latestRespondBy,
  nominationCalendar,
  type Contest,
  type ContestView,
} from '@pactroom/contests';
import type { RespondByLimit } from '@pactroom/negotiation';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../common/api-error.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { ContestCache } from './contest-cache.js';
import { ContestErrors } from './contests.errors.js';
import { changeContest } from './contest-changes.js';
import type { ContestDto, SetPollingDayDto } from './dto/contest.dto.js';

interface ContestRow {
  id: string;
  name: string;
  kind: 'general';
  boundary_set: string;
  baseline_election_code: string;
  polling_day: string | null;
  parliament_first_met: string | null;
  extra_non_working_days: string[];
}

// Dates as text: node-postgres would turn a `date` into a local-time Date and shift it a day.
const SELECT = `SELECT id, name, kind, boundary_set, baseline_election_code, polling_day::text,
       parliament_first_met::text, extra_non_working_days::text[] FROM contests`;

/** What a pact is for, and the result set its projections start from. */
export interface PactContest {
  readonly contest: ContestView;
  readonly baseline: string;
}

/**
 * Contests (libs/contests): their calendars, which contest a pact request means, the respond-by
 * bound, and an admin setting polling day when an election is called. A few small rows, kept by
 * ContestCache until one changes: a polling day set by an admin counts at once in every process.
 */
@Injectable()
export class ContestsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly cache: ContestCache,
  ) {}

  async listContests(now = new Date()): Promise<ContestDto[]> {
    return (await this.views(now)).map((view) => this.toDto(view));
  }

  async getContest(id: string, now = new Date()): Promise<ContestDto> {
    const view = (await this.views(now)).find((c) => c.id === id);
    if (!view) {
      throw ContestErrors.notFound(id);
    }
    return this.toDto(view);
  }

  /**
   * Every contest's view at `now`, newest polling day first. In a transaction (`manager`) read in
   * it, not from the cache: a command's deadline check is then serialised with a polling day set.
   */
  async views(now = new Date(), manager?: EntityManager): Promise<ContestView[]> {
    const rows = manager
      ? await manager.query<ContestRow[]>(SELECT)
      : await this.cache.get('contests', () => this.dataSource.query<ContestRow[]>(SELECT));
    return rows
      .map((row) => describeContest(toContest(row), now))
      .sort((a, b) => b.pollingDay.localeCompare(a.pollingDay));
  }

  /** One contest's view (a pact's contest always exists: a foreign key). */
  async viewOf(id: string, now = new Date(), manager?: EntityManager): Promise<ContestView> {
    const view = (await this.views(now, manager)).find((c) => c.id === id);
    if (!view) {
      throw ContestErrors.notFound(id);
    }
    return view;
  }

  /**
   * The contest and baseline of a new pact: `contest` names it (baseline: the contest's, or
   * `election` if also given, on the same boundaries — a what-if on other results); `election`
   * alone is the alias older clients send (`contestForElection`).
   */
  async forPact(
    request: { contest?: string; election?: string },
    now = new Date(),
  ): Promise<PactContest> {
    const views = await this.views(now);
    if (request.contest !== undefined) {
      const contest = views.find((c) => c.id === request.contest);
      if (!contest) {
        throw ContestErrors.unknown(request.contest);
      }
      return { contest, baseline: request.election ?? contest.baseline };
    }
    const election = request.election ?? '';
    const contest = contestForElection(views, election);
    if (!contest) {
      throw ContestErrors.noContestForElection(election);
    }
    return { contest, baseline: election };
  }

  /** The bound on a pact's respond-by for `contest`, worded for the person who hits it. */
  respondByLimit(contest: ContestView): RespondByLimit | null {
    const margin = this.config.pacts.withdrawalMarginHours;
    const latest = latestRespondBy(contest, margin);
    if (latest === null) {
      return null;
    }
    return {
      latest,
      why: `candidates for the ${contest.name} can withdraw until ${contest.calendar.withdrawalDeadline}, and a pact needs ${margin} hours before that to be ratified`,
    };
  }

  /**
   * Refuses a command that the contest's deadline rules out (`checkAgainstDeadline`): moving a
   * pact forward once it can no longer be agreed in time, or proposing a draft whose respond-by an
   * election called since has made too late. Read in the command's transaction.
   */
  async assertBeforeDeadline(
    manager: EntityManager,
    pact: { contest: string; respondBy: string },
    command: string,
    now: Date,
  ): Promise<void> {
    const contest = await this.viewOf(pact.contest, now, manager);
    const limit = this.respondByLimit(contest);
    const verdict = checkAgainstDeadline(
      contest,
      limit?.latest ?? null,
      command,
      pact.respondBy,
      now,
    );
    if (!verdict.ok) {
      throw verdict.code === 'CONTEST_DEADLINE_PASSED'
        ? ContestErrors.deadlinePassed(verdict.message)
        : new ApiError(422, verdict.code, sentence(verdict.message));
    }
  }

  /** An admin sets the polling day once the election is called; the change is kept. */
  async setPollingDay(
    principal: Principal,
    id: string,
    dto: SetPollingDayDto,
  ): Promise<ContestDto> {
    const now = new Date();
    const view = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<ContestRow[]>(`${SELECT} WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) {
        throw ContestErrors.notFound(id);
      }
      const contest = toContest(row);
      if (describeContest(contest, now).phase === 'past') {
        throw ContestErrors.pollingDayPast(contest.name);
      }
      checkPollingDay(contest, dto.pollingDay, now);
      await changeContest(manager, {
        contest: id,
        column: 'polling_day',
        action: 'polling_day_set',
        from: row.polling_day,
        to: dto.pollingDay,
        note: dto.note ?? null,
        userId: principal.userId,
      });
      return describeContest({ ...contest, pollingDay: dto.pollingDay }, now);
    });
    this.cache.changed();
    return this.toDto(view);
  }

  private toDto(view: ContestView): ContestDto {
    const limit = this.respondByLimit(view);
    return { ...view, latestRespondBy: limit?.latest ?? null };
  }
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

function toContest(row: ContestRow): Contest {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    boundarySet: row.boundary_set,
    baseline: row.baseline_election_code,
    pollingDay: row.polling_day,
    parliamentFirstMet: row.parliament_first_met,
    extraNonWorkingDays: row.extra_non_working_days,
  };
}

/**
 * A polling day must be a real date whose nominations have not closed yet (an election is called
 * some five weeks ahead; a typo of a nearer day would close every pact at once), and no later than
 * the law allows.
 */
function checkPollingDay(contest: Contest, pollingDay: string, now: Date): void {
  if (!isIsoDate(pollingDay)) {
    throw ContestErrors.pollingDayOutOfRange(`pollingDay: ${pollingDay} is not a calendar date`);
  }
  const { withdrawalDeadline } = nominationCalendar(pollingDay, {
    extraNonWorkingDays: contest.extraNonWorkingDays,
  });
  if (Date.parse(withdrawalDeadline) <= now.getTime()) {
    throw ContestErrors.pollingDayOutOfRange(
      `pollingDay: nominations for polling on ${pollingDay} would have closed at ${withdrawalDeadline}, before now; give the day the election is called for`,
    );
  }
  if (contest.parliamentFirstMet !== null) {
    const latest = latestPollingDay(contest.parliamentFirstMet, {
      extraNonWorkingDays: contest.extraNonWorkingDays,
    });
    if (pollingDay > latest) {
      throw ContestErrors.pollingDayOutOfRange(
        `pollingDay: ${pollingDay} is after ${latest}, the latest lawful polling day (the Parliament that first met on ${contest.parliamentFirstMet} dissolves on its fifth anniversary)`,
      );
    }
  }
}
