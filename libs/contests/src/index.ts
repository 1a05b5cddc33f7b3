export { isTimetableDay, ukBankHolidays } from './bank-holidays.js';
export {
  isIsoDate,
  latestPollingDay,
  londonTimeToUtc,
  nominationCalendar,
  stepWorkingDays,
  type CalendarOptions,
  type NominationCalendar,
} from './calendar.js';
export {
  SHIPPED_CONTESTS,
  contestForElection,
  describeContest,
  latestRespondBy,
  type Contest,
  type ContestKind,
  type ContestPhase,
  type ContestView,
} from './contests.js';
export { checkAgainstDeadline, type DeadlineVerdict } from './deadlines.js';
