import { latestPollingDay, nominationCalendar, type NominationCalendar } from './calendar.js';

/** What kind of election a contest is. By-elections come later (their bank holidays differ). */
export type ContestKind = 'general';

/** An election a pact is *for*, as stored. */
export interface Contest {
  /** `next-general`, `ge2024`, `ge2019`, `ge2017`. */
  readonly id: string;
  readonly name: string;
  readonly kind: ContestKind;
  /** The constituency boundaries it is fought on (`2010`, `2024`). */
  readonly boundarySet: string;
  /** The result set projections start from (an election code on the same boundaries). */
  readonly baseline: string;
  /** `YYYY-MM-DD` once known (called, or held); `null` until an election is called. */
  readonly pollingDay: string | null;
  /** When the sitting Parliament first met (`YYYY-MM-DD`): bounds the polling day while unknown. */
  readonly parliamentFirstMet: string | null;
  /** Days of public thanksgiving or mourning that are not bank holidays (`YYYY-MM-DD`). */
  readonly extraNonWorkingDays: readonly string[];
}

/**
 * Where a contest stands at a moment: `open` (a pact can still be agreed before the withdrawal
 * deadline), `nominations-closed` (between the deadline and the end of polling day), `past`
 * (held; pacts for it are what-ifs and the deadline rule does not apply).
 */
export type ContestPhase = 'open' | 'nominations-closed' | 'past';

/** A contest with its calendar worked out, as the API and pages show it. */
export interface ContestView {
  readonly id: string;
  readonly name: string;
  readonly kind: ContestKind;
  readonly boundarySet: string;
  readonly baseline: string;
  /** The polling day, or while none is set the latest lawful one. */
  readonly pollingDay: string;
  readonly pollingDayIsLatestPossible: boolean;
  readonly phase: ContestPhase;
  readonly calendar: NominationCalendar;
}

/**
 * The contests Pactroom ships. Past general elections are what-ifs on the results before them;
 * GE2024 was the first on the 2024 boundaries, so no earlier results exist on them (only
 * modelled "notional" 2019 results, which we do not ship): its baseline is its own result, a
 * hindsight what-if ("had they stood aside, given how people voted"), and says so.
 */
export const SHIPPED_CONTESTS: readonly Contest[] = [
  {
    id: 'next-general',
    name: 'Next general election',
    kind: 'general',
    boundarySet: '2024',
    baseline: 'ge2024',
    pollingDay: null,
    // The Parliament elected on 4 July 2024 first met on 9 July 2024 (Commons Journal).
    parliamentFirstMet: '2024-07-09',
    extraNonWorkingDays: [],
  },
  past('ge2024', 'General election 2024', '2024', 'ge2024', '2024-07-04'),
  past('ge2019', 'General election 2019', '2010', 'ge2017', '2019-12-12'),
  past('ge2017', 'General election 2017', '2010', 'ge2015', '2017-06-08'),
];

function past(
  id: string,
  name: string,
  boundarySet: string,
  baseline: string,
  pollingDay: string,
): Contest {
  return {
    id,
    name,
    kind: 'general',
    boundarySet,
    baseline,
    pollingDay,
    parliamentFirstMet: null,
    extraNonWorkingDays: [],
  };
}

/** The calendar and phase of `contest` at `now`. */
export function describeContest(contest: Contest, now: Date): ContestView {
  const options = { extraNonWorkingDays: contest.extraNonWorkingDays };
  const pollingDay =
    contest.pollingDay ??
    (contest.parliamentFirstMet ? latestPollingDay(contest.parliamentFirstMet, options) : null);
  if (pollingDay === null) {
    throw new RangeError(`contest ${contest.id} has neither a polling day nor a Parliament`);
  }
  const calendar = nominationCalendar(pollingDay, options);
  // Polls close at 10 pm London time: a day later in UTC is a safe "after polling day" for
  // everyone without tracking the count.
  const pollingOver = now.getTime() >= Date.parse(`${pollingDay}T00:00:00Z`) + 86_400_000;
  const phase: ContestPhase = pollingOver
    ? 'past'
    : now.getTime() >= Date.parse(calendar.withdrawalDeadline)
      ? 'nominations-closed'
      : 'open';
  return {
    id: contest.id,
    name: contest.name,
    kind: contest.kind,
    boundarySet: contest.boundarySet,
    baseline: contest.baseline,
    pollingDay,
    pollingDayIsLatestPossible: contest.pollingDay === null,
    phase,
    calendar,
  };
}

/**
 * The contest a request naming only `election` (a result set, the API's field before contests)
 * means: the contest that election is the baseline of — an upcoming one first, so `ge2024` means
 * the next general election —, else the contest that *is* that election with its own results as a
 * hindsight baseline (`ge2019`: no shipped contest starts from 2019 results on 2010 boundaries).
 */
export function contestForElection(
  contests: readonly ContestView[],
  election: string,
): ContestView | undefined {
  const fromBaseline = contests.filter((c) => c.baseline === election);
  return (
    fromBaseline.find((c) => c.phase !== 'past') ??
    fromBaseline[0] ??
    contests.find((c) => c.id === election)
  );
}

/**
 * The latest respond-by a pact for `contest` may have: the withdrawal deadline less `marginHours`
 * (time for coordinators to ratify and candidates to be withdrawn), or `null` when the rule does
 * not apply (a past contest: a what-if has no deadline).
 */
export function latestRespondBy(contest: ContestView, marginHours: number): string | null {
  if (contest.phase === 'past') {
    return null;
  }
  return new Date(
    Date.parse(contest.calendar.withdrawalDeadline) - marginHours * 3_600_000,
  ).toISOString();
}
