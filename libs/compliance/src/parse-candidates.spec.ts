import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { MAX_REPORTED_PROBLEMS } from './problems.js';
import {
  MAX_CANDIDATE_CSV_BYTES,
  MAX_CANDIDATE_ROWS,
  parseCandidates,
} from './parse-candidates.js';

const fixture = readFileSync(
  new URL('../test-data/dc-parl-2019-12-12-sample.csv', import.meta.url),
  'utf8',
);
const partyOf = (csv: string) =>
  Object.fromEntries(parseCandidates(csv).candidates.map((c) => [c.name, c.party]));

describe("Democracy Club's current export (test-data/dc-parl-2019-12-12-sample.csv)", () => {
  const parsed = parseCandidates(fixture);

  it('is recognised, every row read, with its election', () => {
    expect(parsed.layout).toBe('democracy-club');
    expect(parsed.rowsRead).toBe(44);
    expect(parsed.candidates).toHaveLength(44);
    expect(parsed.elections).toEqual(['parl.2019-12-12']);
  });

  it('maps each party id to our code', () => {
    expect(partyOf(fixture)).toMatchObject({
      'Sally-Ann Hart': 'con',
      'Peter Chowney': 'lab',
      'Luke Pollard': 'lab', // Labour and Co-operative
      'Nick Perry': 'ld',
      'Caroline Lucas': 'green',
      'Cass Macgregor': 'green', // Scottish Green Party
      'Patrick Grady': 'snp',
      'Aled ap Dafydd': 'pc',
      'Richard Milton': 'brexit',
      'Nigel Furness': 'ukip',
      'Paul Crosland': 'ind',
      'Lindsay Hoyle': 'speaker',
      'Claire Hanna': 'sdlp',
      'Emma Little-Pengelly': 'dup',
      'Paula Bradshaw': 'alliance',
      'Michael Henderson': 'uup',
      'Citizen Skwith': 'other',
      'Ryan Kett': 'other',
    });
  });

  it('places each candidate by the gss column and keeps the ballot id', () => {
    expect(parsed.candidates.find((c) => c.name === 'Caroline Lucas')).toEqual({
      onsCode: 'E14000598',
      party: 'green',
      name: 'Caroline Lucas',
      ballotPaperId: 'parl.brighton-pavilion.2019-12-12',
    });
  });

  it('reports each party it does not know once, with its rows', () => {
    expect(parsed.problems).toEqual([
      {
        line: 15,
        field: 'party_id',
        message: expect.stringContaining(
          'party PP66 “Official Monster Raving Loony Party” is not one of Pactroom’s parties, so its 1 candidate count as “other”',
        ),
        rowSkipped: false,
      },
      {
        line: 44,
        field: 'party_id',
        message: expect.stringContaining('party PP2055 “Yorkshire Party”'),
        rowSkipped: false,
      },
    ]);
    expect(parsed.problemCount).toBe(2);
  });

  it('places rows without a GSS code by post label or ballot id when given the constituencies', () => {
    const noGss = fixture.replace(/,E14000735,gss:E14000735,/g, ',,,');
    expect(parseCandidates(noGss).problems.filter((p) => p.rowSkipped)).toEqual(
      Array.from({ length: 4 }, (_, i) => ({
        line: i + 2,
        field: 'gss',
        message:
          'No GSS code for Hastings and Rye: add the “GSS code” column (gss) when exporting from Democracy Club.',
        rowSkipped: true,
      })),
    );
    const withNames = parseCandidates(
      noGss.replace(/,Hastings and Rye,/g, ',Member of Parliament for Hastings and Rye,'),
      {
        constituencies: constituencies(),
      },
    );
    expect(withNames.candidates.filter((c) => c.onsCode === 'E14000735')).toHaveLength(4);
    const bySlug = parseCandidates(noGss.replace(/,Hastings and Rye,/g, ',,'), {
      constituencies: constituencies(),
    });
    expect(bySlug.candidates.filter((c) => c.onsCode === 'E14000735')).toHaveLength(4);
  });

  it('refuses codes outside the contest’s boundaries when told them', () => {
    const parsedFor2024 = parseCandidates(fixture, {
      constituencies: constituencies().filter((c) => c.onsCode !== 'E14000786'),
    });
    const lewes = parsedFor2024.problems.filter((p) => p.rowSkipped);
    expect(lewes).toHaveLength(5);
    expect(lewes[0]).toEqual({
      line: 6,
      field: 'gss',
      message:
        'E14000786 is not a constituency of this contest’s boundaries; check that the file is for the right election.',
      rowSkipped: true,
    });
  });
});

