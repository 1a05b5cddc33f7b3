import type { Role } from '@pactroom/accounts';

/** The shared password of every demo account (README, start log). */
export const DEMO_PASSWORD = 'pactroom-demo';

/**
 * A demo local party: a party's branch with its seat on the 2010–2023 boundaries and the same
 * seat on the 2024 boundaries (codes from libs/election-data/data/ge2024.csv), so pacts both for
 * past elections (GE2017 results) and for the next general election work with the demo officers.
 */
export interface DemoLocalParty {
  readonly key: string;
  readonly party: string;
  readonly name: string;
  /** ONS codes, one per boundary set. */
  readonly constituencies: { readonly '2010': string; readonly '2024': string };
}

const HASTINGS = { '2010': 'E14000735', '2024': 'E14001274' } as const;
const LEWES = { '2010': 'E14000786', '2024': 'E14001330' } as const;
const PAVILION = { '2010': 'E14000598', '2024': 'E14001130' } as const;

export const DEMO_LOCAL_PARTIES: readonly DemoLocalParty[] = [
  {
    key: 'ld-hastings',
    party: 'ld',
    name: 'Hastings and Rye Liberal Democrats',
    constituencies: HASTINGS,
  },
  { key: 'lab-hastings', party: 'lab', name: 'Hastings and Rye Labour', constituencies: HASTINGS },
  { key: 'lab-lewes', party: 'lab', name: 'Lewes Labour', constituencies: LEWES },
  { key: 'ld-lewes', party: 'ld', name: 'Lewes Liberal Democrats', constituencies: LEWES },
  {
    key: 'green-pavilion',
    party: 'green',
    name: 'Brighton Pavilion Green Party',
    constituencies: PAVILION,
  },
];

/** A demo account and its one grant. */
export interface DemoAccount {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly party?: string;
  readonly region?: string;
  readonly localParty?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@pactroom.test', name: 'Platform Admin', role: 'admin' },
  {
    email: 'officer.ld.hastings@pactroom.test',
    name: 'Hastings LD Officer',
    role: 'officer',
    localParty: 'ld-hastings',
  },
  {
    email: 'officer.lab.hastings@pactroom.test',
    name: 'Hastings Labour Officer',
    role: 'officer',
    localParty: 'lab-hastings',
  },
  {
    email: 'officer.lab.lewes@pactroom.test',
    name: 'Lewes Labour Officer',
    role: 'officer',
    localParty: 'lab-lewes',
  },
  {
    email: 'officer.ld.lewes@pactroom.test',
    name: 'Lewes LD Officer',
    role: 'officer',
    localParty: 'ld-lewes',
  },
  {
    email: 'officer.green.pavilion@pactroom.test',
    name: 'Pavilion Green Officer',
    role: 'officer',
    localParty: 'green-pavilion',
  },
  {
    email: 'coord.lab.southeast@pactroom.test',
    name: 'Labour South East Coordinator',
    role: 'coordinator',
    party: 'lab',
    region: 'south-east',
  },
  {
    email: 'coord.ld.southeast@pactroom.test',
    name: 'Lib Dem South East Coordinator',
    role: 'coordinator',
    party: 'ld',
    region: 'south-east',
  },
  {
    email: 'coord.green.southeast@pactroom.test',
    name: 'Green South East Coordinator',
    role: 'coordinator',
    party: 'green',
    region: 'south-east',
  },
  // The party's HQ: acts for every Lib Dem local party (national pacts; see README).
  { email: 'hq.ld@pactroom.test', name: 'Lib Dem HQ', role: 'national', party: 'ld' },
  { email: 'member.lab@pactroom.test', name: 'Labour Member', role: 'member', party: 'lab' },
  { email: 'member.ld@pactroom.test', name: 'Lib Dem Member', role: 'member', party: 'ld' },
  { email: 'member.green@pactroom.test', name: 'Green Member', role: 'member', party: 'green' },
];
