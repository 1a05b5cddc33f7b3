// Authorization table: every pact and audit route × seven kinds of caller → the expected status,
// in one table. Each cell is a real request; a route the app serves that the table lacks (or a
// table route the app does not serve) fails the first test.
//
// Rules the table encodes (API.md "Pacts", DESIGN.md "Pact lifecycle"; libs/negotiation access.ts):
// - `@Roles(...)` is checked before the pact is looked up: a caller without a grant of the route's
//   roles gets 403 FORBIDDEN whether or not the pact exists (so that 403 leaks nothing);
// - a pact the caller cannot see is 404 PACT_NOT_FOUND, never 403: a draft is seen only by officers
//   of its author local party; a live or ended proposal by the participants' officers and the
//   coordinators of a participating party in its regions; members see ratified and terminated pacts
//   of their party; admins see every pact but hold no officer or coordinator grant;
// - the list answers 200 to every signed-in caller, with the pact listed exactly when it is visible;
// - no token is 401 everywhere.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { createAccount, login } from '../support/factories.js';
import { servedRoutes } from '../support/routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  HASTINGS_FOR_LEWES,
  demoTokens,
  get,
  inAMonth,
  localPartyId,
  post,
  tokenIn,
} from '../support/pacts.js';

// ── The table ────────────────────────────────────────────────────────────────────────────────────

/** The routes under test, as the app's router names them. */
type Route =
  | 'POST /api/pacts'
  | 'GET /api/pacts'
  | 'GET /api/pacts/:id'
  | 'GET /api/pacts/:id/revisions'
  | 'GET /api/pacts/:id/revisions/:n'
  | 'GET /api/pacts/:id/revisions/:n/diff'
  | 'POST /api/pacts/:id/propose'
  | 'POST /api/pacts/:id/counter'
  | 'POST /api/pacts/:id/sign'
  | 'POST /api/pacts/:id/decline'
  | 'POST /api/pacts/:id/withdraw'
  | 'POST /api/pacts/:id/approve'
  | 'POST /api/pacts/:id/reject'
  | 'POST /api/pacts/:id/terminate'
  | 'GET /api/pacts/:id/audit'
  | 'GET /api/pacts/:id/audit/verify'
  | 'GET /api/pacts/:id/audit/proof'
  | 'GET /api/pacts/:id/impact'
  | 'GET /api/pacts/:id/certificate'
  | 'GET /api/audit/verify'
  | 'GET /api/audit/checkpoints'
  | 'GET /api/audit/checkpoints/consistency';

/**
 * The Hastings-for-Lewes pact each row runs against (authored by the Hastings and Rye Lib Dems,
 * with Lewes Labour), in the state the route needs. GET rows share one pact per state; every
 * POST cell gets a fresh one, so no cell depends on what another did. `none`: no pact in the path.
 */
type State = 'none' | 'draft' | 'proposed' | 'signed' | 'ratified' | 'terminated';

/**
 * Who plays the participant officer: `author` = officer.ld.hastings (the author local party),
 * `partner` = officer.lab.lewes (the other participant, who never sees a draft).
 */
type Participant = 'author' | 'partner';

/** Expected answer: a status with its error code, or for the list whether the pact is in it. */
type Cell = 200 | 201 | '200 listed' | '200 hidden' | `${401 | 403 | 404 | 409} ${string}`;

const U = '401 INVALID_TOKEN'; // no token
const F = '403 FORBIDDEN'; // the roles guard: no grant of the route's roles
const NP = '403 NOT_PARTICIPANT'; // an officer, but of none of the listed local parties
const NF = '404 PACT_NOT_FOUND'; // not visible to the caller
const NR = '409 PACT_NOT_RATIFIED'; // visible, but no certificate before ratification
const L = '200 listed';
const H = '200 hidden';

const ACTORS = [
  'participant officer', // officer.ld.hastings or officer.lab.lewes (per row)
  'non-participant officer', // officer.lab.hastings: same party and seat as participants, own local party
  'coordinator of a participating party in the region', // coord.lab.southeast
  'coordinator elsewhere', // a test account: coordinator, ld, london
  'member', // member.ld
  'admin', // admin
  'anonymous', // no Authorization header
] as const;
type Actor = (typeof ACTORS)[number];

