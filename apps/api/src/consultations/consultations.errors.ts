import { ApiError } from '../common/api-error.js';

/** Error codes of the consultation routes (docs/api.md, "Members' consultations"). */
export const ConsultationErrors = {
  notFound: () =>
    new ApiError(404, 'CONSULTATION_NOT_FOUND', 'No such consultation, or not one you can see.'),
  notCoordinator: () =>
    new ApiError(
      403,
      'NOT_REQUIRED_APPROVER',
      'Only a coordinator whose approval the pact needs may consult their members on it.',
    ),
  notSigned: (status: string) =>
    new ApiError(
      409,
      'PACT_NOT_SIGNED',
      `Members are consulted on signed terms: this pact is ${status}, not signed.`,
    ),
  alreadyApproved: () =>
    new ApiError(
      409,
      'ALREADY_APPROVED',
      'You have already approved this revision: a consultation now could change nothing.',
    ),
  exists: (id: string) =>
    new ApiError(
      409,
      'CONSULTATION_EXISTS',
      'Your members have already been consulted on this revision (one consultation per party, region and revision).',
      { consultationId: id },
    ),
  closingTime: (message: string) =>
    new ApiError(422, 'INVALID_CLOSING_TIME', message, [
      { field: 'closesAt', problems: [message] },
    ]),
  rules: (field: string, problem: string) =>
    new ApiError(422, 'INVALID_RULES', `${field}: ${problem}`, [{ field, problems: [problem] }]),
  noElectorate: (scope: string) =>
    new ApiError(
      422,
      'NO_MEMBERS_TO_CONSULT',
      scope === 'local-parties'
        ? 'No member accounts are attached to your local parties in this pact: consult the region instead, or invite the members first.'
        : 'No member accounts of your party in this region: invite the members first.',
      [{ field: 'scope', problems: ['no members to consult'] }],
    ),
  notElector: () =>
    new ApiError(
      403,
      'NOT_CONSULTED',
      'Only the members this consultation asks may give a stance on it.',
    ),
  ended: (ending: string) =>
    new ApiError(
      409,
      'CONSULTATION_CLOSED',
      ending === 'voided'
        ? 'This consultation was voided: the terms it asked about changed.'
        : 'This consultation has closed: stances are no longer taken.',
    ),
  notOpener: () =>
    new ApiError(
      403,
      'NOT_OPENER',
      'Only the coordinator who opened this consultation may close it early.',
    ),
  stance: (code: string, message: string) =>
    new ApiError(422, code, message, [{ field: 'reason', problems: [message] }]),
  stillOpen: (closesAt: string) =>
    new ApiError(
      409,
      'CONSULTATION_OPEN',
      `Your members' consultation on this revision is open until ${closesAt}: close it, or wait, before approving.`,
    ),
  overrideRequired: () =>
    new ApiError(
      422,
      'CONSULTATION_OVERRIDE_REQUIRED',
      'Your members’ consultation on this revision did not pass (or a member blocked): approving needs a written reason (consultationOverride), which is recorded.',
      [{ field: 'consultationOverride', problems: ['a reason is required'] }],
    ),
};
