// Shared by the validation-shapes e2e files: one app per file with an admin and an officer signed
// in, sites that send a request valid but for the value under test, valid bodies to patch, and the
// 400 answers expected, so both files hold every site to the same details and message text.
import { afterAll, beforeAll, expect } from '@jest/globals';
import type { Response } from 'supertest';
import { bearer, createAccount, createLocalParty, login, uniqueEmail } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

/** The file's app and accounts; set by `useShapesApp`'s beforeAll (ES module live bindings). */
export let t: TestApp;
export let admin: string;
export let officer: string;
export let userId: string;

/** Boots the file's app with an admin and a Lewes Labour officer signed in, and closes it afterwards. */
export function useShapesApp(): void {
  beforeAll(async () => {
    t = await createTestApp();
    const account = await createAccount(t, [{ role: 'admin' }]);
    userId = account.id;
    admin = (await login(t, account.email)).accessToken;
    const lewes = await createLocalParty(t, 'lab', 'E14000786');
    officer = (
      await login(t, (await createAccount(t, [{ role: 'officer', localPartyId: lewes }])).email)
    ).accessToken;
  });
  afterAll(async () => {
    await t.close();
  });
}

export const PARTY = '/^[a-z]{2,16}$/';
export const REGION = '/^[a-z-]{2,32}$/';
export const ELECTION = '/^[a-z0-9]{2,16}$/';
export const ONS = '/^[ENSW]\\d{8}$/';
export const SOME_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

export const getAs = (token: string, path: string) =>
  t.http.get(path).set('authorization', bearer(token));
export const postAs = (token: string, path: string, body: object) =>
  t.http.post(path).set('authorization', bearer(token)).send(body);

/** A query parameter: a string value, or a list (the parameter repeated, so not a string). */
type QueryValue = string | string[];
const query = (name: string, value: QueryValue) =>
  (Array.isArray(value) ? value : [value]).map((v) => `${name}=${encodeURIComponent(v)}`).join('&');

/**
 * One place a shape is checked: `send(value, unknown)` makes a request that is valid except for the
 * value under test, plus (when `unknown`) an unknown property `zzz`, the only problem then expected.
 */
export interface Site {
  name: string;
  field: string;
  send(value: unknown, unknown: boolean): Promise<Response>;
}

export const querySite = (
  name: string,
  token: () => string,
  path: string,
  param: string,
  rest = '',
): Site => ({
  name,
  field: param,
  send: (value, unknown) =>
    getAs(
      token(),
      `${path}?${[rest, query(param, value as QueryValue), unknown ? 'zzz=1' : '']
        .filter(Boolean)
        .join('&')}`,
    ),
});

export const bodySite = (
  name: string,
  token: () => string,
  path: string,
  field: string,
  body: (value: unknown) => object,
): Site => ({
  name,
  field,
  send: (value, unknown) =>
    postAs(token(), path, { ...body(value), ...(unknown ? { zzz: 1 } : {}) }),
});

export const pact = (patch: {
  election?: unknown;
  standAside?: Record<string, unknown>;
  commitment?: Record<string, unknown>;
}) => ({
  title: 'Shapes',
  election: 'election' in patch ? patch.election : 'ge2017',
  localParties: [SOME_ID, '1a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
  terms: {
    standAsides: [
      { party: 'ld', constituency: 'E14000735', beneficiary: 'lab', ...patch.standAside },
    ],
    commitments: [{ party: 'lab', text: 'Campaign jointly', ...patch.commitment }],
  },
  respondBy: '2030-01-01T00:00:00Z',
});

export const projection = (patch: {
  election?: unknown;
  standAside?: Record<string, unknown>;
}) => ({
  election: 'election' in patch ? patch.election : 'ge2017',
  standAsides: [
    { party: 'ld', constituency: 'E14000735', beneficiary: 'lab', ...patch.standAside },
  ],
});

export const user = (grant: Record<string, unknown>) => ({
  email: uniqueEmail('shapes'),
  name: 'Shapes',
  password: 'long enough password',
  grants: [{ role: 'member', party: 'lab', region: 'south-east', ...grant }],
});

export const asOfficer = () => officer;
export const asAdmin = () => admin;
export const SUGGESTIONS = '/api/projections/suggestions';
export const HEMICYCLE = '/api/projections/hemicycle.svg';

export const matches = (property: string, regex: string) =>
  `${property} must match ${regex} regular expression`;
export const notString = (property: string) => `${property} must be a string`;
export const property = (field: string) => field.split('.').pop() ?? field;

export function expectMalformed(res: Response, details: { field: string; problems: string[] }[]) {
  // supertest types bodies as `any`; held as `unknown`, as support files get no e2e-spec exemption.
  const body: unknown = res.body;
  expect({ status: res.status, body }).toEqual({
    status: 400,
    body: {
      code: 'VALIDATION_FAILED',
      message: 'The request is malformed.',
      details,
      requestId: expect.any(String),
    },
  });
}

/** The value passed the shape: the unknown `zzz` is the only problem left. */
export function expectAccepted(res: Response) {
  expectMalformed(res, [{ field: 'zzz', problems: ['property zzz should not exist'] }]);
}