type Row = readonly [Route, State, Participant, Cell, Cell, Cell, Cell, Cell, Cell, Cell];

// prettier-ignore
const TABLE: readonly Row[] = [
   // route                                state         participant  partic.  non-p.   coord    coord   member  admin  anon
   //                                                    officer is   officer  officer  in reg.  elsew.
  ['POST /api/pacts',                      'none',       'author',    201,     NP,      F,       F,      F,      F,     U],
  ['GET /api/pacts',                       'draft',      'author',    L,       H,       H,       H,      H,      L,     U],
  ['GET /api/pacts',                       'proposed',   'partner',   L,       H,       L,       H,      H,      L,     U],
  ['GET /api/pacts',                       'ratified',   'partner',   L,       H,       L,       H,      L,      L,     U],
  ['GET /api/pacts/:id',                   'draft',      'author',    200,     NF,      NF,      NF,     NF,     200,   U],
  ['GET /api/pacts/:id',                   'draft',      'partner',   NF,      NF,      NF,      NF,     NF,     200,   U],
  ['GET /api/pacts/:id',                   'proposed',   'partner',   200,     NF,      200,     NF,     NF,     200,   U],
  ['GET /api/pacts/:id',                   'signed',     'partner',   200,     NF,      200,     NF,     NF,     200,   U],
  ['GET /api/pacts/:id',                   'ratified',   'partner',   200,     NF,      200,     NF,     200,    200,   U],
  ['GET /api/pacts/:id',                   'terminated', 'partner',   200,     NF,      200,     NF,     200,    200,   U],
  ['GET /api/pacts/:id/revisions',         'draft',      'author',    200,     NF,      NF,      NF,     NF,     200,   U],
  ['GET /api/pacts/:id/revisions',         'proposed',   'partner',   200,     NF,      200,     NF,     NF,     200,   U],
  ['GET /api/pacts/:id/revisions',         'ratified',   'partner',   200,     NF,      200,     NF,     200,    200,   U],
  ['GET /api/pacts/:id/revisions/:n',      'draft',      'author',    200,     NF,      NF,      NF,     NF,     200,   U],
  ['GET /api/pacts/:id/revisions/:n',      'proposed',   'partner',   200,     NF,      200,     NF,     NF,     200,   U],
  ['GET /api/pacts/:id/revisions/:n',      'ratified',   'partner',   200,     NF,      200,     NF,     200,    200,   U],
  ['GET /api/pacts/:id/revisions/:n/diff', 'draft',      'author',    200,     NF,      NF,      NF,     NF,     200,   U],
  ['GET /api/pacts/:id/revisions/:n/diff', 'proposed',   'partner',   200,     NF,      200,     NF,     NF,     200,   U],
  ['GET /api/pacts/:id/revisions/:n/diff', 'ratified',   'partner',   200,     NF,      200,     NF,     200,    200,   U],
  ['GET /api/pacts/:id/audit',             'draft',      'author',    200,     NF,      NF,      NF,     NF,     200,   U],
  ['GET /api/pacts/:id/audit',             'proposed',   'partner',   200,     NF,      200,     NF,     NF,     200,   U],
  ['GET /api/pacts/:id/audit',             'ratified',   'partner',   200,     NF,      200,     NF,     200,    200,   U],
  ['GET /api/pacts/:id/audit/verify',      'draft',      'author',    200,     NF,      NF,      NF,     NF,     200,   U],
  ['GET /api/pacts/:id/audit/verify',      'proposed',   'partner',   200,     NF,      200,     NF,     NF,     200,   U],
  ['GET /api/pacts/:id/audit/verify',      'ratified',   'partner',   200,     NF,      200,     NF,     200,    200,   U],
  ['GET /api/pacts/:id/audit/proof',       'ratified',   'partner',   200,     NF,      200,     NF,     200,    200,   U],
  ['GET /api/pacts/:id/impact',            'draft',      'author',    200,     NF,      NF,      NF,     NF,     200,   U],
  ['GET /api/pacts/:id/impact',            'proposed',   'partner',   200,     NF,      200,     NF,     NF,     200,   U],
  ['GET /api/pacts/:id/impact',            'ratified',   'partner',   200,     NF,      200,     NF,     200,    200,   U],
  ['GET /api/pacts/:id/certificate',       'draft',      'author',    NR,      NF,      NF,      NF,     NF,     NR,    U],
  ['GET /api/pacts/:id/certificate',       'proposed',   'partner',   NR,      NF,      NR,      NF,     NF,     NR,    U],
  ['GET /api/pacts/:id/certificate',       'ratified',   'partner',   200,     NF,      200,     NF,     200,    200,   U],
  ['POST /api/pacts/:id/propose',          'draft',      'author',    200,     NF,      F,       F,      F,      F,     U],
  ['POST /api/pacts/:id/propose',          'draft',      'partner',   NF,      NF,      F,       F,      F,      F,     U],
  ['POST /api/pacts/:id/counter',          'proposed',   'partner',   200,     NF,      F,       F,      F,      F,     U],
  ['POST /api/pacts/:id/sign',             'proposed',   'partner',   200,     NF,      F,       F,      F,      F,     U],
  ['POST /api/pacts/:id/decline',          'proposed',   'partner',   200,     NF,      200,     NF,     F,      F,     U],
  ['POST /api/pacts/:id/withdraw',         'draft',      'author',    200,     NF,      F,       F,      F,      F,     U],
  ['POST /api/pacts/:id/withdraw',         'proposed',   'partner',   200,     NF,      F,       F,      F,      F,     U],
  ['POST /api/pacts/:id/approve',          'signed',     'partner',   F,       F,       200,     NF,     F,      F,     U],
  ['POST /api/pacts/:id/reject',           'signed',     'partner',   F,       F,       200,     NF,     F,      F,     U],
  ['POST /api/pacts/:id/terminate',        'ratified',   'partner',   200,     NF,      200,     NF,     F,      F,     U],
  ['GET /api/audit/verify',                'none',       'partner',   F,       F,       F,       F,      F,      200,   U],
  ['GET /api/audit/checkpoints',           'none',       'partner',   200,     200,     200,     200,    200,    200,   U],
  ['GET /api/audit/checkpoints/consistency', 'ratified', 'partner',   200,     200,     200,     200,    200,    200,   U],
];

