// Fuzzes every operation of the served OpenAPI document (GET /api/docs-json) with fast-check: path
// parameters (real fixture ids, random and unicode strings, broken percent-escapes, 6 kB segments),
// the documented query parameters (valid, wrong type, out of range, repeated, unknown), bodies
// built from the documented schema and then mutated (fields dropped, added, duplicated, retyped,
// replaced by huge strings, NUL and lone surrogates, 1e308 / -0 / 1e309, nesting up to 20,000
// deep), invalid JSON and wrong content types — as an admin, a coordinator, two officers, a member,
// anonymously and with malformed tokens. Every answer must be below 500 and every error must be
// exactly the API.md body with `requestId` equal to the `x-request-id` header.
//
// PACTROOM_FUZZ_REQUESTS (default 10000) sets the budget, PACTROOM_FUZZ_SEED the seed (printed);
// a failure names its seed, pair and sample so it reproduces, and PACTROOM_FUZZ_ONLY (a regular
// expression over `METHOD /path`, or `stray`) replays just those operations with the same draws.
// The mass-assignment cases run first, on fresh fixtures, before the fuzz run changes anything.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { createAccount, login, uniqueEmail } from '../support/factories.js';
import {
  DEMO_PASSWORD,
  HASTINGS_FOR_LEWES,
  demoTokens,
  get,
  inAMonth,
  localPartyId,
  tokenIn,
} from '../support/pacts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dbFingerprint } from './support/db-fingerprint.js';
import { errorBodyProblems, type ErrorBody } from './support/error-body.js';
import {
  badAuthorization,
  describeBytes,
  requestArb,
  strayArb,
  type FuzzRequest,
  type FuzzTarget,
  type Json,
} from './support/fuzz-values.js';
import {
  danglingRefs,
  operationsOf,
  type OpenApiDocument,
  type Operation,
} from './support/openapi.js';
import { COUNTER_TERMS, createPactIn, type PactFixture } from './support/pact-fixtures.js';
import { RawClient, runPool, type RawResponse } from './support/raw-http.js';

// The reliability project's `testTimeout` in jest.config.mjs is not applied (tests stop at 5 s).
jest.setTimeout(300_000);

