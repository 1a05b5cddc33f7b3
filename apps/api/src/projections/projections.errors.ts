import type { ScenarioProblem } from '@pactroom/seat-projection';
import { ApiError } from '../common/api-error.js';

/** Stand-asides one projection request may name: every seat, a party or so each. */
export const MAX_STAND_ASIDES = 700;

export const ProjectionErrors = {
  unknownElection: (code: string) =>
    new ApiError(422, 'UNKNOWN_ELECTION', `No shipped election ${code}.`),
  transferSetNotFound: () => new ApiError(404, 'TRANSFER_SET_NOT_FOUND', 'No such transfer set.'),
  invalidTransfers: (problems: readonly ScenarioProblem[]) =>
    new ApiError(
      400,
      'INVALID_TRANSFERS',
      'The transfer matrix is not valid: rates lie in [0, 1] and each row sums to at most 1.',
      problems,
    ),
  tooMany: (limit: number) =>
    new ApiError(
      429,
      'TOO_MANY_PROJECTIONS',
      `At most ${limit} projections per account may be queued or running at once; wait for one to finish.`,
      { limit, retryAfterSeconds: 1 },
      { 'retry-after': '1' },
    ),
  busy: () =>
    new ApiError(
      503,
      'PROJECTIONS_BUSY',
      'Too many projections are waiting; try again in a few seconds.',
      { retryAfterSeconds: 2 },
      { 'retry-after': '2' },
    ),
  bodyTooLarge: (bytes: number) =>
    new ApiError(
      413,
      'PAYLOAD_TOO_LARGE',
      `A projection request may be at most ${bytes / 1024} KiB (${MAX_STAND_ASIDES} stand-asides).`,
    ),
  cancelled: () =>
    new ApiError(503, 'PROJECTION_CANCELLED', 'The projection was stopped: its client had gone.'),
  invalidScenario: (problems: readonly ScenarioProblem[]) =>
    new ApiError(422, 'INVALID_SCENARIO', 'The scenario does not fit the election.', problems),
};