interface TableCell {
  readonly name: string;
  readonly route: Route;
  readonly state: State;
  readonly participant: Participant;
  readonly actor: Actor;
  readonly expected: Cell;
}

const CELLS: TableCell[] = TABLE.flatMap(([route, state, participant, ...expected]) =>
  ACTORS.map((actor, i) => {
    const cell = expected[i];
    const who = actor === 'participant officer' ? `participant officer (${participant})` : actor;
    return {
      name: `${route} [${state}] as ${who} → ${cell}`,
      route,
      state,
      participant,
      actor,
      expected: cell,
    };
  }),
);

// ── The app and its callers ──────────────────────────────────────────────────────────────────────

let t: TestApp;
let tokens: Record<string, string>;
let ldHastings: string;
let labLewes: string;

const ACCOUNT: Record<Exclude<Actor, 'participant officer' | 'anonymous'>, string> = {
  'non-participant officer': 'officer.lab.hastings',
  'coordinator of a participating party in the region': 'coord.lab.southeast',
  'coordinator elsewhere': 'coordinator.ld.london',
  member: 'member.ld',
  admin: 'admin',
};
const PARTICIPANT: Record<Participant, string> = {
  author: 'officer.ld.hastings',
  partner: 'officer.lab.lewes',
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  tokens = await demoTokens(t, [
    'officer.ld.hastings',
    'officer.lab.lewes',
    'officer.lab.hastings',
    'coord.ld.southeast',
    'coord.lab.southeast',
    'member.ld',
    'admin',
  ]);
  const elsewhere = await createAccount(t, [
    { role: 'coordinator', party: 'ld', region: 'london' },
  ]);
  tokens['coordinator.ld.london'] = (await login(t, elsewhere.email)).accessToken;
  ldHastings = await localPartyId(t, 'Hastings and Rye Liberal Democrats');
  labLewes = await localPartyId(t, 'Lewes Labour');
});
afterAll(async () => {
  await t.close();
});

