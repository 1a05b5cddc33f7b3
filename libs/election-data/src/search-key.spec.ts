import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { searchKey } from './search-key.js';

const finds = (query: string, name: string) => searchKey(name).includes(searchKey(query));

describe('searchKey', () => {
  it.each([
    ['hastings & rye', 'Hastings and Rye'],
    ['HASTINGS AND RYE', 'Hastings and Rye'],
    ['ynys mon', 'Ynys Môn'],
    ['Ynys Môn', 'Ynys Môn'],
    ['môn', 'Ynys Môn'],
    ['st helens', 'St. Helens North'],
    ['brighton pavilion', 'Brighton, Pavilion'],
    ['na h-eileanan', 'Na h-Eileanan an Iar'],
    ['  lewes  ', 'Lewes'],
  ])('finds %j in %j', (query, name) => {
    expect(finds(query, name)).toBe(true);
  });

  it.each([
    ['hastings & lewes', 'Hastings and Rye'],
    ['rye hastings', 'Hastings and Rye'],
  ])('does not find %j in %j', (query, name) => {
    expect(finds(query, name)).toBe(false);
  });

  it('gives lower-case letters, digits and single spaces only, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const key = searchKey(text);
        return /^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/.test(key) && searchKey(key) === key;
      }),
    );
  });
});
