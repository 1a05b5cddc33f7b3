import { describe, expect, it } from '@jest/globals';
import { PARTIES } from '@pactroom/election-data';
import {
  DEMOCRACY_CLUB_PARTY_IDS,
  isPartyCode,
  mapDemocracyClubParty,
  normalisePartyId,
  partyCodeForName,
} from './party-ids.js';

describe('mapDemocracyClubParty', () => {
  it.each([
    ['PP52', 'Conservative and Unionist Party', 'con'],
    ['PP53', 'Labour Party', 'lab'],
    ['joint-party:53-119', 'Labour and Co-operative Party', 'lab'],
    ['PP90', 'Liberal Democrats', 'ld'],
    ['PP63', 'Green Party', 'green'],
    ['PP130', 'Scottish Green Party', 'green'],
    ['PP305', 'Green Party', 'green'],
    ['PP102', 'Scottish National Party (SNP)', 'snp'],
    ['PP77', 'Plaid Cymru - The Party of Wales', 'pc'],
    ['PP85', 'UK Independence Party (UKIP)', 'ukip'],
    ['PP70', 'Democratic Unionist Party - D.U.P.', 'dup'],
    ['PP39', 'Sinn Féin', 'sf'],
    ['PP55', 'SDLP (Social Democratic & Labour Party)', 'sdlp'],
    ['PP83', 'Ulster Unionist Party', 'uup'],
    ['PP103', 'Alliance - Alliance Party of Northern Ireland', 'alliance'],
    ['PP680', 'Traditional Unionist Voice - TUV', 'tuv'],
    ['PP773', 'People Before Profit Alliance', 'pbp'],
    ['PP2755', "Women's Equality Party", 'wep'],
    ['PP11382', 'Workers Party of Britain', 'workers'],
    ['ynmp-party:2', 'Independent', 'ind'],
    ['ynmp-party:12522', 'Speaker seeking re-election', 'speaker'],
  ])('%s (%s) is %s, by id', (id, name, code) => {
    expect(mapDemocracyClubParty(id, name, '2019-12-12')).toEqual({
      code,
      known: true,
      byName: false,
    });
    // The id alone decides: a blank or odd name changes nothing.
    expect(mapDemocracyClubParty(id, '', '2019-12-12').code).toBe(code);
  });

  it('tells the Brexit Party from Reform UK (one registration, PP7931) by name, else by date', () => {
    expect(mapDemocracyClubParty('PP7931', 'Brexit Party', '2024-07-04').code).toBe('brexit');
    expect(mapDemocracyClubParty('PP7931', 'Reform UK', '2019-12-12').code).toBe('reform');
    expect(mapDemocracyClubParty('PP7931', '', '2019-12-12').code).toBe('brexit');
    expect(mapDemocracyClubParty('PP7931', '', '2021-01-05').code).toBe('brexit');
    expect(mapDemocracyClubParty('PP7931', '', '2021-01-06').code).toBe('reform');
    expect(mapDemocracyClubParty('PP7931', '', '2024-07-04').code).toBe('reform');
    expect(mapDemocracyClubParty('PP7931', '', '').code).toBe('reform');
  });

  it('reads the legacy export’s party:N slugs as PPN', () => {
    expect(normalisePartyId(' party:90 ')).toBe('PP90');
    expect(normalisePartyId('joint-party:53-119')).toBe('joint-party:53-119');
    expect(mapDemocracyClubParty('party:53', '', '2017-06-08').code).toBe('lab');
  });

  it('falls back on the party name when the id is not in the table', () => {
    expect(mapDemocracyClubParty('PP99999', 'Aontú', '2019-12-12')).toEqual({
      code: 'aontu',
      known: true,
      byName: true,
    });
    expect(mapDemocracyClubParty('', 'The Independent Group for Change', '2019-12-12').code).toBe(
      'igc',
    );
  });

  it('counts an unknown party as other and says so', () => {
    expect(mapDemocracyClubParty('PP2055', 'Yorkshire Party', '2019-12-12')).toEqual({
      code: 'other',
      known: false,
      byName: false,
    });
  });
});

describe('partyCodeForName', () => {
  it.each([
    ['Labour and Co-operative', 'lab'],
    ['LABOUR & CO-OPERATIVE PARTY', 'lab'],
    ['Sinn Fein', 'sf'],
    ['Scottish Greens', 'green'],
    ['Welsh Liberal Democrats', 'ld'],
    ['Reform UK', 'reform'],
  ])('%s → %s', (name, code) => {
    expect(partyCodeForName(name)).toBe(code);
  });

  it.each(['Liberal Party', 'Social Democratic Party', 'The Workers Party', 'Labour Party of NI'])(
    'does not guess for %s',
    (name) => {
      expect(partyCodeForName(name)).toBeUndefined();
    },
  );
});

describe('the party-id table', () => {
  it('maps only to our party codes', () => {
    for (const code of DEMOCRACY_CLUB_PARTY_IDS.values()) {
      for (const one of code.split('|')) {
        expect(isPartyCode(one)).toBe(true);
      }
    }
  });

  it('reaches every party code a stand-aside can name, except other', () => {
    const reached = new Set(
      [...DEMOCRACY_CLUB_PARTY_IDS.values(), 'aontu', 'igc'].flatMap((c) => c.split('|')),
    );
    expect(PARTIES.map((p) => p.code).filter((c) => !reached.has(c))).toEqual(['other']);
  });
});
