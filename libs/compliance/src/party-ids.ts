import { PARTIES, searchKey } from '@pactroom/election-data';

// Democracy Club's candidate data (candidates.democracyclub.org.uk, the "YourNextRepresentative"
// code base, github.com/DemocracyClub/yournextrepresentative) names a party by its Electoral
// Commission registration number ("PP53"), by a joint description ("joint-party:53-119") or, for
// candidates without a registered party, by a pseudo id ("ynmp-party:2" Independent,
// "ynmp-party:12522" the Speaker). Every id below was checked in that repository (snapshot of
// 6 Aug 2026, commit 0d9dd49246ab65962361a7350bc59b35b69d1dd8):
//   - ynr/apps/elections/uk/data/all-parties-from-popit.json: the party list the site was seeded
//     with; "party:N" there carries the identifier "PPN" (register GB or NI) — PP52, PP51, PP53,
//     joint-party:53-119 "Labour and Co-operative Party", PP90, PP63, PP130 "Scottish Green Party",
//     PP305 "Green Party" (NI), PP102, PP77, PP85, PP84 "UK Independence Party" (NI), PP70, PP39,
//     PP55, PP83, PP103, PP680, PP773, PP1931, ynmp-party:2, ynmp-party:12522.
//   - ynr/apps/api/tests/test_api_next.py: "Speaker seeking re-election,ynmp-party:12522" and
//     "Independent,ynmp-party:2" as the site exports them.
//   - ynr/apps/resultsbot/party_names.json: "reform uk" → PP7931, "women's equality party" →
//     PP2755, "workers party of britain" → PP11382, "labour and co-operative party" →
//     joint-party:53-119.
//   - ynr/apps/popolo/migrations/0037_data_migration_add_party_name.py: PP7931 is one registration
//     that was the Brexit Party until 6 January 2021 and Reform UK since ("CHANGE_DATE"); the
//     party_name column of a candidacy keeps the name it stood under.
// The Independent Group for Change (2019) and Aontú (NI register) are matched by name only: their
// ids were not found in that source, and a guessed id could hide a breach.

/** Democracy Club party id → our party code (SOURCES.md "Party codes"). */
const BY_PARTY_ID: ReadonlyMap<string, string> = new Map([
  ['PP52', 'con'], // Conservative and Unionist Party (GB register)
  ['PP51', 'con'], // Conservative and Unionist Party (NI register)
  ['PP53', 'lab'], // Labour Party
  ['joint-party:53-119', 'lab'], // Labour and Co-operative Party: our `lab` includes Labour Co-op
  ['PP90', 'ld'], // Liberal Democrats (Scottish and Welsh Liberal Democrats stand under it too)
  ['PP63', 'green'], // Green Party (of England and Wales)
  ['PP130', 'green'], // Scottish Green Party
  ['PP305', 'green'], // Green Party (Northern Ireland)
  ['PP102', 'snp'], // Scottish National Party (SNP)
  ['PP77', 'pc'], // Plaid Cymru - The Party of Wales
  ['PP85', 'ukip'], // UK Independence Party (UKIP), GB register
  ['PP84', 'ukip'], // UK Independence Party, NI register
  ['PP70', 'dup'], // Democratic Unionist Party - D.U.P.
  ['PP39', 'sf'], // Sinn Féin
  ['PP55', 'sdlp'], // SDLP (Social Democratic & Labour Party)
  ['PP83', 'uup'], // Ulster Unionist Party
  ['PP103', 'alliance'], // Alliance - Alliance Party of Northern Ireland
  ['PP680', 'tuv'], // Traditional Unionist Voice - TUV
  ['PP773', 'pbp'], // People Before Profit Alliance
  ['PP1931', 'nhap'], // National Health Action Party
  ['PP2755', 'wep'], // Women's Equality Party
  ['PP11382', 'workers'], // Workers Party of Britain
  ['ynmp-party:2', 'ind'], // Independent
  ['ynmp-party:12522', 'speaker'], // Speaker seeking re-election
]);

/** PP7931: the Brexit Party until this day, Reform UK from it (the renaming, see above). */
const PP7931 = 'PP7931';
const REFORM_UK_FROM = '2021-01-06';

/**
 * Party names (as `searchKey` normalises them: case, accents and punctuation dropped) → our code.
 * Used when a party id is not in the table above, and for our own CSVs when the `party` column
 * holds a name rather than a code. Exact matches only: "Liberal Party" is not the Liberal
 * Democrats, nor "Social Democratic Party" the SDLP.
 */
