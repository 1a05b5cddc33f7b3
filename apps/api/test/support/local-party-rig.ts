import type { DemoPactFixture } from './pacts.js';
import { demoPactFixture, get, post } from './pacts.js';
import { bearer, createAccount, login } from './factories.js';

/** The demo accounts the local-party tests act as. */
const NAMES = [
  'admin',
  'coord.lab.southeast',
  'coord.ld.southeast',
  'coord.green.southeast',
  'officer.ld.hastings',
  'officer.lab.lewes',
];

/** A test file's app with the demo accounts, and the local-party requests its tests make. */
export function localPartyRig() {
  const f: DemoPactFixture = demoPactFixture(NAMES);
  const token = (who: string) => f.token(who);
  return {
    f,
    token,
    patch: (who: string, id: string, body: object) =>
      f.t.http
        .patch(`/api/local-parties/${id}`)
        .set('authorization', bearer(token(who)))
        .send(body),
    retire: (who: string, id: string, reason: unknown) =>
      post(f.t, token(who), `/api/local-parties/${id}/retire`, { reason }),
    create: (who: string, body: object) => post(f.t, token(who), '/api/local-parties', body),
    events: async (id: string) =>
      (await get(f.t, token('admin'), `/api/local-parties/${id}/events`)).body as {
        action: string;
        actorRole: string;
        actorName: string | null;
        payload: Record<string, unknown>;
      }[],
    officerOf: async (localPartyId: string) =>
      (await login(f.t, (await createAccount(f.t, [{ role: 'officer', localPartyId }])).email))
        .accessToken,
  };
}

export const EASTBOURNE_2010 = 'E14000684';
export const EASTBOURNE_2024 = 'E14001219';
export const ISLINGTON_NORTH_2010 = 'E14000763';
