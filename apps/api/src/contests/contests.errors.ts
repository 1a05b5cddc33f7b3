import { ApiError } from '../common/api-error.js';

/** Error codes of the contest routes and of pacts naming a contest (API contract). */
export const ContestErrors = {
  notFound: (id: string) => new ApiError(404, 'CONTEST_NOT_FOUND', `No contest ${id}.`),
  unknown: (id: string) =>
    new ApiError(
      422,
      'UNKNOWN_CONTEST',
      `No contest ${id}: GET /api/contests lists them (next-general, ge2024, ge2019, ge2017).`,
    ),
  noContestForElection: (election: string) =>
    new ApiError(
      422,
      'UNKNOWN_ELECTION',
      `No contest uses the results ${election}: name a contest instead (GET /api/contests lists them).`,
    ),
  baselineBoundaryMismatch: (election: string, contest: string, boundarySet: string) =>
    new ApiError(
      422,
      'BASELINE_BOUNDARY_MISMATCH',
      `${election} is not on the ${boundarySet} boundaries of ${contest}: leave election out to use the contest's baseline.`,
    ),
  pollingDayPast: (id: string) =>
    new ApiError(409, 'CONTEST_HELD', `${id} has been held; its polling day cannot change.`),
  deadlinePassed: (message: string) =>
    new ApiError(
      409,
      'CONTEST_DEADLINE_PASSED',
      `${message.charAt(0).toUpperCase()}${message.slice(1)}.`,
    ),
  nominationsOpen: (name: string, deadline: string) =>
    new ApiError(
      409,
      'NOMINATIONS_OPEN',
      `Nominations for the ${name} are open until ${deadline}: import who was nominated after that, when candidates can no longer withdraw.`,
    ),
  pollingDayOutOfRange: (message: string) => new ApiError(422, 'INVALID_POLLING_DAY', message),
};