const BY_PARTY_NAME: ReadonlyMap<string, string> = new Map(
  (
    [
      ['con', ['Conservative', 'Conservatives', 'Conservative Party']],
      ['con', ['Conservative and Unionist Party', 'Conservative & Unionist Party']],
      ['con', ['Scottish Conservative and Unionist', 'Scottish Conservatives']],
      ['con', ['Welsh Conservatives', 'Welsh Conservative Party']],
      [
        'lab',
        ['Labour', 'Labour Party', 'Welsh Labour', 'Scottish Labour', 'Scottish Labour Party'],
      ],
      ['lab', ['Labour and Co-operative', 'Labour and Co-operative Party', 'Labour Co-op']],
      ['lab', ['Labour & Co-operative Party', 'Welsh Labour and Co-operative Party']],
      ['ld', ['Liberal Democrats', 'Liberal Democrat', 'Lib Dem', 'Lib Dems']],
      ['ld', ['Scottish Liberal Democrats', 'Welsh Liberal Democrats']],
      ['green', ['Green', 'Green Party', 'Green Party of England and Wales', 'Wales Green Party']],
      ['green', ['Scottish Green Party', 'Scottish Greens', 'Green Party Northern Ireland']],
      ['snp', ['Scottish National Party', 'Scottish National Party (SNP)', 'SNP']],
      [
        'pc',
        ['Plaid Cymru', 'Plaid Cymru - The Party of Wales', 'Plaid Cymru – The Party of Wales'],
      ],
      ['brexit', ['Brexit Party', 'The Brexit Party']],
      ['reform', ['Reform UK', 'Reform UK - The Brexit Party']],
      ['ukip', ['UKIP', 'UK Independence Party', 'UK Independence Party (UKIP)']],
      ['ukip', ['UK Independence Party (UK I P)', 'United Kingdom Independence Party']],
      ['dup', ['Democratic Unionist Party', 'Democratic Unionist Party - D.U.P.', 'DUP']],
      ['sf', ['Sinn Féin', 'Sinn Fein']],
      ['sdlp', ['SDLP', 'Social Democratic and Labour Party']],
      ['sdlp', ['SDLP (Social Democratic & Labour Party)']],
      ['uup', ['Ulster Unionist Party', 'UUP']],
      ['alliance', ['Alliance', 'Alliance Party of Northern Ireland', 'APNI']],
      ['alliance', ['Alliance - Alliance Party of Northern Ireland']],
      ['tuv', ['Traditional Unionist Voice', 'Traditional Unionist Voice - TUV', 'TUV']],
      ['pbp', ['People Before Profit Alliance', 'People Before Profit']],
      ['aontu', ['Aontú']],
      ['nhap', ['National Health Action Party']],
      ['wep', ["Women's Equality Party"]],
      ['igc', ['The Independent Group for Change', 'Change UK - The Independent Group']],
      ['igc', ['Change UK', 'The Independent Group']],
      ['workers', ['Workers Party of Britain']], // not "The Workers Party" (NI, PP127)
      ['speaker', ['Speaker', 'Speaker seeking re-election', 'The Speaker']],
      ['ind', ['Independent', 'Independent candidate']],
    ] as const
  ).flatMap(([code, names]) => names.map((name) => [searchKey(name), code] as const)),
);

const OUR_CODES: ReadonlySet<string> = new Set(PARTIES.map((p) => p.code));

/** True when `code` is one of our party codes (SOURCES.md, "Party codes"). */
export function isPartyCode(code: string): boolean {
  return OUR_CODES.has(code);
}

/** Our party code for a party name, or undefined when the name is not one we know. */
export function partyCodeForName(name: string): string | undefined {
  return BY_PARTY_NAME.get(searchKey(name));
}

/**
 * Democracy Club's current id for a party id as it appears in either of its CSV layouts: the
 * legacy export wrote `party:53` where the current one writes `PP53`.
 */
export function normalisePartyId(id: string): string {
  const trimmed = id.trim();
  const legacy = /^party:(\d+)$/.exec(trimmed);
  return legacy ? `PP${legacy[1]}` : trimmed;
}

/** How a Democracy Club party was mapped: `byName` when its id was not known but its name was. */
export interface PartyMapping {
  readonly code: string;
  readonly known: boolean;
  readonly byName: boolean;
}

/**
 * Our party code for a Democracy Club candidacy: by party id, else by party name, else `other`
 * (`known: false`, for the caller to report). `electionDate` (YYYY-MM-DD) separates the Brexit
 * Party from Reform UK when the name does not.
 */
export function mapDemocracyClubParty(
  partyId: string,
  partyName: string,
  electionDate: string,
): PartyMapping {
  const id = normalisePartyId(partyId);
  if (id === PP7931) {
    const named = partyCodeForName(partyName);
    if (named === 'brexit' || named === 'reform') {
      return { code: named, known: true, byName: false };
    }
    const code = electionDate !== '' && electionDate < REFORM_UK_FROM ? 'brexit' : 'reform';
    return { code, known: true, byName: false };
  }
  const code = BY_PARTY_ID.get(id);
  if (code !== undefined) {
    return { code, known: true, byName: false };
  }
  const named = partyCodeForName(partyName);
  if (named !== undefined) {
    return { code: named, known: true, byName: true };
  }
  return { code: 'other', known: false, byName: false };
}

/** The party ids of the table above, for the README and tests. */
export const DEMOCRACY_CLUB_PARTY_IDS: ReadonlyMap<string, string> = new Map([
  ...BY_PARTY_ID,
  [PP7931, 'brexit|reform'],
]);