describe("Democracy Club's legacy export (id, name, election, party_id as party:N, gss_code)", () => {
  const header =
    'id,name,election,ballot_paper_id,election_date,seats_contested,party_id,party_name,' +
    'party_description_text,post_id,post_label,elected,gss_code,party_ec_id';
  const row = (name: string, slugId: string, party: string, ecId: string) =>
    `1,${name},parl.2017-06-08,parl.lewes.2017-06-08,2017-06-08,1,${slugId},${party},,` +
    `gss:E14000786,Lewes,,E14000786,${ecId}`;
  const csv = [
    header,
    row('Maria Caulfield', 'party:52', 'Conservative and Unionist Party', 'PP52'),
    row('Kelly-Marie Blundell', 'party:90', 'Liberal Democrats', 'PP90'),
    row('Daniel Chapman', 'party:53', 'Labour Party', ''),
    row('Someone Independent', 'ynmp-party:2', 'Independent', 'ynmp-party:2'),
  ].join('\n');

  it('reads party_ec_id, else the party:N slug, and gss_code', () => {
    const parsed = parseCandidates(csv);
    expect(parsed.layout).toBe('democracy-club');
    expect(parsed.problems).toEqual([]);
    expect(parsed.candidates.map((c) => [c.name, c.party, c.onsCode])).toEqual([
      ['Maria Caulfield', 'con', 'E14000786'],
      ['Kelly-Marie Blundell', 'ld', 'E14000786'],
      ['Daniel Chapman', 'lab', 'E14000786'],
      ['Someone Independent', 'ind', 'E14000786'],
    ]);
    expect(parsed.elections).toEqual(['parl.2017-06-08']);
  });

  it('uses post_id (gss:…) when the gss column is empty', () => {
    const parsed = parseCandidates(csv.replace(/,E14000786,/g, ',,'));
    expect(parsed.candidates.map((c) => c.onsCode)).toEqual(Array(4).fill('E14000786'));
  });
});

describe('our own layouts', () => {
  it('reads the shipped layout, quoted names and all', () => {
    const csv =
      'election,ons_code,constituency,party,source_party_name,source_party_abbrev,candidate,gender,sitting_mp,votes,elected\n' +
      '2019,E14000598,"Brighton, Pavilion",green,Green,Green,Caroline Lucas,Female,Yes,33151,yes\n' +
      '2019,E14000880,"Plymouth, Sutton and Devonport",lab,Labour and Co-operative,Lab,Luke Pollard,Male,Yes,25461,yes\n';
    const parsed = parseCandidates(csv);
    expect(parsed.layout).toBe('pactroom');
    expect(parsed.candidates).toEqual([
      { onsCode: 'E14000598', party: 'green', name: 'Caroline Lucas' },
      { onsCode: 'E14000880', party: 'lab', name: 'Luke Pollard' },
    ]);
    expect(parsed.elections).toEqual(['2019']);
  });

  it('reads the minimal layout with a byte-order mark, CRLF and spaced headers', () => {
    const csv =
      '\uFEFF Candidate , ONS_Code ,Party\r\n"Smith, Jo",e14000735,LD\r\n\r\nA N Other,E14000735,Labour\r\n';
    const parsed = parseCandidates(csv);
    expect(parsed.layout).toBe('minimal');
    expect(parsed.candidates).toEqual([
      { onsCode: 'E14000735', party: 'ld', name: 'Smith, Jo' },
      { onsCode: 'E14000735', party: 'lab', name: 'A N Other' },
    ]);
    expect(parsed.rowsRead).toBe(2);
    expect(parsed.problems).toEqual([
      {
        line: 4,
        field: 'Party',
        message: expect.stringContaining(
          '“Labour” is not a party code such as lab or ld; it was matched by its name to “lab” (1 candidate).',
        ),
        rowSkipped: false,
      },
    ]);
  });

  it('names the line, the column and what is wrong', () => {
    const csv = [
      'ons_code,party,candidate',
      ',lab,No Seat',
      'E1400073,lab,Short Code',
      'E14000735,lab,',
      'E14000735,lab,Too,Many',
      'E14000735,Yorkshire Party,Jo Bloggs',
      'E14000735,lab,Peter Chowney',
      'E14000735,lab,Peter  Chowney',
    ].join('\n');
    const parsed = parseCandidates(csv);
    expect(parsed.candidates.map((c) => `${c.name}:${c.party}`)).toEqual([
      'Jo Bloggs:other',
      'Peter Chowney:lab',
    ]);
    expect(parsed.problems).toEqual([
      {
        line: 2,
        field: 'ons_code',
        message: 'The ONS code is empty; every candidate needs the code of the seat.',
        rowSkipped: true,
      },
      {
        line: 3,
        field: 'ons_code',
        message: '“E1400073” is not a constituency code such as E14000735.',
        rowSkipped: true,
      },
      { line: 4, field: 'candidate', message: 'The candidate’s name is empty.', rowSkipped: true },
      {
        line: 5,
        field: '',
        message:
          'This row has 4 values but the header names 3 columns; a value containing a comma must be in double quotes.',
        rowSkipped: true,
      },
      {
        line: 6,
        field: 'party',
        message: expect.stringContaining('“Yorkshire Party” is not one of Pactroom’s parties'),
        rowSkipped: false,
      },
      {
        line: 8,
        field: '',
        message:
          'Peter Chowney is already listed for E14000735 on line 7; this repeat was left out.',
        rowSkipped: true,
      },
    ]);
  });
});

