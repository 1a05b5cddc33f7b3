import { ApiError } from '../common/api-error.js';

/** Error codes of the audit routes (API contract). */
export const AuditErrors = {
  checkpointNotFound: (seq: number) =>
    new ApiError(404, 'CHECKPOINT_NOT_FOUND', `There is no tree head ${seq}.`),
  notCheckpointed: () =>
    new ApiError(
      409,
      'NOT_CHECKPOINTED',
      'This pact’s audit chain is not in that tree head yet: chains are checkpointed every few minutes and at each ratification.',
    ),
  logUnverified: () =>
    new ApiError(
      503,
      'AUDIT_LOG_UNVERIFIED',
      'The audit log fails verification, so no certificate can be issued until an administrator has looked into it (GET /api/audit/verify).',
    ),
  backwards: () =>
    new ApiError(
      400,
      'INVALID_CONSISTENCY_RANGE',
      '`from` must not be a later tree head than `to`.',
    ),
};