const SEED = Number(process.env.PACTROOM_FUZZ_SEED ?? 20_251_122);
const BUDGET = Number(process.env.PACTROOM_FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 8;
/** Only the operations whose `METHOD /path` matches this regular expression (to reproduce). */
const ONLY = process.env.PACTROOM_FUZZ_ONLY
  ? new RegExp(process.env.PACTROOM_FUZZ_ONLY)
  : undefined;

const log = (line: string) => process.stderr.write(`[fuzz] ${line}\n`);

/** The callers: one account per role (two officers: the author's and the partner's side). */
const ROLE_ACCOUNTS = {
  admin: 'admin',
  coordinator: 'coord.lab.southeast',
  officer: 'officer.ld.hastings',
  'partner officer': 'officer.lab.lewes',
  member: 'member.lab',
} as const;
const DEMO_NAMES = [...new Set([...Object.values(ROLE_ACCOUNTS), 'coord.ld.southeast'])];
const demoEmail = (name: string) =>
  name === 'admin' ? 'admin@pactroom.test' : `${name}@pactroom.test`;

let t: TestApp;
let client: RawClient;
let doc: OpenApiDocument;
let tokens: Record<string, string>;
/** A second session per demo account, for logout (which would end the main one). */
const spareTokens: Record<string, string> = {};
/** A throw-away account's session, for logout-all (which ends every session of its account). */
let disposableToken = '';
let ldHastings: string;
let labLewes: string;
let labHastings: string;
let ldLewes: string;
let greenPavilion: string;
const pacts = new Map<string, PactFixture>();
const fixtureUsers: string[] = [];

beforeAll(async () => {
  t = await createTestApp({
    demo: true,
    // Logins reach argon2 rather than the IP throttle; the per-account limit stays at its default.
    env: { PACTROOM_LOGIN_ATTEMPTS_PER_IP: '1000000' },
  });
  client = await RawClient.listen(t);
  tokens = await demoTokens(t, DEMO_NAMES);
  for (const name of Object.values(ROLE_ACCOUNTS)) {
    spareTokens[name] = (await login(t, demoEmail(name), DEMO_PASSWORD)).accessToken;
  }
  disposableToken = (
    await login(t, (await createAccount(t, [{ role: 'member', party: 'lab' }])).email)
  ).accessToken;
  ldHastings = await localPartyId(t, 'Hastings and Rye Liberal Democrats');
  labLewes = await localPartyId(t, 'Lewes Labour');
  labHastings = await localPartyId(t, 'Hastings and Rye Labour');
  ldLewes = await localPartyId(t, 'Lewes Liberal Democrats');
  greenPavilion = await localPartyId(t, 'Brighton Pavilion Green Party');
  doc = (await t.http.get('/api/docs-json')).body as OpenApiDocument;
});
afterAll(async () => {
  client.close();
  await t.close();
});

const tokenOf = (name: string): string => tokenIn(tokens, name);

// ── Mass assignment ──────────────────────────────────────────────────────────────────────────────

const FORBIDDEN: Readonly<Record<string, Json>> = {
  status: 'ratified',
  id: '00000000-0000-4000-8000-000000000000',
  role: 'admin',
  version: 99,
  createdAt: '2000-01-01T00:00:00.000Z',
};

interface MassCase {
  readonly name: string;
  readonly as: string;
  readonly method: 'POST' | 'PATCH';
  /** Builds the fixture; returns the path, a valid body and the status that body gets. */
  readonly setup: () => Promise<{ path: string; body: Record<string, unknown>; ok: number }>;
  /** Where the forbidden fields go: the top level, or a nested object of the body. */
  readonly nest?: (body: Record<string, unknown>, extra: object) => Record<string, unknown>;
  /** Fields the nested object legitimately has (a grant's `role`), so not forbidden there. */
  readonly own?: readonly string[];
}

const pactCommand = (
  state: 'draft' | 'proposed' | 'signed' | 'ratified',
  command: string,
  body: (pact: PactFixture) => Record<string, unknown>,
) => {
  return async () => {
    const pact = await createPactIn(t, tokens, state, `Mass assignment ${command}`);
    return { path: `/api/pacts/${pact.id}/${command}`, body: body(pact), ok: 200 };
  };
};
const accept = (pact: PactFixture) => ({ revision: pact.revision, hash: pact.hash });
const reason = () => ({ reason: 'Mass assignment check' });

const userBody = () => ({
  email: uniqueEmail('mass'),
  name: 'Mass Assignment',
  password: 'a-long-enough-password',
  grants: [{ role: 'member', party: 'lab' }],
});
const pactBody = () => ({
  title: 'Mass assignment',
  election: 'ge2017',
  localParties: [ldHastings, labLewes],
  terms: HASTINGS_FOR_LEWES,
  respondBy: inAMonth(),
});

const MASS_CASES: readonly MassCase[] = [
  {
    name: 'POST /api/users',
    as: 'admin',
    method: 'POST',
    setup: () => Promise.resolve({ path: '/api/users', body: userBody(), ok: 201 }),
  },
  {
    name: 'POST /api/users (in a grant)',
    as: 'admin',
    method: 'POST',
    setup: () => Promise.resolve({ path: '/api/users', body: userBody(), ok: 201 }),
    nest: (body, extra) => ({ ...body, grants: [{ role: 'member', party: 'lab', ...extra }] }),
    own: ['role'],
  },
  {
    name: 'PATCH /api/users/:id',
    as: 'admin',
    method: 'PATCH',
    setup: async () => {
      const user = await createAccount(t, [{ role: 'member', party: 'lab' }]);
      return { path: `/api/users/${user.id}`, body: { name: 'Renamed' }, ok: 200 };
    },
  },
  {
    name: 'PATCH /api/users/:id (in a grant)',
    as: 'admin',
    method: 'PATCH',
    setup: async () => {
      const user = await createAccount(t, [{ role: 'member', party: 'lab' }]);
      return {
        path: `/api/users/${user.id}`,
        body: { grants: [{ role: 'member', party: 'ld' }] },
        ok: 200,
      };
    },
    nest: (body, extra) => ({ ...body, grants: [{ role: 'member', party: 'ld', ...extra }] }),
    own: ['role'],
  },
  {
    name: 'POST /api/local-parties',
    as: 'admin',
    method: 'POST',
    setup: () =>
      Promise.resolve({
        path: '/api/local-parties',
        body: {
          party: 'lab',
          name: `Mass assignment ${uniqueEmail('lp')}`,
          constituencies: ['E14000735'],
        },
        ok: 201,
      }),
  },
  {
    name: 'POST /api/pacts',
    as: 'officer.ld.hastings',
    method: 'POST',
    setup: () => Promise.resolve({ path: '/api/pacts', body: pactBody(), ok: 201 }),
  },
  {
    name: 'POST /api/pacts (in terms and a stand-aside)',
    as: 'officer.ld.hastings',
    method: 'POST',
    setup: () => Promise.resolve({ path: '/api/pacts', body: pactBody(), ok: 201 }),
    nest: (body, extra) => ({
      ...body,
      terms: {
        ...HASTINGS_FOR_LEWES,
        standAsides: HASTINGS_FOR_LEWES.standAsides.map((s, i) =>
          i === 0 ? { ...s, ...extra } : s,
        ),
        ...extra,
      },
    }),
  },
  {
    name: 'POST /api/pacts/:id/propose',
    as: 'officer.ld.hastings',
    method: 'POST',
    setup: pactCommand('draft', 'propose', () => ({})),
  },
  {
    name: 'POST /api/pacts/:id/counter',
    as: 'officer.lab.lewes',
    method: 'POST',
    setup: pactCommand('proposed', 'counter', (p) => ({
      baseRevision: p.revision,
      terms: COUNTER_TERMS,
    })),
  },
  {
    name: 'POST /api/pacts/:id/counter (in a commitment)',
    as: 'officer.lab.lewes',
    method: 'POST',
    setup: pactCommand('proposed', 'counter', (p) => ({
      baseRevision: p.revision,
      terms: COUNTER_TERMS,
    })),
    nest: (body, extra) => ({
      ...body,
      terms: { ...COUNTER_TERMS, commitments: [{ ...COUNTER_TERMS.commitments[0], ...extra }] },
    }),
  },
  {
    name: 'POST /api/pacts/:id/sign',
    as: 'officer.lab.lewes',
    method: 'POST',
    setup: pactCommand('proposed', 'sign', accept),
  },
  {
    name: 'POST /api/pacts/:id/decline',
    as: 'officer.lab.lewes',
    method: 'POST',
    setup: pactCommand('proposed', 'decline', reason),
  },
  {
    name: 'POST /api/pacts/:id/withdraw',
    as: 'officer.ld.hastings',
    method: 'POST',
    setup: pactCommand('proposed', 'withdraw', reason),
  },
  {
    name: 'POST /api/pacts/:id/approve',
    as: 'coord.lab.southeast',
    method: 'POST',
    setup: pactCommand('signed', 'approve', accept),
  },
  {
    name: 'POST /api/pacts/:id/reject',
    as: 'coord.lab.southeast',
    method: 'POST',
    setup: pactCommand('signed', 'reject', reason),
  },
  {
    name: 'POST /api/pacts/:id/terminate',
    as: 'officer.lab.lewes',
    method: 'POST',
    setup: pactCommand('ratified', 'terminate', reason),
  },
];

const VARIANTS: readonly [string, Record<string, Json>][] = [
  ...Object.entries(FORBIDDEN).map(([k, v]): [string, Record<string, Json>] => [k, { [k]: v }]),
  ['all five', { ...FORBIDDEN }],
];

describe('mass assignment', () => {
  it.each(MASS_CASES.map((c) => [c.name, c] as const))(
    '%s: status, id, role, version, createdAt → 400 VALIDATION_FAILED, nothing changes',
    async (_name, c) => {
      const { path, body, ok } = await c.setup();
      const idempotencyKey = `mass-${uniqueEmail('k')}`;
      const send = (payload: object) => {
        const req = c.method === 'POST' ? t.http.post(path) : t.http.patch(path);
        const withKey = path.startsWith('/api/pacts')
          ? req.set('idempotency-key', idempotencyKey)
          : req;
        return withKey.set('authorization', `Bearer ${tokenOf(c.as)}`).send(payload);
      };
      const own = new Set(c.own ?? []);
      for (const [variant, all] of VARIANTS) {
        const extra = Object.fromEntries(Object.entries(all).filter(([k]) => !own.has(k)));
        if (Object.keys(extra).length === 0) {
          continue;
        }
        const before = await dbFingerprint(t);
        const payload = c.nest ? c.nest(body, extra) : { ...body, ...extra };
        const res = await send(payload);
        const resBody = res.body as ErrorBody;
        expect({ variant, status: res.status, code: resBody.code }).toEqual({
          variant,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        const fields = JSON.stringify(resBody.details);
        for (const key of Object.keys(extra)) {
          expect(fields).toContain(key);
        }
        expect(await dbFingerprint(t)).toEqual(before);
      }
      // The same body without the extra fields is accepted (also under the same idempotency key,
      // which the refused requests therefore did not claim): the 400s were about those fields.
      const control = await send(body);
      expect({
        status: control.status,
        body: control.status === ok ? 'ok' : (control.body as unknown),
      }).toEqual({
        status: ok,
        body: 'ok',
      });
    },
  );
});

// ── The OpenAPI document ─────────────────────────────────────────────────────────────────────────

describe('the OpenAPI document', () => {
  it('documents operations to fuzz, and every $ref in it names a schema', () => {
    expect(operationsOf(doc).length).toBeGreaterThan(30);
    expect(danglingRefs(doc)).toEqual([]);
  });
});

// ── The fuzz run ─────────────────────────────────────────────────────────────────────────────────

interface Offender {
  readonly request: FuzzRequest;
  readonly status: number | string;
  /** The answer's `code` (or Fastify's), what was wrong with it, and the start of the body. */
  readonly code: string;
  readonly problems: string;
  readonly body: string;
}

const describeRequest = (r: FuzzRequest): string => {
  const headers = Object.entries(r.headers)
    .map(([k, v]) => `${k}: ${k === 'authorization' && v.length > 40 ? `${v.slice(0, 30)}…` : v}`)
    .join('; ');
  return `[seed ${SEED} pair ${r.pair} sample ${r.sample}] ${r.caller} ${r.mode} ${r.method} ${
    r.path.length > 300 ? `${r.path.slice(0, 300)}…` : r.path
  } {${headers}} ${describeBytes(r.body)}`;
};

function offender(
  request: FuzzRequest,
  status: number | string,
  text: string,
  problems = '',
): Offender {
  let code = '?';
  try {
    const parsed = JSON.parse(text) as { code?: unknown };
    code = typeof parsed.code === 'string' ? parsed.code : '?';
  } catch {
    // not JSON: the problems say so
  }
  return { request, status, code, problems, body: text.slice(0, 300) };
}

/** Offenders grouped by operation, status, code and problem, with a count and the first example. */
function grouped(offenders: readonly Offender[]): string[] {
  const groups = new Map<string, { count: number; example: Offender }>();
  for (const o of offenders) {
    const key = `${o.request.op} → ${o.status} ${o.code}${o.problems ? ` (${o.problems})` : ''}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
    } else {
      groups.set(key, { count: 1, example: o });
    }
  }
  return [...groups.entries()].map(
    ([key, g]) =>
      `${g.count}× ${key}\n    e.g. ${describeRequest(g.example.request)}\n    → ${g.example.body}`,
  );
}

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

async function fuzzTarget(): Promise<FuzzTarget> {
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

interface Caller {
  readonly name: string;
  authorization(op: Operation | undefined): fc.Arbitrary<string | undefined>;
}

const CALLERS: readonly Caller[] = [
  ...Object.entries(ROLE_ACCOUNTS).map(([role, account]) => ({
    name: role,
    authorization: (op: Operation | undefined) =>
      fc.constant(
        `Bearer ${
          op?.key === 'POST /api/auth/logout'
            ? (spareTokens[account] ?? '')
            : op?.key === 'POST /api/auth/logout-all'
              ? disposableToken
              : tokenOf(account)
        }`,
      ),
  })),
  { name: 'anonymous', authorization: () => fc.constant(undefined) },
  { name: 'malformed token', authorization: () => badAuthorization },
];

describe('fuzzing every documented operation', () => {
  it(`answers ${BUDGET}+ requests below 500, every error in the API.md shape`, async () => {
    const target = await fuzzTarget();
    const ops = operationsOf(doc);
    const allSlots = [...ops, 'stray'] as const;
    const slotKey = (slot: (typeof allSlots)[number]) => (slot === 'stray' ? slot : slot.key);
    const slots = allSlots.filter((slot) => ONLY === undefined || ONLY.test(slotKey(slot)));
    const pairs = allSlots.length * CALLERS.length;
    const perPair = Math.max(1, Math.ceil(BUDGET / pairs));
    log(
      `seed ${SEED}; ${ops.length} operations + stray × ${CALLERS.length} callers = ${pairs} pairs × ${perPair} = ${pairs * perPair} requests${ONLY ? ` (only ${slots.length * CALLERS.length * perPair} matching ${String(ONLY)})` : ''}, ${CONCURRENCY} in flight`,
    );

    function* requests(): Generator<FuzzRequest> {
      for (const [slotIndex, slot] of allSlots.entries()) {
        if (!slots.includes(slot)) {
          continue;
        }
        for (const [callerIndex, caller] of CALLERS.entries()) {
          // The pair's index in the full run, so a filtered run draws the same requests.
          const pair = slotIndex * CALLERS.length + callerIndex;
          const arb =
            slot === 'stray'
              ? strayArb(target, ops, {
                  name: caller.name,
                  authorization: caller.authorization(undefined),
                })
              : requestArb(target, slot, {
                  name: caller.name,
                  authorization: caller.authorization(slot),
                });
          const samples = fc.sample(arb, { seed: SEED + pair, numRuns: perPair });
          for (const [sample, request] of samples.entries()) {
            yield { ...request, pair, sample };
          }
        }
      }
    }

    const statuses = new Map<number, number>();
    const perOperation = new Map<string, Map<number, number>>();
    const modes = new Map<string, number>();
    const serverErrors: Offender[] = [];
    const transportErrors: Offender[] = [];
    const badErrorBodies: Offender[] = [];
    let sent = 0;
    let slowest = { ms: 0, request: '' };
    const started = performance.now();

    await runPool(requests(), CONCURRENCY, async (request) => {
      let res: RawResponse;
      try {
        res = await client.send(request);
      } catch (error) {
        transportErrors.push(offender(request, 'no answer', String(error)));
        return;
      }
      sent++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const byStatus = perOperation.get(request.op) ?? new Map<number, number>();
      byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
      perOperation.set(request.op, byStatus);
      modes.set(request.mode, (modes.get(request.mode) ?? 0) + 1);
      if (res.ms > slowest.ms) {
        slowest = { ms: res.ms, request: `${request.op} ${request.mode}` };
      }
      if (res.status >= 500) {
        serverErrors.push(offender(request, res.status, res.text));
      }
      // 5xx answers are reported above; the shape of every other error is checked here.
      if (res.status >= 400 && res.status < 500 && request.method !== 'HEAD') {
        const problems = errorBodyProblems(res.status, res.headers, res.text);
        if (problems.length > 0) {
          badErrorBodies.push(offender(request, res.status, res.text, problems.join('; ')));
        }
      }
    });

    const seconds = (performance.now() - started) / 1000;
    const histogram = [...statuses.entries()].sort(([a], [b]) => a - b);
    log(
      `${sent} answered, ${transportErrors.length} unanswered in ${seconds.toFixed(1)} s (${(sent / seconds).toFixed(0)}/s); slowest ${slowest.ms.toFixed(0)} ms (${slowest.request})`,
    );
    log(`statuses ${histogram.map(([s, n]) => `${s}×${n}`).join(' ')}`);
    log(`modes ${[...modes.entries()].map(([m, n]) => `${m}×${n}`).join(' ')}`);
    for (const [op, byStatus] of [...perOperation.entries()].sort()) {
      const counts = [...byStatus.entries()].sort(([a], [b]) => a - b);
      log(`  ${op}: ${counts.map(([s, n]) => `${s}×${n}`).join(' ')}`);
    }
    // Every offender with its request (one line each), then the groups the assertion shows.
    const all = { serverErrors, transportErrors, badErrorBodies };
    for (const [kind, offenders] of Object.entries(all)) {
      for (const o of offenders) {
        log(
          `${kind}: ${o.status} ${o.code} ${describeRequest(o.request)} → ${o.body.slice(0, 160)}`,
        );
      }
    }
    const report = {
      serverErrors: grouped(serverErrors),
      transportErrors: grouped(transportErrors),
      badErrorBodies: grouped(badErrorBodies),
    };

    expect(sent + transportErrors.length).toBeGreaterThanOrEqual(ONLY ? 0 : BUDGET);
    expect(report).toEqual({ serverErrors: [], transportErrors: [], badErrorBodies: [] });
    // The run reached every documented operation.
    expect([...perOperation.keys()].sort()).toEqual(slots.map(slotKey).sort());
  });

  it('leaves the callers signed in, the audit chains valid and the app healthy', async () => {
    for (const account of Object.values(ROLE_ACCOUNTS)) {
      expect({ account, status: (await get(t, tokenOf(account), '/api/me')).status }).toEqual({
        account,
        status: 200,
      });
    }
    const verify = await get(t, tokenOf('admin'), '/api/audit/verify');
    expect(verify.status).toBe(200);
    expect(JSON.stringify(verify.body)).not.toContain('"valid":false');
    expect((await t.http.get('/api/health')).status).toBe(200);
  });
});
