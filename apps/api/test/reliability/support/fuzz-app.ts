// Shared by the fuzz files: one app with the demo accounts signed in (each also with a spare
// session, and a throw-away account, so logging out does not end the sessions the run uses), the
// demo local parties and the served OpenAPI document.
import { afterAll, beforeAll } from '@jest/globals';
import { createAccount, login } from '../../support/factories.js';
import { DEMO_PASSWORD, demoTokens, localPartyId, tokenIn } from '../../support/pacts.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import type { OpenApiDocument } from './openapi.js';
import { RawClient } from './raw-http.js';

/** The callers: one account per role (two officers: the author's and the partner's side). */
export const ROLE_ACCOUNTS = {
  admin: 'admin',
  coordinator: 'coord.lab.southeast',
  officer: 'officer.ld.hastings',
  'partner officer': 'officer.lab.lewes',
  member: 'member.lab',
} as const;
const DEMO_NAMES = [...new Set([...Object.values(ROLE_ACCOUNTS), 'coord.ld.southeast'])];
const demoEmail = (name: string) =>
  name === 'admin' ? 'admin@pactroom.test' : `${name}@pactroom.test`;

// The file's app and what `useFuzzApp`'s beforeAll looked up (ES module live bindings).
export let t: TestApp;
export let client: RawClient;
export let doc: OpenApiDocument;
export let tokens: Record<string, string>;
/** A second session per demo account, for logout (which would end the main one). */
export const spareTokens: Record<string, string> = {};
/** A throw-away account's session, for logout-all (which ends every session of its account). */
export let disposableToken = '';
export let ldHastings: string;
export let labLewes: string;
export let labHastings: string;
export let ldLewes: string;
export let greenPavilion: string;

/** Boots the file's app and signs the callers in; closes both afterwards. */
export function useFuzzApp(): void {
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
}

export const tokenOf = (name: string): string => tokenIn(tokens, name);
