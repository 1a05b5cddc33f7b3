import type { PipeTransform } from '@nestjs/common';
import { PactErrors } from './pacts.errors.js';

/** A revision number in the path: a positive integer, else there is no such revision (404). */
export const revisionPipe: PipeTransform<string, number> = {
  transform(value: string): number {
    const n = Number(value);
    if (!/^\d{1,7}$/.test(value) || n < 1) {
      throw PactErrors.revisionNotFound();
    }
    return n;
  },
};
