import fc from 'fast-check';
import { isTimetableDay, ukBankHolidays } from './bank-holidays.js';
import {
  isIsoDate,
  latestPollingDay,
  londonTimeToUtc,
  nominationCalendar,
  stepWorkingDays,
} from './calendar.js';

describe('nominationCalendar against the published timetables', () => {
  // Returning officers' notices of election; times are 4 pm London time.
  it.each([
    // 7 May 2015: Good Friday 3 Apr, Easter Monday 6 Apr and the early May bank holiday 4 May skipped.
    ['2015-05-07', '2015-04-09T15:00:00.000Z'],
    // 8 June 2017: the spring bank holiday of 29 May skipped.
    ['2017-06-08', '2017-05-11T15:00:00.000Z'],
    // 12 Dec 2019: Scotland's substitute St Andrew's Day (Mon 2 Dec) counts UK-wide, so Thursday
    // 14 November, not Friday 15; 4 pm GMT is 16:00 UTC.
    ['2019-12-12', '2019-11-14T16:00:00.000Z'],
    // 4 July 2024: Friday 7 June.
    ['2024-07-04', '2024-06-07T15:00:00.000Z'],
  ])('polling on %s: nominations and withdrawals close at %s', (pollingDay, close) => {
    const calendar = nominationCalendar(pollingDay);
    expect(calendar).toEqual({
      pollingDay,
      nominationsClose: close,
      withdrawalDeadline: close,
    });
  });

  it('counts a day of mourning the contest names', () => {
    const withMourning = nominationCalendar('2024-07-04', { extraNonWorkingDays: ['2024-06-20'] });
    expect(withMourning.nominationsClose).toBe('2024-06-06T15:00:00.000Z');
  });

  it('rejects a polling day that is not a date', () => {
    expect(() => nominationCalendar('2024-02-30')).toThrow(RangeError);
    expect(() => nominationCalendar('4 July 2024')).toThrow(RangeError);
  });
});

describe('latestPollingDay (Dissolution and Calling of Parliament Act 2022, s.4)', () => {
  it('gives 28 January 2025 for the Parliament that first met on 17 December 2019', () => {
    // The date published at the time: Christmas Eve, Christmas Day, Boxing Day, New Year's Day and
    // Scotland's 2 January all fall in the 25 days.
    expect(latestPollingDay('2019-12-17')).toBe('2025-01-28');
  });

  it('gives 15 August 2029 for the Parliament that first met on 9 July 2024', () => {
    // Dissolved at the start of Monday 9 July 2029; Northern Ireland's Battle of the Boyne
    // (12 July) and Scotland's summer bank holiday (6 August) do not count.
    expect(ukBankHolidays(2029).has('2029-07-12')).toBe(true);
    expect(ukBankHolidays(2029).has('2029-08-06')).toBe(true);
    expect(latestPollingDay('2024-07-09')).toBe('2029-08-15');
  });
});

describe('timetable days', () => {
  it('disregards weekends, Christmas Eve, Good Friday and every nation’s bank holidays', () => {
    const none = new Set<string>();
    expect(isTimetableDay('2019-11-16', none)).toBe(false); // Saturday
    expect(isTimetableDay('2024-12-24', none)).toBe(false); // Christmas Eve, a Tuesday
    expect(isTimetableDay('2029-03-30', none)).toBe(false); // Good Friday
    expect(isTimetableDay('2019-07-12', none)).toBe(false); // Battle of the Boyne (NI)
    expect(isTimetableDay('2025-01-02', none)).toBe(false); // 2 January (Scotland)
    expect(isTimetableDay('2022-09-19', none)).toBe(false); // the Queen's funeral
    expect(isTimetableDay('2019-11-14', none)).toBe(true);
  });

  const dates = fc
    .date({
      min: new Date('2015-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  it('steps back 19 days onto a working day from which 19 steps forward return', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const back = stepWorkingDays(date, -19);
        expect(isTimetableDay(back, new Set())).toBe(true);
        const forward = stepWorkingDays(back, 19);
        // Forward lands on the first working day at or after `date`.
        expect(forward >= date).toBe(true);
        expect(stepWorkingDays(forward, -19)).toBe(back);
      }),
      { numRuns: 300 },
    );
  });

  it('closes nominations at 4 pm London time, 15:00 or 16:00 UTC, before polling day', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const { nominationsClose } = nominationCalendar(date);
        expect(nominationsClose < `${date}T00:00:00.000Z`).toBe(true);
        expect(['15:00:00.000Z', '16:00:00.000Z']).toContain(nominationsClose.slice(11));
      }),
      { numRuns: 300 },
    );
  });

  it('converts London time around the clock changes', () => {
    expect(londonTimeToUtc('2026-03-28', 16)).toBe('2026-03-28T16:00:00.000Z');
    expect(londonTimeToUtc('2026-03-30', 16)).toBe('2026-03-30T15:00:00.000Z');
    expect(londonTimeToUtc('2026-10-26', 16)).toBe('2026-10-26T16:00:00.000Z');
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});
