// The authorization table's data: each route × seven kinds of caller → the expected answer, and
// what a successful answer carries. The requests that check each cell:
// pacts/authorization-table.e2e-spec.ts.
//
// Rules the table encodes (API.md "Pacts", DESIGN.md "Pact lifecycle"; libs/negotiation access.ts):
// - `@Roles(...)` is checked before the pact is looked up: a caller without a grant of the route's
//   roles gets 403 FORBIDDEN whether or not the pact exists (so that 403 leaks nothing);
// - a pact the caller cannot see is 404 PACT_NOT_FOUND, never 403: a draft is seen only by officers
//   of its author local party; a live or ended proposal by the participants' officers and the
//   coordinators of a participating party in its regions; members see ratified and terminated pacts
//   of their party; admins see every pact but hold no officer or coordinator grant;
// - a revision's comments are read by the participants' officers, the coordinators overseeing the
//   pact and admins (members only when consulted on that revision: not in this table), and written
//   by the same minus admins (403 NOT_A_COMMENTER); a member not consulted gets 404 even on a
//   ratified pact they can see;
// - the list answers 200 to every signed-in caller, with the pact listed exactly when it is visible;
// - no token is 401 everywhere.
import { expect } from '@jest/globals';

/** The routes under test, as the app's router names them. */
export type Route =
  | 'POST /api/pacts'
  | 'GET /api/pacts'
  | 'GET /api/pacts/:id'
  | 'GET /api/pacts/:id/revisions'
  | 'GET /api/pacts/:id/revisions/:n'
  | 'GET /api/pacts/:id/revisions/:n/diff'
  | 'GET /api/pacts/:id/revisions/:n/comments'
  | 'POST /api/pacts/:id/revisions/:n/comments'
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
  | 'GET /api/pacts/:id/compliance'
  | 'GET /api/pacts/:id/consultations'
  | 'POST /api/pacts/:id/consultations'
  | 'GET /api/audit/verify'
  | 'GET /api/audit/checkpoints'
  | 'GET /api/audit/checkpoints/consistency';

/**
 * The Hastings-for-Lewes pact each row runs against (authored by the Hastings and Rye Lib Dems,
 * with Lewes Labour), in the state the route needs. GET rows share one pact per state; every
 * POST cell gets a fresh one, so no cell depends on what another did. `none`: no pact in the path.
 */
export type State = 'none' | 'draft' | 'proposed' | 'signed' | 'ratified' | 'terminated';

/**
 * Who plays the participant officer: `author` = officer.ld.hastings (the author local party),
 * `partner` = officer.lab.lewes (the other participant, who never sees a draft).
 */
export type Participant = 'author' | 'partner';

/** Expected answer: a status with its error code, or for the list whether the pact is in it. */
export type Cell = 200 | 201 | '200 listed' | '200 hidden' | `${401 | 403 | 404 | 409} ${string}`;

const U = '401 INVALID_TOKEN'; // no token
const F = '403 FORBIDDEN'; // the roles guard: no grant of the route's roles
const NP = '403 NOT_PARTICIPANT'; // an officer, but of none of the listed local parties
const NF = '404 PACT_NOT_FOUND'; // not visible to the caller
const NR = '409 PACT_NOT_RATIFIED'; // visible, but no certificate before ratification
const RO = '403 NOT_A_COMMENTER'; // an admin reads comments but does not write them
const L = '200 listed';
const H = '200 hidden';

export const ACTORS = [
  'participant officer', // officer.ld.hastings or officer.lab.lewes (per row)
  'non-participant officer', // officer.lab.hastings: same party and seat as participants, own local party
  'coordinator of a participating party in the region', // coord.lab.southeast
  'coordinator elsewhere', // a test account: coordinator, ld, london
  'member', // member.ld
  'admin', // admin
  'anonymous', // no Authorization header
] as const;
export type Actor = (typeof ACTORS)[number];

type Row = readonly [Route, State, Participant, Cell, Cell, Cell, Cell, Cell, Cell, Cell];

// prettier-ignore
export const TABLE: readonly Row[] = [
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
  ['GET /api/pacts/:id/revisions/:n/comments',  'proposed', 'partner', 200,  NF,      200,     NF,     NF,     200,   U],
  ['GET /api/pacts/:id/revisions/:n/comments',  'ratified', 'partner', 200,  NF,      200,     NF,     NF,     200,   U],
  ['POST /api/pacts/:id/revisions/:n/comments', 'proposed', 'partner', 201,  NF,      201,     NF,     NF,     RO,    U],
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
  ['GET /api/pacts/:id/compliance',        'draft',      'author',    200,     NF,      NF,      NF,     NF,     200,   U],
  ['GET /api/pacts/:id/compliance',        'proposed',   'partner',   200,     NF,      200,     NF,     NF,     200,   U],
  ['GET /api/pacts/:id/compliance',        'ratified',   'partner',   200,     NF,      200,     NF,     200,    200,   U],
  ['GET /api/pacts/:id/consultations',     'signed',     'partner',   200,     NF,      200,     NF,     NF,     200,   U],
  ['POST /api/pacts/:id/consultations',    'signed',     'partner',   F,       F,       201,     NF,     F,      F,     U],
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

export interface TableCell {
  readonly name: string;
  readonly route: Route;
  readonly state: State;
  readonly participant: Participant;
  readonly actor: Actor;
  readonly expected: Cell;
}

export const CELLS: TableCell[] = TABLE.flatMap(([route, state, participant, ...expected]) =>
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

/** The pact a cell runs against: its id and current revision. */
export interface Fixture {
  readonly id: string;
  readonly revision: number;
  readonly hash: string;
}

type ContentCheck = (body: Record<string, unknown>, pact?: Fixture) => void;
const SAME_PACT: ContentCheck = (body, pact) => expect(body.id).toBe(pact?.id);

/** What a successful answer carries, about this pact. */
export const CONTENT: Record<Route, ContentCheck> = {
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
  'GET /api/pacts/:id/revisions/:n/comments': (body) =>
    expect(body).toMatchObject({ items: expect.any(Array), nextCursor: null }),
  'POST /api/pacts/:id/revisions/:n/comments': (body, pact) =>
    expect(body).toMatchObject({ revision: pact?.revision, current: true, text: 'On the table' }),
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
  'GET /api/pacts/:id/compliance': (body) =>
    expect(body).toMatchObject({ contest: 'ge2019', checkedAt: null, summary: { unknown: 2 } }),
  'GET /api/pacts/:id/consultations': (body) => expect(body).toEqual(expect.any(Array)),
  'POST /api/pacts/:id/consultations': (body, pact) =>
    expect(body).toMatchObject({ pactId: pact?.id, status: 'open', electorate: 1 }),
  'GET /api/audit/verify': (body) => expect(body).toMatchObject({ valid: true, missingPacts: [] }),
  'GET /api/audit/checkpoints': (body) =>
    expect(body).toMatchObject({ algorithm: 'Ed25519', items: expect.any(Array) }),
  'GET /api/audit/checkpoints/consistency': (body) =>
    expect(body).toMatchObject({ from: { seq: 1 }, to: { seq: 1 }, proof: [] }),
};
