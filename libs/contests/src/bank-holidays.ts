import Holidays from 'date-holidays';

/**
 * Days that do not count in a UK parliamentary election timetable.
 *
 * Representation of the People Act 1983, Schedule 1 ("Parliamentary elections rules"), rule 2(1):
 * in computing a period of time for the timetable, "a Saturday or Sunday, Christmas Eve, Christmas
 * Day, Good Friday or a bank holiday, or a day appointed for public thanksgiving or mourning" is
 * disregarded. Rule 2(2)(a): at a **general** election "bank holiday" means a bank holiday under the
 * Banking and Financial Dealings Act 1971 **in any part of the United Kingdom** (at a by-election,
 * only in the part where the constituency is). So St Andrew's Day in Scotland and the Battle of the
 * Boyne in Northern Ireland move every constituency's deadline — which is why nominations for
 * 12 December 2019 closed on Thursday 14 November, not Friday 15 (Scotland's substitute St Andrew's
 * Day fell on Monday 2 December 2019).
 *
 * Bank holidays come from `date-holidays` (maintained, rule-based, so it also knows 2029), for the
 * four nations' subdivisions (GB-ENG, GB-WLS, GB-SCT, GB-NIR), types `public` and `bank`; it also
 * carries the one-off proclaimed days (the Queen's funeral, 19 September 2022; the coronation,
 * 8 May 2023). Days of public thanksgiving or mourning that were not bank holidays are not in any
 * library: a contest can name them (`extraNonWorkingDays`).
 */
const NATIONS = ['ENG', 'WLS', 'SCT', 'NIR'] as const;
const COUNTED_TYPES = new Set(['public', 'bank']);

const byYear = new Map<number, ReadonlySet<string>>();

/** ISO dates (`2019-12-02`) of every bank holiday in any UK nation in `year`. */
export function ukBankHolidays(year: number): ReadonlySet<string> {
  const cached = byYear.get(year);
  if (cached) {
    return cached;
  }
  const days = new Set<string>();
  for (const nation of NATIONS) {
    for (const holiday of new Holidays('GB', nation).getHolidays(year)) {
      if (COUNTED_TYPES.has(holiday.type)) {
        days.add(holiday.date.slice(0, 10));
      }
    }
  }
  byYear.set(year, days);
  return days;
}

/** Whether `isoDate` (`YYYY-MM-DD`) counts as a day in a general election timetable. */
export function isTimetableDay(isoDate: string, extraNonWorkingDays: ReadonlySet<string>): boolean {
  const day = new Date(`${isoDate}T00:00:00Z`);
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) {
    return false;
  }
  const monthDay = isoDate.slice(5);
  // Christmas Eve is a dies non although it is no bank holiday; Christmas Day and Good Friday are
  // common-law holidays in England and Wales, not 1971 Act bank holidays, so they are named too.
  if (monthDay === '12-24' || monthDay === '12-25' || isGoodFriday(isoDate)) {
    return false;
  }
  return !ukBankHolidays(day.getUTCFullYear()).has(isoDate) && !extraNonWorkingDays.has(isoDate);
}

/** Good Friday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
function isGoodFriday(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  const easter = Date.UTC(year, month - 1, day);
  const goodFriday = new Date(easter - 2 * 86_400_000).toISOString().slice(0, 10);
  return goodFriday === isoDate;
}
