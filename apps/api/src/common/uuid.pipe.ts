import { type PipeTransform } from '@nestjs/common';
import { ApiError } from './api-error.js';
import { UUID } from './validation.decorators.js';

/**
 * A path id that is not a UUID cannot name anything: answer the route's 404 code rather than a 400,
 * so malformed and unknown ids look the same to a caller probing for records.
 */
export function uuidPipe(notFoundCode: string): PipeTransform<string, string> {
  return {
    transform(value: string): string {
      if (!UUID.test(value)) {
        throw new ApiError(404, notFoundCode, 'Not found.');
      }
      return value.toLowerCase();
    },
  };
}
