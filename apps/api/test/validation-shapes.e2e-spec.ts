// The input shapes every DTO and pipe shares (party code, region slug, election code, ONS code):
// each site accepts the same values and refuses the others with the same 400 details, down to the
// message text, so one shared regex cannot drift from what the API has always answered. UUIDs and
// the shapes inside composite values are in validation-shapes-composite.e2e-spec.ts.
import { describe, it } from '@jest/globals';
import {
  ELECTION,
  HEMICYCLE,
  ONS,
  PARTY,
  REGION,
  SUGGESTIONS,
  admin,
  asAdmin,
  asOfficer,
  bodySite,
  expectAccepted,
  expectMalformed,
  matches,
  notString,
  pact,
  postAs,
  projection,
  property,
  querySite,
  type Site,
  useShapesApp,
  user,
} from './support/validation-shapes.js';

useShapesApp();

/** Runs good, bad and non-string values through every site of one `IsString` + `Matches` shape. */
function shape(
  name: string,
  regex: string,
  sites: Site[],
  good: string[],
  bad: string[],
  notAString: (site: Site) => unknown,
) {
  describe(name, () => {
    describe.each(sites.map((s) => [s.name, s] as const))('%s', (_name, site) => {
      it.each(good)('accepts %j', async (value) => {
        expectAccepted(await site.send(value, true));
      });
      it.each(bad)('refuses %j', async (value) => {
        expectMalformed(await site.send(value, false), [
          { field: site.field, problems: [matches(property(site.field), regex)] },
        ]);
      });
      it('refuses a value that is not a string, naming both problems in order', async () => {
        expectMalformed(await site.send(notAString(site), false), [
          {
            field: site.field,
            problems: [matches(property(site.field), regex), notString(property(site.field))],
          },
        ]);
      });
    });
  });
}

const listOrNumber = (site: Site) => (site.name.startsWith('GET') ? ['ld', 'lab'] : 5);

shape(
  'party code',
  PARTY,
  [
    querySite('GET /api/pacts ?party', asOfficer, '/api/pacts', 'party'),
    querySite('GET /api/local-parties ?party', asAdmin, '/api/local-parties', 'party'),
    bodySite('POST /api/local-parties party', asAdmin, '/api/local-parties', 'party', (party) => ({
      party,
      name: 'Shapes',
      constituencies: ['E14000735'],
    })),
    bodySite('POST /api/users grant party', asAdmin, '/api/users', 'grants.0.party', (party) =>
      user({ party }),
    ),
    bodySite(
      'POST /api/pacts stand-aside party',
      asOfficer,
      '/api/pacts',
      'terms.standAsides.0.party',
      (party) => pact({ standAside: { party } }),
    ),
    bodySite(
      'POST /api/pacts stand-aside beneficiary',
      asOfficer,
      '/api/pacts',
      'terms.standAsides.0.beneficiary',
      (beneficiary) => pact({ standAside: { beneficiary } }),
    ),
    bodySite(
      'POST /api/pacts commitment party',
      asOfficer,
      '/api/pacts',
      'terms.commitments.0.party',
      (party) => pact({ commitment: { party } }),
    ),
    bodySite(
      'POST /api/projections stand-aside party',
      asOfficer,
      '/api/projections',
      'standAsides.0.party',
      (party) => projection({ standAside: { party } }),
    ),
    bodySite(
      'POST /api/projections stand-aside beneficiary',
      asOfficer,
      '/api/projections',
      'standAsides.0.beneficiary',
      (beneficiary) => projection({ standAside: { beneficiary } }),
    ),
  ],
  ['ld', 'ab', 'abcdefghijklmnop'],
  ['l', 'abcdefghijklmnopq', 'LD', 'Ld', 'l-d', 'l1', 'ld ', ''],
  listOrNumber,
);

shape(
  'region slug',
  REGION,
  [
    querySite('GET /api/pacts ?region', asOfficer, '/api/pacts', 'region'),
    querySite('GET /api/local-parties ?region', asAdmin, '/api/local-parties', 'region'),
    querySite(
      'GET /api/elections/ge2017/constituencies ?region',
      asOfficer,
      '/api/elections/ge2017/constituencies',
      'region',
    ),
    querySite(
      'GET /api/projections/suggestions ?region',
      asOfficer,
      SUGGESTIONS,
      'region',
      'election=ge2017&parties=lab,ld',
    ),
    bodySite('POST /api/users grant region', asAdmin, '/api/users', 'grants.0.region', (region) =>
      user({ region }),
    ),
  ],
  ['south-east', 'ab', '--', 'a'.repeat(32)],
  ['s', 'a'.repeat(33), 'South-east', 'south_east', 'south-east-1', 'south east', ''],
  (site) => (site.name.startsWith('GET') ? ['south-east', 'wales'] : 5),
);

shape(
  'election code',
  ELECTION,
  [
    bodySite('POST /api/pacts election', asOfficer, '/api/pacts', 'election', (election) =>
      pact({ election }),
    ),
    bodySite(
      'POST /api/projections election',
      asOfficer,
      '/api/projections',
      'election',
      (election) => projection({ election }),
    ),
    querySite(
      'GET /api/projections/suggestions ?election',
      asOfficer,
      SUGGESTIONS,
      'election',
      'parties=lab,ld',
    ),
    querySite('GET /api/projections/hemicycle.svg ?election', asOfficer, HEMICYCLE, 'election'),
  ],
  ['ge2017', 'g1', '17', 'a'.repeat(16)],
  ['g', 'a'.repeat(17), 'GE2017', 'ge-2017', 'ge_2017', ''],
  (site) => (site.name.startsWith('GET') ? ['ge2017', 'ge2019'] : 2017),
);

shape(
  'ONS code',
  ONS,
  [
    querySite('GET /api/pacts ?constituency', asOfficer, '/api/pacts', 'constituency'),
    bodySite(
      'POST /api/pacts stand-aside constituency',
      asOfficer,
      '/api/pacts',
      'terms.standAsides.0.constituency',
      (constituency) => pact({ standAside: { constituency } }),
    ),
    bodySite(
      'POST /api/projections stand-aside constituency',
      asOfficer,
      '/api/projections',
      'standAsides.0.constituency',
      (constituency) => projection({ standAside: { constituency } }),
    ),
  ],
  ['E14000735', 'W07000044', 'S14000001', 'N06000001'],
  ['X14000735', 'E1400073', 'E140007351', 'e14000735', 'E1400073a', ''],
  (site) => (site.name.startsWith('GET') ? ['E14000735', 'E14000786'] : 14000735),
);

describe('a local party’s constituencies (ONS codes, each)', () => {
  const send = (constituencies: unknown[], unknown: boolean) =>
    postAs(admin, '/api/local-parties', {
      party: 'lab',
      name: 'Shapes',
      constituencies,
      ...(unknown ? { zzz: 1 } : {}),
    });
  it('accepts ONS codes', async () => {
    expectAccepted(await send(['E14000735', 'W07000044'], true));
  });
  it.each(['X14000735', 'E1400073', 'e14000735'])('refuses %j', async (code) => {
    expectMalformed(await send(['E14000735', code], false), [
      {
        field: 'constituencies',
        problems: [`each value in constituencies must match ${ONS} regular expression`],
      },
    ]);
  });
});
