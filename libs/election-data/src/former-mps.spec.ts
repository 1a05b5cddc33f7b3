import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ELECTIONS, markFormerMps, parseShippedElection, type ElectionResults } from './index.js';

const dataDir = new URL('../data/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dataDir), 'utf8');

/** Winners not sitting at the dissolution, and those of them who had won before. */
function returning(results: ElectionResults): { notSitting: number; former: string[] } {
  const winners = results.constituencies.flatMap((c) => c.candidates.filter((x) => x.elected));
  const notSitting = winners.filter((w) => !w.sittingMp);
  return {
    notSitting: notSitting.length,
    former: notSitting.filter((w) => w.formerMp).map((w) => w.name),
  };
}

describe('markFormerMps', () => {
  it('finds the MPs who came back after a break in the shipped elections', () => {
    const r2017 = returning(parseShippedElection('ge2017', read));
    expect(r2017).toEqual({ notSitting: 99, former: ['Zac Goldsmith'] });
    const r2019 = returning(parseShippedElection('ge2019', read));
    expect(r2019.notSitting).toBe(155);
    expect(r2019.former).toHaveLength(14);
    expect(r2019.former).toEqual(expect.arrayContaining(['Caroline Ansell', 'Edward Timpson']));
    const r2024 = returning(parseShippedElection('ge2024', read));
    expect(r2024.former).toHaveLength(8);
    expect(r2024.former).toEqual(expect.arrayContaining(['Heidi Alexander', 'Stephen Gethins']));
  });

  it('marks nobody in the first shipped election', () => {
    expect(returning(parseShippedElection('ge2015', read)).former).toEqual([]);
  });

  it('needs the same party and ignores accents, case and spacing in the name', () => {
    const info = ELECTIONS[1];
    const seat = (party: string, name: string, elected: boolean) => ({
      onsCode: `${party}-${name}`,
      name: 'Somewhere',
      region: 'London',
      country: 'England',
      electorate: 100,
      validVotes: 10,
      votes: { [party]: 10 },
      winner: party,
      majority: 10,
      candidates: [{ party, name, votes: 10, elected, sittingMp: false, formerMp: false }],
    });
    const earlier: ElectionResults = {
      election: ELECTIONS[0],
      constituencies: [seat('lab', 'Siân  Jones', true), seat('con', 'Ann Smith', false)],
    };
    const later: ElectionResults = {
      election: info,
      constituencies: [
        seat('lab', 'sian jones', true),
        seat('ld', 'Siân Jones', true),
        seat('con', 'Ann Smith', true),
      ],
    };
    const marked = markFormerMps(later, [earlier]);
    expect(marked.constituencies.map((c) => c.candidates[0].formerMp)).toEqual([
      true,
      false,
      false,
    ]);
    // The input is left as it was.
    expect(later.constituencies[0].candidates[0].formerMp).toBe(false);
  });

  it('refuses an election that is not shipped', () => {
    expect(() => parseShippedElection('ge1997', read)).toThrow('no shipped election ge1997');
  });
});
