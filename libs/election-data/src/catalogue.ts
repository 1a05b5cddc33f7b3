/** An election's code as used in URLs and the database. */
export type ElectionCode = 'ge2015' | 'ge2017' | 'ge2019' | 'ge2024';

/** Constituency boundary sets: 2010–2023 (GE2015–GE2019) and 2024 (GE2024). */
export type BoundarySet = '2010' | '2024';

/** One shipped result set and the files it is parsed from. */
export interface ElectionInfo {
  readonly code: ElectionCode;
  readonly name: string;
  readonly heldOn: string;
  readonly boundarySet: BoundarySet;
  readonly resultsFile: string;
  readonly candidatesFile: string;
}

/** The four general elections shipped in `libs/election-data/data`. */
export const ELECTIONS: readonly ElectionInfo[] = [
  {
    code: 'ge2015',
    name: 'General election 2015',
    heldOn: '2015-05-07',
    boundarySet: '2010',
    resultsFile: 'ge2015.csv',
    candidatesFile: 'ge2015_candidates.csv',
  },
  {
    code: 'ge2017',
    name: 'General election 2017',
    heldOn: '2017-06-08',
    boundarySet: '2010',
    resultsFile: 'ge2017.csv',
    candidatesFile: 'ge2017_candidates.csv',
  },
  {
    code: 'ge2019',
    name: 'General election 2019',
    heldOn: '2019-12-12',
    boundarySet: '2010',
    resultsFile: 'ge2019.csv',
    candidatesFile: 'ge2019_candidates.csv',
  },
  {
    code: 'ge2024',
    name: 'General election 2024',
    heldOn: '2024-07-04',
    boundarySet: '2024',
    resultsFile: 'ge2024.csv',
    candidatesFile: 'ge2024_candidates.csv',
  },
];

/** True when `code` names a shipped election. */
export function isElectionCode(code: string): code is ElectionCode {
  return ELECTIONS.some((e) => e.code === code);
}

/** A national party by the codes of SOURCES.md, with a display colour for charts. */
export interface PartyInfo {
  readonly code: string;
  readonly name: string;
  readonly colour: string;
}

/** Every party code that occurs in the shipped files (SOURCES.md, "Party codes"). */
export const PARTIES: readonly PartyInfo[] = [
  { code: 'con', name: 'Conservative', colour: '#0087DC' },
  { code: 'lab', name: 'Labour', colour: '#E4003B' },
  { code: 'ld', name: 'Liberal Democrats', colour: '#FAA61A' },
  { code: 'green', name: 'Green', colour: '#02A95B' },
  { code: 'ukip', name: 'UKIP', colour: '#6D3177' },
  { code: 'brexit', name: 'Brexit Party', colour: '#12B6CF' },
  { code: 'reform', name: 'Reform UK', colour: '#12B6CF' },
  { code: 'snp', name: 'Scottish National Party', colour: '#FDF38E' },
  { code: 'pc', name: 'Plaid Cymru', colour: '#005B54' },
  { code: 'dup', name: 'Democratic Unionist Party', colour: '#D46A4C' },
  { code: 'sf', name: 'Sinn Féin', colour: '#326760' },
  { code: 'sdlp', name: 'Social Democratic and Labour Party', colour: '#2AA82C' },
  { code: 'uup', name: 'Ulster Unionist Party', colour: '#48A5EE' },
  { code: 'alliance', name: 'Alliance Party of Northern Ireland', colour: '#F6CB2F' },
  { code: 'tuv', name: 'Traditional Unionist Voice', colour: '#0C3A6A' },
  { code: 'pbp', name: 'People Before Profit Alliance', colour: '#E91D50' },
  { code: 'aontu', name: 'Aontú', colour: '#44532A' },
  { code: 'nhap', name: 'National Health Action Party', colour: '#0071BB' },
  { code: 'wep', name: "Women's Equality Party", colour: '#64207E' },
  { code: 'igc', name: 'The Independent Group for Change', colour: '#222221' },
  { code: 'workers', name: 'Workers Party of Britain', colour: '#9B1B1E' },
  { code: 'speaker', name: 'Speaker', colour: '#FFFFFF' },
  { code: 'ind', name: 'Independent', colour: '#DDDDDD' },
  { code: 'other', name: 'Other', colour: '#999999' },
];

/** A region: the 9 English regions, Scotland, Wales and Northern Ireland. */
export interface RegionInfo {
  readonly slug: string;
  readonly name: string;
  readonly country: 'England' | 'Scotland' | 'Wales' | 'Northern Ireland';
}

/** The 12 regions, named as in the shipped files' `region` column. */
export const REGIONS: readonly RegionInfo[] = [
  { slug: 'north-east', name: 'North East', country: 'England' },
  { slug: 'north-west', name: 'North West', country: 'England' },
  { slug: 'yorkshire-and-the-humber', name: 'Yorkshire and The Humber', country: 'England' },
  { slug: 'east-midlands', name: 'East Midlands', country: 'England' },
  { slug: 'west-midlands', name: 'West Midlands', country: 'England' },
  { slug: 'east', name: 'East', country: 'England' },
  { slug: 'london', name: 'London', country: 'England' },
  { slug: 'south-east', name: 'South East', country: 'England' },
  { slug: 'south-west', name: 'South West', country: 'England' },
  { slug: 'scotland', name: 'Scotland', country: 'Scotland' },
  { slug: 'wales', name: 'Wales', country: 'Wales' },
  { slug: 'northern-ireland', name: 'Northern Ireland', country: 'Northern Ireland' },
];

/** The 2024 files call the East region "East of England". */
const REGION_ALIASES: Readonly<Record<string, string>> = { 'East of England': 'East' };

/** The region slug for a region name as written in the shipped files. */
export function regionSlugOf(name: string): string | undefined {
  const canonical = REGION_ALIASES[name] ?? name;
  return REGIONS.find((r) => r.name === canonical)?.slug;
}