const tokenOf = (name: string): string => tokenIn(tokens, name);

/** The caller's token, or undefined for an anonymous request. */
function tokenFor(actor: Actor, participant: Participant): string | undefined {
  if (actor === 'anonymous') {
    return undefined;
  }
  return tokenOf(actor === 'participant officer' ? PARTICIPANT[participant] : ACCOUNT[actor]);
}

// ── Fixtures: a Hastings-for-Lewes pact in a given state ─────────────────────────────────────────

interface Fixture {
  readonly id: string;
  readonly revision: number;
  readonly hash: string;
}

const COUNTER_TERMS = {
  ...HASTINGS_FOR_LEWES,
  commitments: [{ party: 'ld', text: 'Campaign for Labour in Hastings and Rye' }],
};
const REASON = { reason: 'Checking the authorization table' };

function expectStep(res: Response, status: number, step: string): void {
  if (res.status !== status) {
    throw new Error(`fixture step ${step} → ${res.status} ${JSON.stringify(res.body)}`);
  }
}

const fixtureOf = (body: { id: string; revision: { number: number; hash: string } }): Fixture => ({
  id: body.id,
  revision: body.revision.number,
  hash: body.revision.hash,
});

/**
 * A new pact in `state`: drafted (or proposed) by officer.ld.hastings; `signed` once Lewes Labour
 * signs revision 1; `ratified` after a Labour counter (revision 2, so diffs have two revisions),
 * the Lib Dem signature and both South East coordinators' approvals; `terminated` after that.
 */
async function createPactIn(state: Exclude<State, 'none'>): Promise<Fixture> {
  const created = await post(t, tokenOf('officer.ld.hastings'), '/api/pacts', {
    title: `Hastings for Lewes (${state})`,
    election: 'ge2017',
    localParties: [ldHastings, labLewes],
    terms: HASTINGS_FOR_LEWES,
    respondBy: inAMonth(),
    propose: state !== 'draft',
  });
  expectStep(created, 201, `create ${state}`);
  let pact = fixtureOf(created.body);
  if (state === 'draft' || state === 'proposed') {
    return pact;
  }
  const lab = tokenOf('officer.lab.lewes');
  if (state === 'signed') {
    const signed = await post(t, lab, `/api/pacts/${pact.id}/sign`, {
      revision: pact.revision,
      hash: pact.hash,
    });
    expectStep(signed, 200, 'sign');
    return fixtureOf(signed.body);
  }
  const countered = await post(t, lab, `/api/pacts/${pact.id}/counter`, {
    baseRevision: pact.revision,
    terms: COUNTER_TERMS,
  });
  expectStep(countered, 200, 'counter');
  pact = fixtureOf(countered.body);
  const accept = { revision: pact.revision, hash: pact.hash };
  expectStep(
    await post(t, tokenOf('officer.ld.hastings'), `/api/pacts/${pact.id}/sign`, accept),
    200,
    'sign revision 2',
  );
  for (const coordinator of ['coord.ld.southeast', 'coord.lab.southeast']) {
    expectStep(
      await post(t, tokenOf(coordinator), `/api/pacts/${pact.id}/approve`, accept),
      200,
      `approve as ${coordinator}`,
    );
  }
  if (state === 'terminated') {
    expectStep(await post(t, lab, `/api/pacts/${pact.id}/terminate`, REASON), 200, 'terminate');
  }
  return pact;
}

const shared = new Map<State, Promise<Fixture>>();

/** Read-only rows share one pact per state; every POST cell gets its own. */
function fixtureFor(route: Route, state: State): Promise<Fixture> | undefined {
  if (state === 'none') {
    return undefined;
  }
  if (route.startsWith('POST')) {
    return createPactIn(state);
  }
  let pact = shared.get(state);
  if (pact === undefined) {
    pact = createPactIn(state);
    shared.set(state, pact);
  }
  return pact;
}

const CREATE_BODY = () => ({
  title: 'Hastings for Lewes (create)',
  election: 'ge2017',
  localParties: [ldHastings, labLewes],
  terms: HASTINGS_FOR_LEWES,
  respondBy: inAMonth(),
  propose: true,
});
const ACCEPT_BODY = (pact?: Fixture) => ({ revision: pact?.revision, hash: pact?.hash });
const NO_BODY = () => ({});

