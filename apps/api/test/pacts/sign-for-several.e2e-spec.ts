// An officer holding several participating branches signs for all of them in one request
// (`actingFor` a list), and needs no actingFor when only one of their branches is left to sign.
import { MAX_SIGN_FOR } from '../../src/pacts/dto/pact-commands.dto.js';
import { describe, expect, it } from '@jest/globals';
import { createAccount, login, TEST_PASSWORD } from '../support/factories.js';
import {
  demoPactFixture,
  get,
  HASTINGS_FOR_LEWES,
  inAMonth,
  localPartyId,
  post,
} from '../support/pacts.js';

const f = demoPactFixture(['officer.ld.hastings', 'officer.lab.hastings', 'officer.lab.lewes']);

interface Revision {
  readonly number: number;
  readonly hash: string;
}

/** A person with officer grants for `localParties`, signed in. */
async function officerOf(...localParties: string[]) {
  const account = await createAccount(
    f.t,
    localParties.map((id) => ({ role: 'officer', localPartyId: id })),
  );
  const token = (await login(f.t, account.email, TEST_PASSWORD)).accessToken;
  return { ...account, token };
}

/**
 * Hastings-for-Lewes with Hastings Labour as a third participant and author: the Hastings Lib Dems
 * and Lewes Labour are both still to sign.
 */
async function threeWay(): Promise<{ id: string; revision: Revision; labHastings: string }> {
  const labHastings = await localPartyId(f.t, 'Hastings and Rye Labour');
  const created = await post(f.t, f.token('officer.lab.hastings'), '/api/pacts', {
    title: 'Three branches',
    election: 'ge2017',
    localParties: [labHastings, f.ldHastings, f.labLewes],
    terms: HASTINGS_FOR_LEWES,
    respondBy: inAMonth(),
    propose: true,
  });
  expect(created.status).toBe(201);
  return {
    id: created.body.id as string,
    revision: created.body.revision as Revision,
    labHastings,
  };
}

const sign = (token: string, id: string, revision: Revision, extra: object = {}) =>
  post(f.t, token, `/api/pacts/${id}/sign`, {
    revision: revision.number,
    hash: revision.hash,
    ...extra,
  });

