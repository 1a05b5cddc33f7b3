import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable } from '@nestjs/common';
import { checkNewPassword, parseBreachedList } from '@pactroom/accounts';
import { ApiError } from '../common/api-error.js';

const LIST = join('libs', 'accounts', 'data', 'breached-passwords.txt');

/** The shipped list, found by walking up from this module (src/, dist/ and the image alike). */
function readBreachedList(): ReadonlySet<string> {
  for (
    let dir = dirname(fileURLToPath(import.meta.url));
    dirname(dir) !== dir;
    dir = dirname(dir)
  ) {
    if (existsSync(join(dir, LIST))) {
      return parseBreachedList(readFileSync(join(dir, LIST), 'utf8'));
    }
  }
  throw new Error(`${LIST} not found above the running module`);
}

/** The error for a new password on the breached list, naming the form's field. */
export function passwordBreached(field: string): ApiError {
  return new ApiError(
    400,
    'PASSWORD_BREACHED',
    'This password is on a list of passwords exposed in data breaches, so it is easy to guess. Choose another: a few unrelated words make a long password that is easy to remember.',
    [{ field, problems: ['is a password known from data breaches; choose another'] }],
  );
}

/**
 * Checks every password a person chooses or an administrator sets (NIST SP 800-63B): the DTOs
 * already bound its length; this adds the breached-password list, read once per process.
 */
@Injectable()
export class PasswordPolicy {
  private breached: ReadonlySet<string> | undefined;

  /** Throws 400 PASSWORD_BREACHED (or VALIDATION_FAILED for a length) naming `field`. */
  assertAcceptable(password: string, field: string): void {
    this.breached ??= readBreachedList();
    const problem = checkNewPassword(password, this.breached);
    if (problem === 'PASSWORD_BREACHED') {
      throw passwordBreached(field);
    }
    if (problem !== null) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'The request is malformed.', [
        {
          field,
          problems: [
            problem === 'PASSWORD_TOO_SHORT'
              ? `${field} must be longer than or equal to 12 characters`
              : `${field} must be shorter than or equal to 200 characters`,
          ],
        },
      ]);
    }
  }
}
