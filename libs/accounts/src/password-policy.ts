/**
 * The password rules of NIST SP 800-63B §5.1.1.2 for a password a person chooses: long enough, not
 * absurdly long, and not one known from breaches. No composition rules (they make passwords worse,
 * not better) and no expiry. Pure: the breached list is handed in (the app reads it once from
 * `libs/accounts/data/breached-passwords.txt`).
 */

/** At least this many characters (as the account DTOs have always required). */
export const PASSWORD_MIN_LENGTH = 12;
/** At most this many: argon2 takes any length, the cap only bounds the work per request. */
export const PASSWORD_MAX_LENGTH = 200;

/** Why a new password is refused. */
export type PasswordProblem = 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_LONG' | 'PASSWORD_BREACHED';

/** The shipped list's text (one password a line) as a set; blank lines and `#` comments skipped. */
export function parseBreachedList(text: string): ReadonlySet<string> {
  const set = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim().toLowerCase();
    if (entry !== '' && !entry.startsWith('#')) {
      set.add(entry);
    }
  }
  return set;
}

/** True when the password, lower-cased, is on the breached list. */
export function isBreachedPassword(password: string, breached: ReadonlySet<string>): boolean {
  return breached.has(password.toLowerCase());
}

/** The first rule a new password breaks, or null. Length counts characters, not UTF-16 units. */
export function checkNewPassword(
  password: string,
  breached: ReadonlySet<string>,
): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return 'PASSWORD_TOO_SHORT';
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return 'PASSWORD_TOO_LONG';
  }
  return isBreachedPassword(password, breached) ? 'PASSWORD_BREACHED' : null;
}
