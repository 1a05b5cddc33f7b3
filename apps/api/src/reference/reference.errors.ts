import { ApiError } from '../common/api-error.js';

export const ReferenceErrors = {
  electionNotFound: () => new ApiError(404, 'ELECTION_NOT_FOUND', 'No such election.'),
  constituencyNotFound: () =>
    new ApiError(404, 'CONSTITUENCY_NOT_FOUND', 'No such constituency in this election.'),
};
