// The shapes inside composite values: custom validators (a party-or-id, transfer matrices, swing
// shares), lists packed into one query parameter, and UUIDs in paths and cursors. Each is refused
// with its own message, so these cases pin those answers beside the plain shapes of
// validation-shapes.e2e-spec.ts.
import { describe, expect, it } from '@jest/globals';
import {
  HEMICYCLE,
  SOME_ID,
  SUGGESTIONS,
  admin,
  asOfficer,
  expectAccepted,
  expectMalformed,
  getAs,
  matches,
  officer,
  postAs,
  projection,
  querySite,
  useShapesApp,
  userId,
} from './support/validation-shapes.js';

useShapesApp();

describe('the shapes inside custom validators', () => {
  const actingFor = (value: unknown, unknown: boolean) =>
    postAs(officer, `/api/pacts/${SOME_ID}/withdraw`, {
      reason: 'Shapes',
      actingFor: value,
      ...(unknown ? { zzz: 1 } : {}),
    });
  it.each([
    SOME_ID,
    SOME_ID.toUpperCase(),
    '00000000-0000-0000-0000-000000000000',
    { party: 'ld', region: 'south-east' },
    { party: 'a'.repeat(16), region: '-'.repeat(32) },
  ])('actingFor accepts %j', async (value) => {
    expectAccepted(await actingFor(value, true));
  });
  it.each([
    'not-a-uuid',
    SOME_ID.replaceAll('-', ''),
    `${SOME_ID}0`,
    SOME_ID.replace('0', 'g'),
    { party: 'LD', region: 'south-east' },
    { party: 'l', region: 'south-east' },
    { party: 'ld', region: 's' },
    { party: 'ld', region: 'a'.repeat(33) },
    { party: 'ld' },
    { party: 'ld', region: 'south-east', extra: 1 },
  ])('actingFor refuses %j', async (value) => {
    expectMalformed(await actingFor(value, false), [
      {
        field: 'actingFor',
        problems: ['actingFor must be a local party id or {party, region}'],
      },
    ]);
  });

  const transfersProblem =
    'transfers must be a transfer set name or a matrix {from: {to: rate | {low, central, high}}}';
  it.each([
    [{ ld: { lab: 0.5 } }, null],
    [{ abcdefghijklmnop: { ab: 0.5 } }, null],
    [{ LD: { lab: 0.5 } }, transfersProblem],
    [{ ld: { l: 0.5 } }, transfersProblem],
    [{ 'l-d': { lab: 0.5 } }, transfersProblem],
  ])('a transfer matrix keyed %j', async (transfers, problem) => {
    const res = await postAs(officer, '/api/projections', {
      ...projection({}),
      transfers,
      ...(problem === null ? { zzz: 1 } : {}),
    });
    if (problem === null) {
      expectAccepted(res);
    } else {
      expectMalformed(res, [{ field: 'transfers', problems: [problem] }]);
    }
  });

  it.each([
    [{ lab: 40, ld: 12 }, null],
    [{ LAB: 40 }, 'shares must map party codes to percentages'],
    [{ l: 40 }, 'shares must map party codes to percentages'],
  ])('swing shares keyed %j', async (shares, problem) => {
    const res = await postAs(officer, '/api/projections', {
      ...projection({}),
      swing: { model: 'uniform', shares },
      ...(problem === null ? { zzz: 1 } : {}),
    });
    if (problem === null) {
      expectAccepted(res);
    } else {
      expectMalformed(res, [{ field: 'swing.shares', problems: [problem] }]);
    }
  });
});

describe('the lists of party codes and ONS codes in a query string', () => {
  const cases: [string, string, string, string[], string[]][] = [
    [
      SUGGESTIONS,
      'election=ge2017',
      'parties',
      ['lab,ld', 'ab,cd,ef,gh,ij,kl'],
      ['lab', 'ab,cd,ef,gh,ij,kl,mn', 'LAB,ld', 'lab,,ld', 'lab,l'],
    ],
    [
      HEMICYCLE,
      'election=ge2017',
      'standAsides',
      ['ld:E14000735:lab,lab:E14000786', 'ld:W07000044'],
      ['ld:E1400073', 'LD:E14000735', 'ld:E14000735:l', 'ld:X14000735', 'ld:E14000735,'],
    ],
    [
      HEMICYCLE,
      'election=ge2017',
      'shares',
      ['lab:40,con:30.5', 'ld:100'],
      ['lab:1000', 'LAB:40', 'lab:', 'l:40', 'lab:40,'],
    ],
  ];
  const regexes: Record<string, string> = {
    parties: '/^[a-z]{2,16}(,[a-z]{2,16}){1,5}$/',
    standAsides:
      '/^([a-z]{2,16}:[ENSW]\\d{8}(:[a-z]{2,16})?)(,[a-z]{2,16}:[ENSW]\\d{8}(:[a-z]{2,16})?)*$/',
    shares: '/^[a-z]{2,16}:\\d{1,3}(\\.\\d+)?(,[a-z]{2,16}:\\d{1,3}(\\.\\d+)?)*$/',
  };
  describe.each(cases)('%s ?%s%s', (path, rest, param, good, bad) => {
    const site = querySite(`${path} ?${param}`, asOfficer, path, param, rest);
    it.each(good)('accepts %j', async (value) => {
      expectAccepted(await site.send(value, true));
    });
    it.each(bad)('refuses %j', async (value) => {
      expectMalformed(await site.send(value, false), [
        { field: param, problems: [matches(param, regexes[param] ?? '')] },
      ]);
    });
  });
});

describe('UUIDs in paths and cursors', () => {
  it('reads an id in any case and answers it in lower case', async () => {
    const res = await getAs(admin, `/api/users/${userId.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(userId);
  });

  it.each([
    'not-a-uuid',
    `${SOME_ID}0`,
    `g${SOME_ID.slice(1)}`,
    SOME_ID.replaceAll('-', ''),
    `${SOME_ID.slice(0, 8)}${SOME_ID.slice(9)}-`,
  ])('answers a malformed id (%s) as not found', async (id) => {
    const users = await getAs(admin, `/api/users/${id}`);
    expect({ status: users.status, code: users.body.code, message: users.body.message }).toEqual({
      status: 404,
      code: 'USER_NOT_FOUND',
      message: 'Not found.',
    });
    const pacts = await getAs(officer, `/api/pacts/${id}`);
    expect({ status: pacts.status, code: pacts.body.code }).toEqual({
      status: 404,
      code: 'PACT_NOT_FOUND',
    });
  });

  const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  it.each([
    [['lab', SOME_ID], 200],
    [['lab', SOME_ID.toUpperCase()], 200],
    [['lab', '00000000-0000-0000-0000-000000000000'], 200],
    [['lab', 'not-a-uuid'], 400],
    [['lab', SOME_ID.replaceAll('-', '')], 400],
    [['lab', `${SOME_ID}0`], 400],
  ])('a local-party cursor keyed %j answers %d', async (key, status) => {
    const res = await getAs(admin, `/api/local-parties?cursor=${cursor(key)}`);
    expect(res.status).toBe(status);
    if (status === 400) {
      expect(res.body).toMatchObject({
        code: 'INVALID_CURSOR',
        message: 'The cursor is not one this list gave out.',
      });
    }
  });
});
