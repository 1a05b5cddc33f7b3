import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The error body of API.md, for the OpenAPI document. */
export class ErrorBodyDto {
  @ApiProperty({ example: 'PACT_NOT_FOUND' })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ description: 'Per-field problems for 400, extra facts for other codes' })
  details?: unknown;

  @ApiProperty({
    description: 'Also sent as the x-request-id header; quote it when reporting a problem',
  })
  requestId!: string;
}

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Malformed request or unknown fields (VALIDATION_FAILED, INVALID_JSON)',
  401: 'Missing, invalid or expired credentials',
  403: 'Your role does not allow this action',
  404: 'Not found, or not visible to you',
  409: 'Stale revision, conflict or wrong state',
  413: 'Request body too large',
  422: 'Well-formed but breaks a business rule',
  429: 'Throttled; see Retry-After',
  503: 'Database unavailable or busy',
};

/** Documents the error responses a route can give, all with the one error body. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBodyDto }),
    ),
  );
}