describe('what is not a candidate list', () => {
  it.each([
    ['an empty file', '', 0, 'The file is empty'],
    ['a blank header', '\n\n', 0, 'The file is empty'],
    ['an unknown header', 'name,votes\nX,1\n', 1, 'it names: name, votes.'],
    ['an unterminated quote', 'ons_code,party,candidate\nE14000735,lab,"Jo\n', 0, 'never closed'],
  ])('refuses %s', (_what, csv, line, message) => {
    const parsed = parseCandidates(csv);
    expect(parsed.layout).toBeUndefined();
    expect(parsed.candidates).toEqual([]);
    expect(parsed.problems).toEqual([
      { line, field: '', message: expect.stringContaining(message), rowSkipped: true },
    ]);
  });

  it('skips ballots that are not for the UK Parliament', () => {
    const local = fixture.replace(
      'parl.hastings-and-rye.2019-12-12',
      'local.hastings.central-st-leonards.2019-05-02',
    );
    const parsed = parseCandidates(local);
    expect(parsed.candidates).toHaveLength(43);
    expect(parsed.problems[0]).toEqual({
      line: 2,
      field: 'ballot_paper_id',
      message: expect.stringContaining(
        'local.hastings.central-st-leonards.2019-05-02 is not a UK Parliament ballot',
      ),
      rowSkipped: true,
    });
  });
});

describe('the contest’s polling day', () => {
  it('leaves out rows of another election, said once per election', () => {
    const mixed = fixture.replace(
      /parl\.2019-12-12,parl\.lewes\.2019-12-12,2019-12-12/g,
      'parl.2017-06-08,parl.lewes.2017-06-08,2017-06-08',
    );
    const parsed = parseCandidates(mixed, { pollingDay: '2019-12-12' });
    expect(parsed.candidates).toHaveLength(39);
    expect(parsed.elections).toEqual(['parl.2017-06-08', 'parl.2019-12-12']);
    expect(parsed.problems.filter((p) => p.rowSkipped)).toEqual([
      {
        line: 6,
        field: 'election_date',
        message:
          '5 rows are for the election of 2017-06-08, not this contest’s (2019-12-12); left out.',
        rowSkipped: true,
      },
    ]);
    expect(parseCandidates(mixed, { pollingDay: '2017-06-08' }).candidates).toHaveLength(5);
  });

  it('reads the date off the ballot id when there is no election_date, and the year in ours', () => {
    const dc =
      'person_name,party_id,ballot_paper_id,gss\nJo,PP53,parl.lewes.2017-06-08,E14000786\n';
    expect(parseCandidates(dc, { pollingDay: '2019-12-12' }).candidates).toEqual([]);
    expect(parseCandidates(dc, { pollingDay: '2017-06-08' }).candidates).toHaveLength(1);
    const ours = 'election,ons_code,constituency,party,candidate\n2017,E14000786,Lewes,lab,Jo\n';
    expect(parseCandidates(ours, { pollingDay: '2017-06-08' }).candidates).toHaveLength(1);
    expect(parseCandidates(ours, { pollingDay: '2019-12-12' }).problems[0]).toMatchObject({
      field: 'election',
      message: '1 row is for the election of 2017, not this contest’s (2019-12-12); left out.',
    });
  });
});

describe('bounds', () => {
  it('refuses a file over the size limit without reading it', () => {
    const parsed = parseCandidates('x'.repeat(MAX_CANDIDATE_CSV_BYTES + 1));
    expect(parsed.problems[0]?.message).toContain('larger than 8 MiB');
  });

  it('refuses more rows than the limit, even empty ones', () => {
    expect(
      parseCandidates('ons_code,party,candidate' + '\n'.repeat(MAX_CANDIDATE_ROWS + 2)).problems[0]
        ?.message,
    ).toContain('more than 20,000 rows');
    expect(
      parseCandidates('ons_code,party,candidate' + '\r'.repeat(MAX_CANDIDATE_ROWS + 2)).layout,
    ).toBeUndefined();
    const atLimit = parseCandidates(
      'ons_code,party,candidate\n' + 'E14000735,lab,Jo\n'.repeat(MAX_CANDIDATE_ROWS),
    );
    expect(atLimit.rowsRead).toBe(MAX_CANDIDATE_ROWS);
  });

  it('returns at most MAX_REPORTED_PROBLEMS problems but counts them all', () => {
    const csv = 'ons_code,party,candidate\n' + 'bad,lab,Jo\n'.repeat(1000);
    const parsed = parseCandidates(csv);
    expect(parsed.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(parsed.problemCount).toBe(1000);
  });
});

function constituencies() {
  return [
    { onsCode: 'E14000735', name: 'Hastings and Rye' },
    { onsCode: 'E14000786', name: 'Lewes' },
    { onsCode: 'E14000598', name: 'Brighton, Pavilion' },
    { onsCode: 'E14000637', name: 'Chorley' },
    { onsCode: 'E14000880', name: 'Plymouth, Sutton and Devonport' },
    { onsCode: 'S14000031', name: 'Glasgow North' },
    { onsCode: 'W07000041', name: 'Ynys Môn' },
    { onsCode: 'N06000003', name: 'Belfast South' },
    { onsCode: 'E14001009', name: 'Wakefield' },
  ];
}