/** A valid body for each route, so the answer reflects who asks, not what was sent. */
const BODY: Record<Route, (pact?: Fixture) => object> = {
  'POST /api/pacts': CREATE_BODY,
  'GET /api/pacts': NO_BODY,
  'GET /api/pacts/:id': NO_BODY,
  'GET /api/pacts/:id/revisions': NO_BODY,
  'GET /api/pacts/:id/revisions/:n': NO_BODY,
  'GET /api/pacts/:id/revisions/:n/diff': NO_BODY,
  'POST /api/pacts/:id/propose': NO_BODY,
  'POST /api/pacts/:id/counter': (pact) => ({ baseRevision: pact?.revision, terms: COUNTER_TERMS }),
  'POST /api/pacts/:id/sign': ACCEPT_BODY,
  'POST /api/pacts/:id/decline': () => REASON,
  'POST /api/pacts/:id/withdraw': () => REASON,
  'POST /api/pacts/:id/approve': ACCEPT_BODY,
  'POST /api/pacts/:id/reject': () => REASON,
  'POST /api/pacts/:id/terminate': () => REASON,
  'GET /api/pacts/:id/audit': NO_BODY,
  'GET /api/pacts/:id/audit/verify': NO_BODY,
  'GET /api/pacts/:id/audit/proof': NO_BODY,
  'GET /api/pacts/:id/impact': NO_BODY,
  'GET /api/pacts/:id/certificate': NO_BODY,
  'GET /api/audit/verify': NO_BODY,
  'GET /api/audit/checkpoints': NO_BODY,
  'GET /api/audit/checkpoints/consistency': NO_BODY,
};

/** The concrete path: `:id` the fixture, `:n` its current revision, a diff against revision 1. */
function pathFor(route: Route, pact: Fixture | undefined): string {
  const path = route.slice(route.indexOf(' ') + 1);
  if (path.includes(':id') && pact === undefined) {
    throw new Error(`${route} needs a pact`);
  }
  const concrete = path.replace(':id', pact?.id ?? '').replace(':n', String(pact?.revision ?? ''));
  if (route === 'GET /api/pacts') {
    return '/api/pacts?limit=200';
  }
  if (route === 'GET /api/audit/checkpoints/consistency') {
    // The row's ratified pact was logged, so at least one tree head exists.
    return '/api/audit/checkpoints/consistency?from=1&to=1';
  }
  return route.endsWith('/diff') ? `${concrete}?against=1` : concrete;
}

function send(route: Route, path: string, token: string | undefined, body: object) {
  const request = route.startsWith('POST') ? t.http.post(path).send(body) : t.http.get(path);
  return token === undefined ? request : request.set('authorization', `Bearer ${token}`);
}

/** Every pact id the caller's list holds, following the cursor from the first page. */
async function listedIds(token: string, first: Response): Promise<string[]> {
  const ids: string[] = [];
  let page = first;
  for (;;) {
    const body = page.body as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...body.items.map((p) => p.id));
    if (body.nextCursor === null) {
      return ids;
    }
    page = await get(
      t,
      token,
      `/api/pacts?limit=200&cursor=${encodeURIComponent(body.nextCursor)}`,
    );
    expect(page.status).toBe(200);
  }
}

/** What the admin sees of a pact: a refused command must leave it exactly so. */
async function snapshot(pact: Fixture) {
  const res = await get(t, tokenOf('admin'), `/api/pacts/${pact.id}`);
  expect(res.status).toBe(200);
  const { status, currentRevision, auditHead } = res.body as Record<string, unknown>;
  return { status, currentRevision, auditHead };
}

type ContentCheck = (body: Record<string, unknown>, pact?: Fixture) => void;
const SAME_PACT: ContentCheck = (body, pact) => expect(body.id).toBe(pact?.id);

