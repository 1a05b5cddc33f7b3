/**
 * An expected failure with a stable `code` (API contract) and its HTTP status. Services throw these;
 * the global filter renders them as `{code, message, details?, requestId}`.
 */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

/** Error codes shared by every feature. */
export const CommonErrors = {
  validation: (details: unknown) =>
    new ApiError(400, 'VALIDATION_FAILED', 'The request is malformed.', details),
  unauthenticated: () => new ApiError(401, 'UNAUTHENTICATED', 'Sign in to use this route.'),
  forbidden: (message = 'Your role does not allow this action.') =>
    new ApiError(403, 'FORBIDDEN', message),
  routeNotFound: () => new ApiError(404, 'ROUTE_NOT_FOUND', 'No such route.'),
  conflict: (message: string, details?: unknown) => new ApiError(409, 'CONFLICT', message, details),
  unavailable: (message = 'The service is briefly unavailable; retry shortly.') =>
    new ApiError(503, 'SERVICE_UNAVAILABLE', message),
};
