import { afterAll, beforeAll } from '@jest/globals';
import { createTestApp, type TestApp } from './test-app.js';
import { bearer, login } from './factories.js';

export const DEMO_PASSWORD = 'pactroom-demo';

/** Signs in the demo accounts by short name (`ld.hastings` → officer.ld.hastings@pactroom.test). */
export async function demoTokens(
  t: TestApp,
  names: readonly string[],
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const name of names) {
    const email = name === 'admin' ? 'admin@pactroom.test' : `${name}@pactroom.test`;
    tokens[name] = (await login(t, email, DEMO_PASSWORD)).accessToken;
  }
  return tokens;
}

/** A token `demoTokens` (or the test) signed in as `name`; throws if there is none. */
export function tokenIn(tokens: Readonly<Record<string, string>>, name: string): string {
  const token = tokens[name];
  if (token === undefined) {
    throw new Error(`no token for ${name}`);
  }
  return token;
}

/** The id of a demo local party by name. */
export async function localPartyId(t: TestApp, name: string): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(
    'SELECT id FROM local_parties WHERE name = $1',
    [name],
  );
  const id = rows[0]?.id;
  if (!id) {
    throw new Error(`no local party ${name}`);
  }
  return id;
}

/** Hastings-for-Lewes: LD stands aside in Hastings and Rye for Labour, Labour in Lewes for the LDs. */
export const HASTINGS_FOR_LEWES = {
  standAsides: [
    { party: 'ld', constituency: 'E14000735', beneficiary: 'lab' },
    { party: 'lab', constituency: 'E14000786', beneficiary: 'ld' },
  ],
  commitments: [],
};

/**
 * Proposes Hastings-for-Lewes (for GE2019, on GE2017 results) as the Hastings and Rye Lib Dems with
 * Lewes Labour, over the API; `overrides` replace any field of the body.
 */
export async function proposeHastingsForLewes(t: TestApp, ldToken: string, overrides: object = {}) {
  return post(t, ldToken, '/api/pacts', {
    title: 'Hastings for Lewes',
    contest: 'ge2019',
    localParties: [
      await localPartyId(t, 'Hastings and Rye Liberal Democrats'),
      await localPartyId(t, 'Lewes Labour'),
    ],
    terms: HASTINGS_FOR_LEWES,
    respondBy: inAMonth(),
    propose: true,
    ...overrides,
  });
}

/** A respond-by date a month from now. */
export const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/** POST with a bearer token. */
export const post = (t: TestApp, token: string, path: string, body: object = {}) =>
  t.http.post(path).set('authorization', bearer(token)).send(body);

/** GET with a bearer token. */
export const get = (t: TestApp, token: string, path: string) =>
  t.http.get(path).set('authorization', bearer(token));

/** A test file's app with the demo accounts signed in and the Hastings-for-Lewes local parties. */
export interface DemoPactFixture {
  readonly t: TestApp;
  readonly ldHastings: string;
  readonly labLewes: string;
  /** The access token of a demo account by short name (`officer.ld.hastings`). */
  token(name: string): string;
  /** Creates Hastings-for-Lewes as the Hastings Lib Dems (proposed unless `propose: false`). */
  create(overrides?: object, by?: string): ReturnType<typeof post>;
}

/**
 * Registers `beforeAll`/`afterAll` that boot one app with the demo accounts (`names` signed in) and
 * look up the two local parties of Hastings-for-Lewes; the returned object is filled by then.
 */
export function demoPactFixture(
  names: readonly string[],
  env: Record<string, string> = {},
): DemoPactFixture {
  const state: {
    t?: TestApp;
    tokens: Record<string, string>;
    ldHastings: string;
    labLewes: string;
  } = { tokens: {}, ldHastings: '', labLewes: '' };
  beforeAll(async () => {
    state.t = await createTestApp({ demo: true, env });
    state.tokens = await demoTokens(state.t, names);
    state.ldHastings = await localPartyId(state.t, 'Hastings and Rye Liberal Democrats');
    state.labLewes = await localPartyId(state.t, 'Lewes Labour');
  });
  afterAll(async () => {
    await state.t?.close();
  });
  const app = (): TestApp => {
    if (!state.t) {
      throw new Error('demoPactFixture used outside a test');
    }
    return state.t;
  };
  return {
    get t() {
      return app();
    },
    get ldHastings() {
      return state.ldHastings;
    },
    get labLewes() {
      return state.labLewes;
    },
    token: (name) => state.tokens[name] ?? '',
    create: (overrides = {}, by = 'officer.ld.hastings') =>
      post(app(), state.tokens[by] ?? '', '/api/pacts', {
        title: 'Hastings for Lewes',
        election: 'ge2017',
        localParties: [state.ldHastings, state.labLewes],
        terms: HASTINGS_FOR_LEWES,
        respondBy: inAMonth(),
        propose: true,
        ...overrides,
      }),
  };
}
