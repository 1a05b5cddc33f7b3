import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseCsvRecords, parseUniteToRemain, searchKey } from '@pactroom/election-data';
import { checkCompliance } from './check-compliance.js';
import { parseCandidates } from './parse-candidates.js';

// The shipped files of libs/election-data: the GE2019 candidates (House of Commons Library) and
// the 2019 Unite to Remain seat list (SOURCES.md).
const dataDir = new URL('../../election-data/data/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dataDir), 'utf8');
const ge2019 = read('ge2019_candidates.csv');
const uniteToRemainCsv = read('unite_to_remain_2019.csv');

const seats = parseUniteToRemain(uniteToRemainCsv);
const constituenciesOf = (results: string) => [
  ...new Map(
    parseCsvRecords(results, ['ons_code', 'constituency']).map((r) => [
      r.ons_code,
      { onsCode: r.ons_code, name: r.constituency },
    ]),
  ).values(),
];
const pactSeats = seats.filter((s) => s.arrangement === 'unite_to_remain');
const standAsides = pactSeats.flatMap((seat) =>
  seat.partiesStandingAside.map((party) => ({
    party,
    constituency: seat.onsCode,
    beneficiary: seat.beneficiary,
  })),
);

describe('the shipped GE2019 candidates', () => {
  const parsed = parseCandidates(ge2019);

  it('are read in full, in our layout, without a problem', () => {
    expect(parsed.layout).toBe('pactroom');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rowsRead).toBe(3320);
    expect(parsed.candidates).toHaveLength(3320);
    expect(new Set(parsed.candidates.map((c) => c.onsCode)).size).toBe(650);
    expect(parsed.elections).toEqual(['2019']);
  });

  it('fit the 2010–2023 boundaries and polling day of GE2019; the 2024 ones do not', () => {
    const seats2010 = constituenciesOf(read('ge2019.csv'));
    expect(seats2010).toHaveLength(650);
    const checked = parseCandidates(ge2019, {
      constituencies: seats2010,
      pollingDay: '2019-12-12',
    });
    expect([checked.problems, checked.candidates.length]).toEqual([[], 3320]);
    const wrong = parseCandidates(read('ge2024_candidates.csv'), { constituencies: seats2010 });
    // Five Scottish seats kept their boundaries and code in 2024 (SOURCES.md).
    expect(new Set(wrong.candidates.map((c) => c.onsCode)).size).toBe(5);
    expect(wrong.problems[0]?.message).toContain(
      'is not a constituency of this contest’s boundaries',
    );
  });

  it('place Democracy Club rows without a GSS code by the real constituency names', () => {
    const fixture = readFileSync(
      new URL('../test-data/dc-parl-2019-12-12-sample.csv', import.meta.url),
      'utf8',
    );
    const withGss = parseCandidates(fixture).candidates;
    const noGss = fixture.replace(/,[ENSW]\d{8},gss:[ENSW]\d{8},/g, ',,,');
    const placed = parseCandidates(noGss, { constituencies: constituenciesOf(read('ge2019.csv')) });
    expect(placed.candidates.map((c) => c.onsCode)).toEqual(withGss.map((c) => c.onsCode));
  });

  it('as are those of 2015, 2017 and 2024', () => {
    for (const [file, rows] of [
      ['ge2015_candidates.csv', 3971],
      ['ge2017_candidates.csv', 3304],
      ['ge2024_candidates.csv', 4515],
    ] as const) {
      const other = parseCandidates(read(file));
      expect([file, other.problems, other.candidates.length]).toEqual([file, [], rows]);
    }
  });
});

