// Mass assignment: every write an API client can make, with `status`, `id`, `role`, `version` and
// `createdAt` added at the top level or inside a nested object, must answer 400 VALIDATION_FAILED
// naming the fields and leave the database fingerprint unchanged; the same body without them is
// accepted. Its own app, so the fixtures are fresh: the fuzz run (fuzz.reliability-spec.ts)
// changes whatever it can.
import { describe, expect, it, jest } from '@jest/globals';
import { createAccount, uniqueEmail } from '../support/factories.js';
import { HASTINGS_FOR_LEWES, inAMonth } from '../support/pacts.js';
import { dbFingerprint } from './support/db-fingerprint.js';
import type { ErrorBody } from './support/error-body.js';
import { labLewes, ldHastings, t, tokenOf, tokens, useFuzzApp } from './support/fuzz-app.js';
import type { Json } from './support/fuzz-values.js';
import { COUNTER_TERMS, createPactIn, type PactFixture } from './support/pact-fixtures.js';

// The reliability project's `testTimeout` in jest.config.mjs is not applied (tests stop at 5 s).
jest.setTimeout(300_000);

useFuzzApp();

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

/** A new Green local party on a seat (its own, so that its case does not touch the fixtures). */
async function greenLocalParty(seat: string): Promise<string> {
  const made = await t.http
    .post('/api/local-parties')
    .set('authorization', `Bearer ${tokenOf('admin')}`)
    .send({ party: 'green', name: `Mass assignment ${uniqueEmail('lp')}`, constituencies: [seat] });
  expect(made.status).toBe(201);
  return (made.body as { id: string }).id;
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
          // A seat no Labour local party covers (one active local party per party on a seat).
          constituencies: ['E14000557'],
        },
        ok: 201,
      }),
  },
  {
    name: 'PATCH /api/local-parties/:id',
    as: 'admin',
    method: 'PATCH',
    setup: async () => ({
      path: `/api/local-parties/${await greenLocalParty('E14000684')}`,
      body: { name: `Renamed ${uniqueEmail('lp')}`, constituencies: ['E14000684', 'E14001219'] },
      ok: 200,
    }),
  },
  {
    name: 'POST /api/local-parties/:id/retire',
    as: 'admin',
    method: 'POST',
    setup: async () => ({
      path: `/api/local-parties/${await greenLocalParty('E14001023')}/retire`,
      body: { reason: 'Merged' },
      ok: 200,
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
