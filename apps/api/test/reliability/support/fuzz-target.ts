// What the fuzz run aims at: pacts in every state and accounts of its own (so a valid PATCH never
// disables a caller), and pools of values that name real things — ids, codes, revision hashes,
// cursors — or nearly do (forged cursors), so requests get past validation to the code behind it.
import { createAccount } from '../../support/factories.js';
import { HASTINGS_FOR_LEWES, get, inAMonth } from '../../support/pacts.js';
import {
  doc,
  greenPavilion,
  labHastings,
  labLewes,
  ldHastings,
  ldLewes,
  t,
  tokenOf,
  tokens,
} from './fuzz-app.js';
import type { FuzzTarget } from './fuzz-values.js';
import { COUNTER_TERMS, createPactIn, type PactFixture } from './pact-fixtures.js';

async function cursorsFrom(paths: readonly string[]): Promise<string[]> {
  const cursors: string[] = [];
  for (const path of paths) {
    const res = await get(t, tokenOf('admin'), path);
    const next = (res.body as { nextCursor?: unknown }).nextCursor;
    if (typeof next === 'string') {
      cursors.push(next);
    }
  }
  return cursors;
}

const crafted = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** Makes the fixtures and gathers the pools; once per run, in the test (it changes the data). */
export async function fuzzTarget(): Promise<FuzzTarget> {
  const pacts = new Map<string, PactFixture>();
  const fixtureUsers: string[] = [];
  for (const state of [
    'draft',
    'proposed',
    'signed',
    'ratified',
    'terminated',
    'withdrawn',
  ] as const) {
    pacts.set(state, await createPactIn(t, tokens, state, `Fuzz fixture (${state})`));
  }
  for (const grants of [
    [{ role: 'member' as const, party: 'lab' }],
    [{ role: 'officer' as const, localPartyId: labLewes }],
    [{ role: 'member' as const, party: 'ld' }],
    [{ role: 'coordinator' as const, party: 'lab', region: 'south-east' }],
  ]) {
    fixtureUsers.push((await createAccount(t, grants)).id);
  }
  const demoUsers: { id: string }[] = await t.dataSource.query(
    `SELECT id FROM users WHERE email LIKE '%@pactroom.test' ORDER BY email`,
  );
  const pactIds = [...pacts.values()].map((p) => p.id);
  const hashes = [
    ...new Set(
      (
        await t.dataSource.query<{ hash: string }[]>(
          'SELECT hash FROM pact_revisions WHERE pact_id = ANY($1)',
          [pactIds],
        )
      ).map((r) => r.hash),
    ),
  ];
  const realCursors = await cursorsFrom([
    '/api/users?limit=1',
    '/api/pacts?limit=1',
    '/api/local-parties?limit=1',
    '/api/parties?limit=1',
    '/api/elections/ge2017/constituencies?limit=1',
  ]);
  const uuid = '00000000-0000-4000-8000-000000000000';
  const forgedCursors = [
    crafted([]),
    crafted(['x']),
    crafted([1]),
    crafted(['x', 'y']),
    crafted(['2025-01-01T00:00:00.000Z', 'not-a-uuid']),
    crafted(['not-a-date', uuid]),
    crafted(['+275760-09-13T00:00:00.000Z', uuid]),
    crafted([1e308, 1]),
    crafted(['\u0000']),
    crafted(['a\u0000b', uuid]),
    crafted(['\ud800', '\ud800']),
    crafted(['Lewes', 'not-a-uuid']),
    crafted([null, null]),
    crafted([{}, []]),
    'not base64 !!',
    'e30',
  ];
  const elections = ['ge2015', 'ge2017', 'ge2019', 'ge2024'];
  const parties = ['lab', 'ld', 'green', 'con', 'snp'];
  const regions = ['south-east', 'london', 'scotland', 'wales'];
  const onsCodes = ['E14000735', 'E14000786', 'E14000598', 'S14000001', 'W07000049', 'E14001063'];
  const transferSets = ['central', 'low', 'high', 'upper-bound'];
  const localParties = [ldHastings, labLewes, labHastings, ldLewes, greenPavilion];
  return {
    doc,
    pathPools: {
      'GET /api/users/{id}:id': [...demoUsers.map((u) => u.id), ...fixtureUsers],
      // Fixture accounts only: a valid PATCH could disable a caller of the fuzz run.
      'PATCH /api/users/{id}:id': fixtureUsers,
      id: pactIds,
      n: ['1', '2', '3'],
      election: elections,
      onsCode: onsCodes,
      name: transferSets,
    },
    queryPools: {
      limit: ['1', '2', '50', '200'],
      cursor: realCursors,
      status: ['draft', 'proposed', 'signed', 'ratified', 'terminated', 'expired'],
      party: parties,
      region: regions,
      constituency: onsCodes,
      q: ['hast', 'lewes', 'brighton'],
      election: elections,
      parties: ['lab,ld', 'lab,ld,green', 'con,lab'],
      transfers: transferSets,
      seed: ['0', '1', '42'],
      simulations: ['0', '10', '100'],
      against: ['1', '2'],
      standAsides: ['ld:E14000735:lab,lab:E14000786:ld', 'ld:E14000735'],
      model: ['uniform', 'proportional'],
      shares: ['lab:40,con:30,ld:12'],
      all: ['true', 'false'],
    },
    queryOddities: { cursor: forgedCursors },
    bodyPools: {
      email: [
        'admin@pactroom.test',
        'officer.ld.hastings@pactroom.test',
        'member.lab@pactroom.test',
        'fuzz.new.one@pactroom.test',
        'nobody@pactroom.test',
      ],
      password: ['pactroom-demo', 'correct-horse-battery', 'a-long-enough-password'],
      name: ['Fuzz Name'],
      role: ['admin', 'coordinator', 'officer', 'member'],
      party: parties,
      beneficiary: parties,
      region: regions,
      localPartyId: localParties,
      localParties: [
        [ldHastings, labLewes],
        [ldHastings, labLewes, greenPavilion],
        [labHastings, ldLewes],
      ],
      constituencies: [['E14000735'], ['E14000786', 'E14000735'], ['E14000598']],
      constituency: onsCodes,
      election: elections,
      respondBy: [inAMonth(), '2027-01-31T23:59:59Z'],
      hash: hashes,
      revision: [1, 2],
      baseRevision: [1, 2],
      terms: [HASTINGS_FOR_LEWES, COUNTER_TERMS],
      standAsides: [HASTINGS_FOR_LEWES.standAsides, [HASTINGS_FOR_LEWES.standAsides[0] ?? null]],
      commitments: [[], [{ party: 'ld', text: 'Campaign jointly' }]],
      reason: ['Fuzz reason'],
      title: ['Fuzz pact'],
      transfers: ['central', 'low', 'upper-bound', { lab: { ld: 0.3 } }],
      simulations: [0, 10, 100],
      seed: [0, 1, 42],
      refreshToken: ['garbage', '00000000-0000-0000-0000-000000000000.secret'],
      actingFor: [ldHastings, labLewes, { party: 'lab', region: 'south-east' }],
      grants: [
        [{ role: 'member', party: 'lab' }],
        [{ role: 'officer', localPartyId: labLewes }],
        [{ role: 'coordinator', party: 'ld', region: 'south-east' }],
      ],
      shares: [{ lab: 40, con: 30 }],
    },
  };
}