describe('Unite to Remain 2019 against the GE2019 nominations', () => {
  const { candidates } = parseCandidates(ge2019);

  it('has 60 pact seats and 71 stand-asides (49 in England, 22 in Wales)', () => {
    expect(pactSeats).toHaveLength(60);
    expect(standAsides).toHaveLength(71);
    expect(standAsides.filter((s) => s.constituency.startsWith('W'))).toHaveLength(22);
  });

  it('agrees with the file’s own record: no standing-aside party had a candidate anywhere', () => {
    const observed = parseCsvRecords(uniteToRemainCsv, [
      'ons_code',
      'observed_standing_aside_parties_with_candidate',
    ]);
    expect(observed.filter((r) => r.observed_standing_aside_parties_with_candidate !== '')).toEqual(
      [],
    );
  });

  it('every stand-aside was kept and every beneficiary stood', () => {
    const report = checkCompliance(standAsides, candidates);
    expect(report.summary).toEqual({
      total: 71,
      kept: 71,
      breached: 0,
      unknown: 0,
      beneficiaryDidNotStand: 0,
    });
    const brighton = report.standAsides.find((s) => s.constituency === 'E14000598');
    expect(brighton).toMatchObject({
      party: 'ld',
      beneficiary: 'green',
      status: 'kept',
      beneficiaryCandidates: ['Caroline Lucas'],
    });
  });

  it('the three extra Lib Dem stand-downs were kept too, and the candidate named stood', () => {
    const extra = seats
      .filter((s) => s.arrangement === 'ld_standdown_for_remain_candidate')
      .map((s) => ({ party: 'ld', constituency: s.onsCode, beneficiary: s.beneficiary }));
    const report = checkCompliance(extra, candidates);
    expect(report.standAsides.map((s) => [s.beneficiary, s.status, s.beneficiaryStood])).toEqual([
      ['ind', 'kept', true],
      ['igc', 'kept', true],
      ['ind', 'kept', true],
    ]);
    // `ind` groups every independent: Beaconsfield and Luton South each had a second one.
    expect(report.standAsides.map((s) => s.beneficiaryCandidates)).toEqual([
      ['Dominic Grieve', 'Adam Cleary'],
      ['Anna Soubry'],
      ['Gavin Shuker', 'Mohammed Ashraf'],
    ]);
  });

  it('detects a synthetic breach: one Lib Dem nominated where the Lib Dems stood aside', () => {
    const isleOfWight = pactSeats.find((s) => s.constituency === 'Isle of Wight');
    expect(isleOfWight?.partiesStandingAside).toEqual(['ld']);
    const withBreach = `${ge2019}2019,E14000762,Isle of Wight,ld,Liberal Democrat,LD,Synthetic Breach,Female,No,0,no\n`;
    const report = checkCompliance(standAsides, parseCandidates(withBreach).candidates);
    expect(report.summary).toMatchObject({ kept: 70, breached: 1, unknown: 0 });
    expect(report.standAsides.filter((s) => s.status === 'breached')).toEqual([
      {
        party: 'ld',
        constituency: 'E14000762',
        beneficiary: 'green',
        status: 'breached',
        beneficiaryStood: true,
        breachingCandidates: ['Synthetic Breach'],
        beneficiaryCandidates: ['Vix Lowthion'],
      },
    ]);
  });

  it('knows nothing of a seat whose nominations were not imported', () => {
    const withoutWales = candidates.filter((c) => !c.onsCode.startsWith('W'));
    const report = checkCompliance(standAsides, withoutWales);
    expect(report.summary).toMatchObject({ kept: 49, unknown: 22 });
    expect(
      report.standAsides.filter((s) => s.status === 'unknown').map((s) => s.beneficiaryStood),
    ).toEqual(Array(22).fill(null));
  });
});

describe('the Democracy Club fixture and the shipped file tell the same story', () => {
  const fixture = parseCandidates(
    readFileSync(new URL('../test-data/dc-parl-2019-12-12-sample.csv', import.meta.url), 'utf8'),
  );
  const shipped = parseCandidates(ge2019).candidates;

  it('every fixture candidate stood in GE2019 in that seat for that party', () => {
    const key = (c: { onsCode: string; party: string; name: string }) =>
      `${c.onsCode}|${c.party}|${searchKey(c.name)}`;
    const stood = new Set(shipped.map(key));
    expect(fixture.candidates.filter((c) => !stood.has(key(c)))).toEqual([]);
  });

  it('Hastings-for-Lewes in GE2019: both parties fielded candidates, so both promises were broken', () => {
    const pact = [
      { party: 'ld', constituency: 'E14000735', beneficiary: 'lab' },
      { party: 'lab', constituency: 'E14000786', beneficiary: 'ld' },
    ];
    for (const candidates of [fixture.candidates, shipped]) {
      const report = checkCompliance(pact, candidates);
      expect(
        report.standAsides.map((s) => [s.status, s.breachingCandidates, s.beneficiaryStood]),
      ).toEqual([
        ['breached', ['Nick Perry'], true],
        ['breached', ['Kate Chappell'], true],
      ]);
    }
  });
});
