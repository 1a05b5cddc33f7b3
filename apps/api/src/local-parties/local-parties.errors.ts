import { ApiError } from '../common/api-error.js';

export const LocalPartyErrors = {
  unknownParty: (party: string) =>
    new ApiError(422, 'UNKNOWN_PARTY', `No party with code ${party}.`),
  unknownConstituencies: (codes: string[]) =>
    new ApiError(
      422,
      'UNKNOWN_CONSTITUENCY',
      'Some constituencies are not in any loaded boundary set.',
      { constituencies: codes },
    ),
  ambiguousBoundarySet: () =>
    new ApiError(
      422,
      'AMBIGUOUS_BOUNDARY_SET',
      'These codes exist in both boundary sets; name boundarySet.',
    ),
  mixedRegions: (regions: string[]) =>
    new ApiError(422, 'MIXED_REGIONS', 'A local party’s constituencies must lie in one region.', {
      regions,
    }),
  outOfScope: () =>
    new ApiError(
      403,
      'LOCAL_PARTY_OUT_OF_SCOPE',
      'Coordinators create local parties of their own party in their own region.',
    ),
};
