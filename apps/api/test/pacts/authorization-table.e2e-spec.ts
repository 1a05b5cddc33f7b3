// Authorization table: every pact and audit route × seven kinds of caller → the expected status,
// in one table. Each cell is a real request; a route the app serves that the table lacks (or a
// table route the app does not serve) fails the first test.
// The table, and the rules it encodes: support/authorization-table.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import {
  CELLS,
  CONTENT,
  TABLE,
  type Actor,
  type Fixture,
  type Participant,
  type Route,
  type State,
} from '../support/authorization-table.js';
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
  // A member of Lewes Labour, so that its coordinator has someone to consult.
  await createAccount(t, [{ role: 'member', localPartyId: labLewes }]);
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
const CONSULT_BODY = () => ({
  scope: 'local-parties',
  closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  secret: true,
});

/** A valid body for each route, so the answer reflects who asks, not what was sent. */
const BODY: Record<Route, (pact?: Fixture) => object> = {
  'POST /api/pacts': CREATE_BODY,
  'GET /api/pacts': NO_BODY,
  'GET /api/pacts/:id': NO_BODY,
  'GET /api/pacts/:id/revisions': NO_BODY,
  'GET /api/pacts/:id/revisions/:n': NO_BODY,
  'GET /api/pacts/:id/revisions/:n/diff': NO_BODY,
  'GET /api/pacts/:id/revisions/:n/comments': NO_BODY,
  'POST /api/pacts/:id/revisions/:n/comments': () => ({
    anchor: { kind: 'stand-aside', constituency: 'E14000735', party: 'ld' },
    text: 'On the table',
  }),
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
  'GET /api/pacts/:id/compliance': NO_BODY,
  'GET /api/pacts/:id/consultations': NO_BODY,
  'POST /api/pacts/:id/consultations': CONSULT_BODY,
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