/** What a successful answer carries, about this pact. */
const CONTENT: Record<Route, ContentCheck> = {
  'POST /api/pacts': (body) =>
    expect(body).toMatchObject({ status: 'proposed', currentRevision: 1 }),
  'GET /api/pacts': () => undefined, // listed or hidden: checked on its own
  'GET /api/pacts/:id': SAME_PACT,
  'GET /api/pacts/:id/revisions': (body, pact) =>
    expect(body.items).toHaveLength(pact?.revision ?? -1),
  'GET /api/pacts/:id/revisions/:n': (body, pact) =>
    expect(body).toMatchObject({ number: pact?.revision, hash: pact?.hash }),
  'GET /api/pacts/:id/revisions/:n/diff': (body, pact) =>
    expect(body).toMatchObject({ revision: pact?.revision, against: 1 }),
  'POST /api/pacts/:id/propose': SAME_PACT,
  'POST /api/pacts/:id/counter': SAME_PACT,
  'POST /api/pacts/:id/sign': SAME_PACT,
  'POST /api/pacts/:id/decline': SAME_PACT,
  'POST /api/pacts/:id/withdraw': SAME_PACT,
  'POST /api/pacts/:id/approve': SAME_PACT,
  'POST /api/pacts/:id/reject': SAME_PACT,
  'POST /api/pacts/:id/terminate': SAME_PACT,
  'GET /api/pacts/:id/impact': (body) =>
    expect(body).toMatchObject({ election: 'ge2017', seats: expect.any(Array) }),
  'GET /api/pacts/:id/audit': (body) =>
    expect(body.items).toEqual(expect.arrayContaining([expect.anything()])),
  'GET /api/pacts/:id/audit/verify': (body) => expect(body).toMatchObject({ valid: true }),
  'GET /api/pacts/:id/audit/proof': (body, pact) =>
    expect(body).toMatchObject({ leaf: { chain: pact?.id } }),
  'GET /api/pacts/:id/certificate': (body, pact) =>
    expect(body).toMatchObject({ certificate: { payload: { revision: { hash: pact?.hash } } } }),
  'GET /api/audit/verify': (body) => expect(body).toMatchObject({ valid: true, missingPacts: [] }),
  'GET /api/audit/checkpoints': (body) =>
    expect(body).toMatchObject({ algorithm: 'Ed25519', items: expect.any(Array) }),
  'GET /api/audit/checkpoints/consistency': (body) =>
    expect(body).toMatchObject({ from: { seq: 1 }, to: { seq: 1 }, proof: [] }),
};

// ── The tests ────────────────────────────────────────────────────────────────────────────────────

describe('authorization table', () => {
  it('has a row for every /api/pacts and /api/audit route the app serves, and only for those', () => {
    const served = servedRoutes(t.app);
    // The parser reads the tree: a top-level route and a nested one of another module.
    expect([...served]).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'PATCH /api/users/:id',
        'POST /api/pacts/:id/sign',
      ]),
    );
    const underTest = [...served]
      .filter((r) => /^[A-Z]+ \/api\/(pacts|audit)(\/|$)/.test(r))
      .sort();
    const inTable = [...new Set(TABLE.map(([route]) => route))].sort();
    expect(inTable).toEqual(underTest);
  });

  it.each(CELLS)('$name', async ({ route, state, participant, actor, expected }) => {
    const pact = await fixtureFor(route, state);
    const token = tokenFor(actor, participant);
    const before = pact !== undefined && route.startsWith('POST') ? await snapshot(pact) : null;

    const res = await send(route, pathFor(route, pact), token, BODY[route](pact));

    const [status, detail] =
      typeof expected === 'number'
        ? [expected, undefined]
        : [Number(expected.slice(0, 3)), expected.slice(4)];
    expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({
      status,
      code: status >= 400 ? detail : undefined,
    });
    if (detail === 'listed' || detail === 'hidden') {
      expect(pact).toBeDefined();
      const ids = await listedIds(token ?? '', res);
      expect(ids.includes(pact?.id ?? '')).toBe(detail === 'listed');
    }
    if (status < 300) {
      CONTENT[route](res.body as Record<string, unknown>, pact);
    }
    if (before !== null && pact !== undefined && status >= 400) {
      // A refused command changes nothing: same status, revision and audit chain head.
      expect(await snapshot(pact)).toEqual(before);
    }
  });
});
