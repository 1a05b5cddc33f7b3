import type { ScenarioProblem } from '@pactroom/seat-projection';
import { ApiError } from '../common/api-error.js';

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
  invalidScenario: (problems: readonly ScenarioProblem[]) =>
    new ApiError(422, 'INVALID_SCENARIO', 'The scenario does not fit the election.', problems),
};
