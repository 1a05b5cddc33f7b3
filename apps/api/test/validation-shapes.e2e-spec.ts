// The input shapes every DTO and pipe shares (party code, region slug, election code, ONS code,
// UUID): each site accepts the same values and refuses the others with the same 400 details, down
// to the message text, so one shared regex cannot drift from what the API has always answered.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import {
  bearer,
  createAccount,
  createLocalParty,
  login,
  uniqueEmail,
} from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let admin: string;
let officer: string;
let userId: string;

beforeAll(async () => {
  t = await createTestApp();
  const account = await createAccount(t, [{ role: 'admin' }]);
  userId = account.id;
  admin = (await login(t, account.email)).accessToken;
  const lewes = await createLocalParty(t, 'lab', 'E14000786');
  officer = (
    await login(t, (await createAccount(t, [{ role: 'officer', localPartyId: lewes }])).email)
  ).accessToken;
});
afterAll(async () => {
  await t.close();
});

const PARTY = '/^[a-z]{2,16}$/';
const REGION = '/^[a-z-]{2,32}$/';
const ELECTION = '/^[a-z0-9]{2,16}$/';
const ONS = '/^[ENSW]\\d{8}$/';
const SOME_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const getAs = (token: string, path: string) => t.http.get(path).set('authorization', bearer(token));
const postAs = (token: string, path: string, body: object) =>
  t.http.post(path).set('authorization', bearer(token)).send(body);

/** A query parameter: a string value, or a list (the parameter repeated, so not a string). */
type QueryValue = string | string[];
const query = (name: string, value: QueryValue) =>
  (Array.isArray(value) ? value : [value]).map((v) => `${name}=${encodeURIComponent(v)}`).join('&');

/**
 * One place a shape is checked: `send(value, unknown)` makes a request that is valid except for the
 * value under test, plus (when `unknown`) an unknown property `zzz`, the only problem then expected.
 */
interface Site {
  name: string;
  field: string;
  send(value: unknown, unknown: boolean): Promise<Response>;
}

const querySite = (
  name: string,
  token: () => string,
  path: string,
  param: string,
  rest = '',
): Site => ({
  name,
  field: param,
  send: (value, unknown) =>
    getAs(
      token(),
      `${path}?${[rest, query(param, value as QueryValue), unknown ? 'zzz=1' : '']
        .filter(Boolean)
        .join('&')}`,
    ),
});

const bodySite = (
  name: string,
  token: () => string,
  path: string,
  field: string,
  body: (value: unknown) => object,
): Site => ({
  name,
  field,
  send: (value, unknown) =>
    postAs(token(), path, { ...body(value), ...(unknown ? { zzz: 1 } : {}) }),
});

