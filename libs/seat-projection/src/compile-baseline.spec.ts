import { describe, expect, it } from '@jest/globals';
import { ELECTIONS, seatTotals, type ElectionResults } from '@pactroom/election-data';
import { loadBaseline, loadResults } from './fixtures.spec-helper.js';
import { compileBaseline, prepareScenario, project, type ProjectionResult } from './index.js';

const PUBLISHED: Record<string, Record<string, number>> = {
  ge2015: {
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
  ge2017: {
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
  },
  ge2019: {
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
  ge2024: {
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
};

function noChange(code: string): ProjectionResult {
  const prepared = prepareScenario(loadBaseline(code), { standAsides: [], transfers: 'central' });
  if (!prepared.ok) {
    throw new Error(JSON.stringify(prepared.problems));
  }
  return project(prepared.value);
}

const seatsAfter = (r: ProjectionResult) =>
  Object.fromEntries(
    Object.entries(r.seats)
      .filter(([, s]) => s.after > 0)
      .map(([party, s]) => [party, s.after]),
  );

describe('baseline with no stand-asides and no swing', () => {
  it.each(Object.keys(PUBLISHED))('%s reproduces the published seat totals', (code) => {
    const result = noChange(code);
    expect(seatsAfter(result)).toEqual(PUBLISHED[code]);
    expect(seatTotals(loadResults(code))).toEqual(PUBLISHED[code]);
    expect(Object.values(result.seats).reduce((n, s) => n + s.after, 0)).toBe(650);
    expect(result.flips).toEqual([]);
  });

  it.each(Object.keys(PUBLISHED))('%s elects every published winner, seat by seat', (code) => {
    const winners = noChange(code).constituencies.map((c) => [c.onsCode, c.winnerAfter]);
    expect(winners).toEqual(loadResults(code).constituencies.map((c) => [c.onsCode, c.winner]));
  });

  it.each([
    ['Birmingham Hall Green and Moseley', 'lab'],
    ['Bradford West', 'lab'],
  ])('2024 %s: the summed ind row leads but the elected candidate wins', (name, winner) => {
    const result = noChange('ge2024');
    const seat = result.constituencies.find((c) => c.name === name);
    const published = loadResults('ge2024').constituencies.find((c) => c.name === name);
    expect(seat?.winnerAfter).toBe(winner);
    expect(published?.winner).toBe(winner);
    // Displayed votes are the published party totals, residual candidates included.
    expect(seat?.votesBefore).toEqual(published?.votes);
    expect((seat?.votesBefore.ind ?? 0) > (seat?.votesBefore[winner] ?? 0)).toBe(true);
  });

  it('keeps valid votes as the sum of effective and residual votes', () => {
    const b = loadBaseline('ge2024');
    for (let seat = 0; seat < b.nSeats; seat++) {
      let sum = 0;
      for (let p = 0; p < b.nParties; p++) {
        sum += b.votes[seat * b.nParties + p] + b.residual[seat * b.nParties + p];
      }
      expect(sum).toBe(b.validVotes[seat]);
    }
  });

  it('counts as first-term the winners neither sitting at the dissolution nor former MPs', () => {
    const b = loadBaseline('ge2017');
    const count = b.firstTerm.reduce((n, x) => n + x, 0);
    // 99 winners of 2017 were not sitting; Zac Goldsmith (Richmond Park) had won it in 2015.
    expect(count).toBe(98);
    expect(b.firstTerm[b.names.indexOf('Richmond Park')]).toBe(0);
    const unmarked = compileBaseline({
      ...loadResults('ge2017'),
      constituencies: loadResults('ge2017').constituencies.map((c) => ({
        ...c,
        candidates: c.candidates.map((x) => ({ ...x, formerMp: false })),
      })),
    });
    expect(unmarked.firstTerm[b.names.indexOf('Richmond Park')]).toBe(1);
  });

  it('orders parties by national votes, the order that breaks exact ties', () => {
    expect(loadBaseline('ge2017').parties.slice(0, 4)).toEqual(['con', 'lab', 'ld', 'snp']);
  });

  it.each([
    ['x', 'x has more national votes', { x: 100, y: 5 }],
    ['y', 'y has more national votes', { y: 200 }],
  ])('gives an exact tie to %s when %s', (winner, _why, other) => {
    const info = ELECTIONS[0];
    if (!info) {
      throw new Error('no election');
    }
    const seat = (onsCode: string, votes: Record<string, number>) => {
      const top = Object.entries(votes).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
      return {
        onsCode,
        name: onsCode,
        region: 'london',
        country: 'England',
        electorate: 1000,
        validVotes: Object.values(votes).reduce((a, b) => a + b, 0),
        votes,
        winner: top,
        majority: 1,
        candidates: Object.entries(votes).map(([party, n]) => ({
          party,
          name: party,
          votes: n,
          elected: party === top,
          sittingMp: false,
          formerMp: false,
        })),
      };
    };
    const results: ElectionResults = {
      election: info,
      constituencies: [seat('A', { x: 50, y: 40, z: 20 }), seat('B', other)],
    };
    const baseline = compileBaseline(results);
    // z's 20 votes at exactly 0.5 lift y to 50, level with x.
    const rate = { low: 0.5, central: 0.5, high: 0.5, basis: 'custom' as const, source: 'test' };
    const prepared = prepareScenario(baseline, {
      standAsides: [{ party: 'z', constituency: 'A', beneficiary: 'y' }],
      transfers: {
        name: 't',
        kind: 'custom',
        description: '',
        rates: [{ from: 'z', to: 'y', ...rate }],
      },
    });
    if (!prepared.ok) {
      throw new Error(JSON.stringify(prepared.problems));
    }
    const result = project(prepared.value);
    expect(result.constituencies[0]?.winnerAfter).toBe(winner);
    expect(result.constituencies[0]?.breakEven).toEqual({ from: 'z', to: 'y', rate: 0.5 });
    expect(project(prepared.value)).toEqual(result);
  });
});
