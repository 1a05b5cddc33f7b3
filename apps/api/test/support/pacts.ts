import type { TestApp } from './test-app.js';
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

/** A respond-by date a month from now. */
export const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/** POST with a bearer token. */
export const post = (t: TestApp, token: string, path: string, body: object = {}) =>
  t.http.post(path).set('authorization', bearer(token)).send(body);

/** GET with a bearer token. */
export const get = (t: TestApp, token: string, path: string) =>
  t.http.get(path).set('authorization', bearer(token));
