import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ELECTIONS, parseCsv, parseElection, parseUniteToRemain, seatTotals } from './index.js';

const dataDir = new URL('../data/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dataDir), 'utf8');
const load = (code: string) => {
  const info = ELECTIONS.find((e) => e.code === code);
  if (!info) {
    throw new Error(code);
  }
  return parseElection(info, read(info.resultsFile), read(info.candidatesFile));
};

describe('parseCsv', () => {
  it.each([
    [
      'plain fields',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['quoted comma', 'a\n"Brighton, Pavilion"\n', [['a'], ['Brighton, Pavilion']]],
    [
      'doubled quote and CRLF',
      'a,b\r\n"say ""hi""",x\r\n',
      [
        ['a', 'b'],
        ['say "hi"', 'x'],
      ],
    ],
    ['no trailing newline', 'a\n1', [['a'], ['1']]],
  ])('%s', (_name, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('"abc')).toThrow('unterminated');
  });
});

describe('parseElection on the shipped files', () => {
  it('reproduces the published 2017 seat totals', () => {
    expect(seatTotals(load('ge2017'))).toEqual({
      con: 317,
      lab: 262,
      snp: 35,
      ld: 12,
      dup: 10,
      sf: 7,
      pc: 4,
      green: 1,
      speaker: 1,
      ind: 1,
    });
  });

  it.each([
    [
      'ge2015',
      {
        con: 330,
        lab: 232,
        snp: 56,
        ld: 8,
        dup: 8,
        sf: 4,
        pc: 3,
        sdlp: 3,
        uup: 2,
        ukip: 1,
        green: 1,
        speaker: 1,
        ind: 1,
      },
    ],
    [
      'ge2019',
      {
        con: 365,
        lab: 202,
        snp: 48,
        ld: 11,
        dup: 8,
        sf: 7,
        pc: 4,
        sdlp: 2,
        alliance: 1,
        green: 1,
        speaker: 1,
      },
    ],
    [
      'ge2024',
      {
        lab: 411,
        con: 121,
        ld: 72,
        snp: 9,
        sf: 7,
        ind: 6,
        dup: 5,
        reform: 5,
        green: 4,
        pc: 4,
        sdlp: 2,
        alliance: 1,
        uup: 1,
        tuv: 1,
        speaker: 1,
      },
    ],
  ])('reproduces the published %s seat totals', (code, totals) => {
    const seats = seatTotals(load(code));
    expect(seats).toEqual(totals);
    expect(Object.values(seats).reduce((a, b) => a + b, 0)).toBe(650);
  });

  it('gives Hastings and Rye 2017 as published', () => {
    const seat = load('ge2017').constituencies.find((c) => c.onsCode === 'E14000735');
    expect(seat).toMatchObject({
      name: 'Hastings and Rye',
      region: 'south-east',
      votes: { con: 25668, lab: 25322, ld: 1885, ukip: 1479, ind: 412 },
      winner: 'con',
      majority: 346,
    });
  });

  it('takes the winner from the elected candidate, not the largest summed row', () => {
    const seat = load('ge2024').constituencies.find(
      (c) => c.name === 'Birmingham Hall Green and Moseley',
    );
    expect(seat?.winner).toBe('lab');
    expect((seat?.votes.ind ?? 0) > (seat?.votes.lab ?? 0)).toBe(true);
  });

  it('refuses a file whose votes do not add up', () => {
    const info = ELECTIONS[1];
    if (!info) {
      throw new Error('no ge2017');
    }
    const broken = read(info.resultsFile).replace(
      '2017,E14000735,Hastings and Rye,South East,England,78319,54766,con,25668',
      '2017,E14000735,Hastings and Rye,South East,England,78319,54766,con,25669',
    );
    expect(() => parseElection(info, broken, read(info.candidatesFile))).toThrow('votes sum to');
  });
});

describe('parseUniteToRemain', () => {
  it('lists the 60 pact seats and 3 Lib Dem stand-downs', () => {
    const seats = parseUniteToRemain(read('unite_to_remain_2019.csv'));
    expect(seats).toHaveLength(63);
    expect(seats.filter((s) => s.arrangement === 'unite_to_remain')).toHaveLength(60);
    expect(seats.find((s) => s.onsCode === 'E14000598')).toMatchObject({
      beneficiary: 'green',
      partiesStandingAside: ['ld'],
    });
  });
});