describe('signing for several local parties in one request', () => {
  it('signs for both branches listed; the last signature makes the pact signed', async () => {
    const { id, revision, labHastings } = await threeWay();
    const both = await officerOf(f.ldHastings, f.labLewes);

    // Without actingFor, two branches still to sign is ambiguous, as before.
    const ambiguous = await sign(both.token, id, revision);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.code).toBe('AMBIGUOUS_ACTOR');

    const res = await sign(both.token, id, revision, { actingFor: [f.labLewes, f.ldHastings] });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('signed');
    expect(
      (res.body.signatures as { localPartyId: string; userId: string }[])
        .map((s) => [s.localPartyId, s.userId])
        .sort(),
    ).toEqual(
      [
        [labHastings, expect.any(String)],
        [f.ldHastings, both.id],
        [f.labLewes, both.id],
      ].sort(),
    );

    // One audit event per signature, in the order listed; the chain verifies.
    const audit = await get(f.t, both.token, `/api/pacts/${id}/audit`);
    const events = audit.body.items as {
      action: string;
      actor: { localPartyId: string | null };
      payload: { from: string; to: string };
    }[];
    expect(events.map((e) => [e.action, e.actor.localPartyId, e.payload.to])).toEqual([
      ['pact.drafted', labHastings, 'draft'],
      ['pact.proposed', labHastings, 'proposed'],
      ['pact.signed', f.labLewes, 'proposed'],
      ['pact.signed', f.ldHastings, 'signed'],
    ]);
    const verified = await get(f.t, both.token, `/api/pacts/${id}/audit/verify`);
    expect(verified.body).toMatchObject({ valid: true, events: 4 });

    // A repeat changes nothing: the same list, or no actingFor now that none is left to sign.
    for (const extra of [{ actingFor: [f.labLewes, f.ldHastings] }, {}]) {
      const again = await sign(both.token, id, revision, extra);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('signed');
    }
    expect((await get(f.t, both.token, `/api/pacts/${id}/audit`)).body.items).toHaveLength(4);
  });

  it('needs no actingFor when only one of the officer’s branches is still to sign', async () => {
    const created = await f.create({ title: 'One left' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const both = await officerOf(f.ldHastings, f.labLewes); // the Lib Dems signed by proposing
    const res = await sign(both.token, id, created.body.revision as Revision);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('signed');
    expect(res.body.signatures).toContainEqual(
      expect.objectContaining({ localPartyId: f.labLewes, userId: both.id }),
    );
  });

  it('keeps Idempotency-Key replays working for a list', async () => {
    const { id, revision } = await threeWay();
    const both = await officerOf(f.ldHastings, f.labLewes);
    const body = { revision: revision.number, hash: revision.hash, actingFor: [f.ldHastings] };
    const send = (payload: object) =>
      f.t.http
        .post(`/api/pacts/${id}/sign`)
        .set('authorization', `Bearer ${both.token}`)
        .set('idempotency-key', 'sign-several')
        .send(payload);
    const first = await send(body);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('proposed');
    const replay = await send(body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const reused = await send({ ...body, actingFor: [f.ldHastings, f.labLewes] });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a branch the officer does not hold with the existing code, naming the item', async () => {
    const { id, revision, labHastings } = await threeWay();
    const both = await officerOf(f.ldHastings, f.labLewes);
    const res = await sign(both.token, id, revision, { actingFor: [f.ldHastings, labHastings] });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      code: 'NOT_PARTICIPANT',
      message: `actingFor[1]: you are not an officer of local party ${labHastings}`,
      details: { field: 'actingFor[1]', localPartyId: labHastings },
    });
    // The single-id form answers as it always has.
    const single = await sign(both.token, id, revision, { actingFor: labHastings });
    expect(single.status).toBe(403);
    expect(single.body.code).toBe('NOT_PARTICIPANT');
    // Nothing was signed: all or nothing.
    const after = await get(f.t, both.token, `/api/pacts/${id}`);
    expect(after.body.signatures).toHaveLength(1);
  });

  it('refuses a branch the officer holds that is not in the pact, naming it', async () => {
    const { id, revision } = await threeWay();
    const ldLewes = await localPartyId(f.t, 'Lewes Liberal Democrats');
    const three = await officerOf(f.ldHastings, f.labLewes, ldLewes);
    const res = await sign(three.token, id, revision, { actingFor: [f.ldHastings, ldLewes] });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      code: 'NOT_PARTICIPANT',
      message: `actingFor[1]: local party ${ldLewes} does not take part in this pact`,
      details: { field: 'actingFor[1]', localPartyId: ldLewes },
    });
    expect((await get(f.t, three.token, `/api/pacts/${id}`)).body.signatures).toHaveLength(1);
  });

  it.each([
    [
      'a repeated id',
      (ids: string[]) => [ids[0], ids[1], ids[0]],
      /^actingFor\[2\] repeats actingFor\[0\]/,
    ],
    ['an item that is no id', (ids: string[]) => [ids[0], 'lewes'], /^actingFor\[1\] is not/],
    ['an empty list', () => [], /lists no local party/],
    [
      `more than ${MAX_SIGN_FOR}`,
      () =>
        Array.from(
          { length: MAX_SIGN_FOR + 1 },
          (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        ),
      new RegExp(`at most ${MAX_SIGN_FOR}`),
    ],
  ])('refuses a list with %s: 400 naming the item', async (_name, list, problem) => {
    const { id, revision } = await threeWay();
    const both = await officerOf(f.ldHastings, f.labLewes);
    const res = await sign(both.token, id, revision, {
      actingFor: list([f.ldHastings, f.labLewes]),
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([
      { field: 'actingFor', problems: [expect.stringMatching(problem)] },
    ]);
  });

  it('takes a list on sign only: approve still names one slot', async () => {
    const created = await f.create({ title: 'Approve one' });
    const id = created.body.id as string;
    const revision = created.body.revision as Revision;
    expect((await sign(f.token('officer.lab.lewes'), id, revision)).body.status).toBe('signed');
    const coordinator = await createAccount(f.t, [
      { role: 'coordinator', party: 'lab', region: 'south-east' },
    ]);
    const token = (await login(f.t, coordinator.email, TEST_PASSWORD)).accessToken;
    const res = await post(f.t, token, `/api/pacts/${id}/approve`, {
      revision: revision.number,
      hash: revision.hash,
      actingFor: [f.labLewes],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('documents the list in the OpenAPI, with its maxItems', async () => {
    const doc = await f.t.http.get('/api/docs-json');
    const schemas = doc.body.components.schemas as Record<
      string,
      { properties: Record<string, { oneOf?: { type?: string; maxItems?: number }[] }> }
    >;
    const signBody =
      doc.body.paths['/api/pacts/{id}/sign'].post.requestBody.content['application/json'].schema;
    expect(signBody).toEqual({ $ref: '#/components/schemas/SignRevisionDto' });
    const actingFor = schemas.SignRevisionDto?.properties.actingFor;
    expect(actingFor?.oneOf).toContainEqual(
      expect.objectContaining({
        type: 'array',
        minItems: 1,
        maxItems: MAX_SIGN_FOR,
        uniqueItems: true,
      }),
    );
  });
});
