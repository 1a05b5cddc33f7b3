import { readFileSync } from 'node:fs';
import {
  checkNewPassword,
  isBreachedPassword,
  parseBreachedList,
  PASSWORD_MAX_LENGTH,
} from './password-policy.js';

const shipped = parseBreachedList(
  readFileSync(new URL('../data/breached-passwords.txt', import.meta.url), 'utf8'),
);

describe('password policy', () => {
  it('parses one password a line, lower-cased, skipping blanks and comments', () => {
    const list = parseBreachedList('# a comment\nPassWord1234\n\n  qwertyuiop123  \r\n');
    expect([...list]).toEqual(['password1234', 'qwertyuiop123']);
  });

  it('compares the lower-cased password with the list', () => {
    const list = parseBreachedList('password1234\n');
    expect(isBreachedPassword('PASSWORD1234', list)).toBe(true);
    expect(isBreachedPassword('Password1234', list)).toBe(true);
    expect(isBreachedPassword('password12345', list)).toBe(false);
  });

  it('refuses too short, too long and breached passwords, in that order', () => {
    const list = parseBreachedList('password1234\nshort\n');
    expect(checkNewPassword('short', list)).toBe('PASSWORD_TOO_SHORT');
    expect(checkNewPassword('eleven-char', list)).toBe('PASSWORD_TOO_SHORT');
    expect(checkNewPassword('x'.repeat(PASSWORD_MAX_LENGTH + 1), list)).toBe('PASSWORD_TOO_LONG');
    expect(checkNewPassword('Password1234', list)).toBe('PASSWORD_BREACHED');
    expect(checkNewPassword('twelve-chars', list)).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    // Eleven emoji are 22 UTF-16 units but only 11 characters.
    expect(checkNewPassword('🔑'.repeat(11), new Set())).toBe('PASSWORD_TOO_SHORT');
    expect(checkNewPassword('🔑'.repeat(12), new Set())).toBeNull();
  });

  it('ships a list that refuses well-known breached passwords of the allowed length', () => {
    expect(shipped.size).toBeGreaterThan(17_000);
    for (const known of ['qwerty123456', '1qaz2wsx3edc', 'leavemealone', 'QwertY123456']) {
      expect(checkNewPassword(known, shipped)).toBe('PASSWORD_BREACHED');
    }
  });

  it('does not list the passwords the demo and the tests use', () => {
    for (const ours of ['pactroom-demo', 'correct-horse-battery', 'a-long-enough-password']) {
      expect(isBreachedPassword(ours, shipped)).toBe(false);
    }
  });
});
