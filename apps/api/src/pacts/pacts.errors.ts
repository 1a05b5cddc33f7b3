import type { Rejection, RejectionCode } from '@pactroom/negotiation';
import { ApiError } from '../common/api-error.js';

/** Each rejection code of `decide` → HTTP status (API.md: 403 role, 409 state/staleness, 422 rules). */
const STATUS: Readonly<Record<RejectionCode, number>> = {
  NOT_PARTICIPANT: 403,
  NOT_AUTHOR: 403,
  NOT_REQUIRED_APPROVER: 403,
  AMBIGUOUS_ACTOR: 400,
  WRONG_STATE: 409,
  PACT_EXPIRED: 409,
  NOT_DUE: 409,
  STALE_REVISION: 409,
  CONFLICTING_PACT: 409,
  INVALID_TERMS: 422,
  INVALID_PARTICIPANTS: 422,
  INVALID_RESPOND_BY: 422,
  RESPOND_BY_AFTER_DEADLINE: 422,
  REASON_REQUIRED: 422,
};

/** Error codes of the pact routes (API contract). */
export const PactErrors = {
  notFound: () => new ApiError(404, 'PACT_NOT_FOUND', 'No such pact, or not one you can see.'),
  revisionNotFound: () => new ApiError(404, 'REVISION_NOT_FOUND', 'No such revision of this pact.'),
  electionNotFound: (code: string) =>
    new ApiError(422, 'UNKNOWN_ELECTION', `No loaded election ${code}.`),
  unknownLocalParties: (ids: string[]) =>
    new ApiError(422, 'UNKNOWN_LOCAL_PARTY', 'Some local parties do not exist.', {
      localParties: ids,
    }),
  /** Local parties with no seats on the boundary set of the pact's election. */
  boundaryMismatch: (
    boundarySet: string,
    localParties: { id: string; name: string; boundarySets: string[] }[],
  ) =>
    new ApiError(
      422,
      'LOCAL_PARTY_BOUNDARY_MISMATCH',
      `${localParties
        .map(
          (lp) =>
            `${lp.name} has no seats on the ${boundarySet} boundaries this election uses (its seats are on ${lp.boundarySets.join(' and ') || 'no boundary set'})`,
        )
        .join(
          '; ',
        )}. A coordinator of its party and region (or an admin) can add its ${boundarySet} seats: ` +
        'Administration → Local parties → Edit, or PATCH /api/local-parties/{id} with its constituencies.',
      {
        boundarySet,
        localParties: localParties.map((lp) => lp.id),
        localPartyNames: localParties.map((lp) => lp.name),
      },
    ),
  localPartiesRetired: (localParties: { id: string; name: string; retiredAt: string }[]) =>
    new ApiError(
      422,
      'LOCAL_PARTY_RETIRED',
      `${localParties
        .map((lp) => `${lp.name} was retired on ${lp.retiredAt.slice(0, 10)}`)
        .join(
          '; ',
        )}: a retired local party takes part in no new pact. Choose the local party that now covers its seats.`,
      { localParties: localParties.map((lp) => lp.id) },
    ),
  expired: (respondBy: string) =>
    new ApiError(409, 'PACT_EXPIRED', `The respond-by deadline ${respondBy} has passed.`),
  notRatified: () =>
    new ApiError(
      409,
      'PACT_NOT_RATIFIED',
      'Only a ratified (or terminated) pact has a certificate.',
    ),
  idempotencyKeyReused: () =>
    new ApiError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used for a different request.',
    ),
  invalidIdempotencyKey: () =>
    new ApiError(
      400,
      'INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key must be 1–200 visible ASCII characters.',
    ),
  rejected: (rejection: Rejection) =>
    new ApiError(
      STATUS[rejection.code],
      rejection.code,
      rejection.message,
      rejection.problems ?? rejection.conflicts ?? rejection.item,
    ),
};