const pact = (patch: {
  election?: unknown;
  standAside?: Record<string, unknown>;
  commitment?: Record<string, unknown>;
}) => ({
  title: 'Shapes',
  election: 'election' in patch ? patch.election : 'ge2017',
  localParties: [SOME_ID, '1a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
  terms: {
    standAsides: [
      { party: 'ld', constituency: 'E14000735', beneficiary: 'lab', ...patch.standAside },
    ],
    commitments: [{ party: 'lab', text: 'Campaign jointly', ...patch.commitment }],
  },
  respondBy: '2030-01-01T00:00:00Z',
});

const projection = (patch: { election?: unknown; standAside?: Record<string, unknown> }) => ({
  election: 'election' in patch ? patch.election : 'ge2017',
  standAsides: [
    { party: 'ld', constituency: 'E14000735', beneficiary: 'lab', ...patch.standAside },
  ],
});

const user = (grant: Record<string, unknown>) => ({
  email: uniqueEmail('shapes'),
  name: 'Shapes',
  password: 'long enough password',
  grants: [{ role: 'member', party: 'lab', region: 'south-east', ...grant }],
});

const asOfficer = () => officer;
const asAdmin = () => admin;
const SUGGESTIONS = '/api/projections/suggestions';
const HEMICYCLE = '/api/projections/hemicycle.svg';

const matches = (property: string, regex: string) =>
  `${property} must match ${regex} regular expression`;
const notString = (property: string) => `${property} must be a string`;
const property = (field: string) => field.split('.').pop() ?? field;

function expectMalformed(res: Response, details: { field: string; problems: string[] }[]) {
  expect({ status: res.status, body: res.body }).toEqual({
    status: 400,
    body: {
      code: 'VALIDATION_FAILED',
      message: 'The request is malformed.',
      details,
      requestId: expect.any(String),
    },
  });
}

/** The value passed the shape: the unknown `zzz` is the only problem left. */
function expectAccepted(res: Response) {
  expectMalformed(res, [{ field: 'zzz', problems: ['property zzz should not exist'] }]);
}

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

describe('the shapes inside custom validators', () => {
  const actingFor = (value: unknown, unknown: boolean) =>
    postAs(officer, `/api/pacts/${SOME_ID}/withdraw`, {
      reason: 'Shapes',
      actingFor: value,
      ...(unknown ? { zzz: 1 } : {}),
    });
  it.each([
    SOME_ID,
    SOME_ID.toUpperCase(),
    '00000000-0000-0000-0000-000000000000',
    { party: 'ld', region: 'south-east' },
    { party: 'a'.repeat(16), region: '-'.repeat(32) },
  ])('actingFor accepts %j', async (value) => {
    expectAccepted(await actingFor(value, true));
  });
  it.each([
    'not-a-uuid',
    SOME_ID.replaceAll('-', ''),
    `${SOME_ID}0`,
    SOME_ID.replace('0', 'g'),
    { party: 'LD', region: 'south-east' },
    { party: 'l', region: 'south-east' },
    { party: 'ld', region: 's' },
    { party: 'ld', region: 'a'.repeat(33) },
    { party: 'ld' },
    { party: 'ld', region: 'south-east', extra: 1 },
  ])('actingFor refuses %j', async (value) => {
    expectMalformed(await actingFor(value, false), [
      {
        field: 'actingFor',
        problems: ['actingFor must be a local party id or {party, region}'],
      },
    ]);
  });

  const transfersProblem =
    'transfers must be a transfer set name or a matrix {from: {to: rate | {low, central, high}}}';
  it.each([
    [{ ld: { lab: 0.5 } }, null],
    [{ abcdefghijklmnop: { ab: 0.5 } }, null],
    [{ LD: { lab: 0.5 } }, transfersProblem],
    [{ ld: { l: 0.5 } }, transfersProblem],
    [{ 'l-d': { lab: 0.5 } }, transfersProblem],
  ])('a transfer matrix keyed %j', async (transfers, problem) => {
    const res = await postAs(officer, '/api/projections', {
      ...projection({}),
      transfers,
      ...(problem === null ? { zzz: 1 } : {}),
    });
    if (problem === null) {
      expectAccepted(res);
    } else {
      expectMalformed(res, [{ field: 'transfers', problems: [problem] }]);
    }
  });

  it.each([
    [{ lab: 40, ld: 12 }, null],
    [{ LAB: 40 }, 'shares must map party codes to percentages'],
    [{ l: 40 }, 'shares must map party codes to percentages'],
  ])('swing shares keyed %j', async (shares, problem) => {
    const res = await postAs(officer, '/api/projections', {
      ...projection({}),
      swing: { model: 'uniform', shares },
      ...(problem === null ? { zzz: 1 } : {}),
    });
    if (problem === null) {
      expectAccepted(res);
    } else {
      expectMalformed(res, [{ field: 'swing.shares', problems: [problem] }]);
    }
  });
});

describe('the lists of party codes and ONS codes in a query string', () => {
  const cases: [string, string, string, string[], string[]][] = [
    [
      SUGGESTIONS,
      'election=ge2017',
      'parties',
      ['lab,ld', 'ab,cd,ef,gh,ij,kl'],
      ['lab', 'ab,cd,ef,gh,ij,kl,mn', 'LAB,ld', 'lab,,ld', 'lab,l'],
    ],
    [
      HEMICYCLE,
      'election=ge2017',
      'standAsides',
      ['ld:E14000735:lab,lab:E14000786', 'ld:W07000044'],
      ['ld:E1400073', 'LD:E14000735', 'ld:E14000735:l', 'ld:X14000735', 'ld:E14000735,'],
    ],
    [
      HEMICYCLE,
      'election=ge2017',
      'shares',
      ['lab:40,con:30.5', 'ld:100'],
      ['lab:1000', 'LAB:40', 'lab:', 'l:40', 'lab:40,'],
    ],
  ];
  const regexes: Record<string, string> = {
    parties: '/^[a-z]{2,16}(,[a-z]{2,16}){1,5}$/',
    standAsides:
      '/^([a-z]{2,16}:[ENSW]\\d{8}(:[a-z]{2,16})?)(,[a-z]{2,16}:[ENSW]\\d{8}(:[a-z]{2,16})?)*$/',
    shares: '/^[a-z]{2,16}:\\d{1,3}(\\.\\d+)?(,[a-z]{2,16}:\\d{1,3}(\\.\\d+)?)*$/',
  };
  describe.each(cases)('%s ?%s%s', (path, rest, param, good, bad) => {
    const site = querySite(`${path} ?${param}`, asOfficer, path, param, rest);
    it.each(good)('accepts %j', async (value) => {
      expectAccepted(await site.send(value, true));
    });
    it.each(bad)('refuses %j', async (value) => {
      expectMalformed(await site.send(value, false), [
        { field: param, problems: [matches(param, regexes[param] ?? '')] },
      ]);
    });
  });
});

describe('UUIDs in paths and cursors', () => {
  it('reads an id in any case and answers it in lower case', async () => {
    const res = await getAs(admin, `/api/users/${userId.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(userId);
  });

  it.each([
    'not-a-uuid',
    `${SOME_ID}0`,
    `g${SOME_ID.slice(1)}`,
    SOME_ID.replaceAll('-', ''),
    `${SOME_ID.slice(0, 8)}${SOME_ID.slice(9)}-`,
  ])('answers a malformed id (%s) as not found', async (id) => {
    const users = await getAs(admin, `/api/users/${id}`);
    expect({ status: users.status, code: users.body.code, message: users.body.message }).toEqual({
      status: 404,
      code: 'USER_NOT_FOUND',
      message: 'Not found.',
    });
    const pacts = await getAs(officer, `/api/pacts/${id}`);
    expect({ status: pacts.status, code: pacts.body.code }).toEqual({
      status: 404,
      code: 'PACT_NOT_FOUND',
    });
  });

  const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  it.each([
    [['lab', SOME_ID], 200],
    [['lab', SOME_ID.toUpperCase()], 200],
    [['lab', '00000000-0000-0000-0000-000000000000'], 200],
    [['lab', 'not-a-uuid'], 400],
    [['lab', SOME_ID.replaceAll('-', '')], 400],
    [['lab', `${SOME_ID}0`], 400],
  ])('a local-party cursor keyed %j answers %d', async (key, status) => {
    const res = await getAs(admin, `/api/local-parties?cursor=${cursor(key)}`);
    expect(res.status).toBe(status);
    if (status === 400) {
      expect(res.body).toMatchObject({
        code: 'INVALID_CURSOR',
        message: 'The cursor is not one this list gave out.',
      });
    }
  });
});
