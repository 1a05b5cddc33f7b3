import { ApiError } from '../common/api-error.js';

export const LocalPartyErrors = {
  notFound: () =>
    new ApiError(404, 'LOCAL_PARTY_NOT_FOUND', 'No such local party, or not one you manage.'),
  unknownParty: (party: string) =>
    new ApiError(422, 'UNKNOWN_PARTY', `No party with code ${party}.`),
  unknownConstituencies: (codes: string[]) =>
    new ApiError(
      422,
      'UNKNOWN_CONSTITUENCY',
      'Some constituencies are not in any loaded boundary set.',
      { constituencies: codes },
    ),
  ambiguousBoundarySet: (codes: string[]) =>
    new ApiError(
      422,
      'AMBIGUOUS_BOUNDARY_SET',
      `${codes.join(', ')} exist${codes.length === 1 ? 's' : ''} on both the 2010 and the 2024 boundaries; name boundarySet.`,
      { constituencies: codes },
    ),
  mixedRegions: (regions: string[]) =>
    new ApiError(422, 'MIXED_REGIONS', 'A local party’s constituencies must lie in one region.', {
      regions,
    }),
  outsideRegion: (region: string, codes: string[]) =>
    new ApiError(
      422,
      'MIXED_REGIONS',
      `${codes.join(', ')} ${codes.length === 1 ? 'lies' : 'lie'} outside this local party’s region (${region}).`,
      { regions: [region], constituencies: codes },
    ),
  outOfScope: () =>
    new ApiError(
      403,
      'LOCAL_PARTY_OUT_OF_SCOPE',
      'Coordinators create local parties of their own party in their own region.',
    ),
  nameTaken: (name: string) =>
    new ApiError(
      409,
      'LOCAL_PARTY_EXISTS',
      `This party already has an active local party called “${name}” in this region.`,
      { name },
    ),
  seatTaken: (clashes: { constituency: string; localPartyId: string; name: string }[]) => {
    const first = clashes[0];
    const others = clashes.length > 1 ? ` (and ${clashes.length - 1} more)` : '';
    return new ApiError(
      409,
      'LOCAL_PARTY_SEAT_TAKEN',
      first
        ? `${first.constituency} is already covered by ${first.name}${others}: remove it there, or retire that local party, first.`
        : 'A seat is already covered by another active local party of this party.',
      { seats: clashes },
    );
  },
  retired: (name: string) =>
    new ApiError(
      409,
      'LOCAL_PARTY_RETIRED',
      `${name} is retired; a retired local party is kept as it was and cannot be changed.`,
    ),
};
