import { isTimetableDay } from './bank-holidays.js';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A general election's statutory timetable, as instants in UTC (`toISOString()` form) except
 * `pollingDay`, a calendar date.
 *
 * Representation of the People Act 1983, Schedule 1, rule 1 (timetable, as amended by the Electoral
 * Registration and Administration Act 2013): delivery of nomination papers closes, and notices of
 * withdrawal must be delivered, by **4 pm on the 19th day before the day of the election**, days
 * disregarded under rule 2 not counting (see `bank-holidays.ts`). The 4 pm is London time, so it is
 * 15:00 UTC in summer time and 16:00 UTC in winter.
 */
export interface NominationCalendar {
  /** `YYYY-MM-DD`. */
  readonly pollingDay: string;
  /** 4 pm London time, 19 working days before polling day. */
  readonly nominationsClose: string;
  /** The same instant: the last moment a candidate can withdraw — when a stand-aside is final. */
  readonly withdrawalDeadline: string;
}

export interface CalendarOptions {
  /** Days of public thanksgiving or mourning that were not bank holidays (`YYYY-MM-DD`). */
  readonly extraNonWorkingDays?: readonly string[];
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) {
    return false;
  }
  return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

/** The calendar of a general election held on `pollingDay` (`YYYY-MM-DD`). */
export function nominationCalendar(
  pollingDay: string,
  options: CalendarOptions = {},
): NominationCalendar {
  assertIsoDate(pollingDay);
  const extra = new Set(options.extraNonWorkingDays ?? []);
  const closeDay = stepWorkingDays(pollingDay, -19, extra);
  const close = londonTimeToUtc(closeDay, 16);
  return { pollingDay, nominationsClose: close, withdrawalDeadline: close };
}

/**
 * The latest lawful polling day of the general election that follows a Parliament that first met
 * on `firstMet` (`YYYY-MM-DD`). Dissolution and Calling of Parliament Act 2022, s.4(1): a Parliament
 * "dissolves at the beginning of the day that is the fifth anniversary of the day on which it first
 * met", unless dissolved sooner; RPA 1983 Sch. 1 r.1: polling day is the 25th day after the day of
 * dissolution, rule 2's days not counting. The Parliament elected in December 2019 first met on
 * 17 December 2019, so the latest date for the 2024 election was 28 January 2025; for the Parliament that first met
 * on 9 July 2024 it is 15 August 2029.
 */
export function latestPollingDay(firstMet: string, options: CalendarOptions = {}): string {
  assertIsoDate(firstMet);
  const [year, month, day] = firstMet.split('-').map(Number);
  // A Parliament first meeting on 29 February would dissolve on 1 March (no 29 Feb five years on).
  const dissolution = new Date(Date.UTC(year + 5, month - 1, day)).toISOString().slice(0, 10);
  return stepWorkingDays(dissolution, 25, new Set(options.extraNonWorkingDays ?? []));
}

/** The date `count` timetable days after (or, negative, before) `isoDate`. */
export function stepWorkingDays(
  isoDate: string,
  count: number,
  extraNonWorkingDays: ReadonlySet<string> = new Set(),
): string {
  const direction = Math.sign(count);
  let remaining = Math.abs(count);
  let at = Date.parse(`${isoDate}T00:00:00Z`);
  while (remaining > 0) {
    at += direction * DAY_MS;
    if (isTimetableDay(new Date(at).toISOString().slice(0, 10), extraNonWorkingDays)) {
      remaining -= 1;
    }
  }
  return new Date(at).toISOString().slice(0, 10);
}

/** The UTC instant of `hour`:00 London time on `isoDate` (GMT or BST, whichever applies). */
export function londonTimeToUtc(isoDate: string, hour: number): string {
  const guess = Date.parse(`${isoDate}T${String(hour).padStart(2, '0')}:00:00Z`);
  // London is UTC or UTC+1; read the wall-clock hour London shows at the guess and step back by
  // the difference. Never near a clock change at 4 pm, so one correction is exact.
  const londonHour = Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(guess)),
  );
  const offsetHours = (londonHour - hour + 24) % 24;
  return new Date(guess - offsetHours * 3_600_000).toISOString();
}

function assertIsoDate(text: string): void {
  if (!isIsoDate(text)) {
    throw new RangeError(`${text} is not a date written YYYY-MM-DD`);
  }
}
