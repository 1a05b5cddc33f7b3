import { describe, expect, it } from '@jest/globals';
import { createAccount, createLocalParty, login } from '../support/factories.js';
import { demoPactFixture, get, inAMonth, localPartyId, post } from '../support/pacts.js';

// Issue 10, items 2, 5 and 6, over HTTP as an attacker with an ordinary account tried them: a
// refused proposal naming other parties' secret deals, a coordinator acting outside their
// (party, region), and an unsolicited offer squatting on a seat for ever.

const f = demoPactFixture([
  'officer.ld.hastings',
  'officer.lab.lewes',
  'officer.green.pavilion',
  'coord.ld.southeast',
  'coord.lab.southeast',
  'coord.green.southeast',
]);
const token = f.token;
const HASTINGS = 'E14000735';
const PAVILION = 'E14000598';
const KENSINGTON = 'E14000768';

/** Hastings-for-Lewes, proposed by the Hastings Lib Dems and signed by Lewes Labour: it holds. */
async function heldSwap(): Promise<{ id: string; hash: string }> {
  const created = await f.create();
  expect(created.status).toBe(201);
  const signed = await post(f.t, token('officer.lab.lewes'), `/api/pacts/${created.body.id}/sign`, {
    revision: 1,
    hash: created.body.revision.hash,
  });
  expect(signed.body.status).toBe('signed');
  return { id: created.body.id, hash: created.body.revision.hash };
}

/** The Greens offer: Hastings Lib Dems stand aside for the Greens, Greens in Pavilion for them. */
const greenOffer = async (respondBy = inAMonth()) =>
  post(f.t, token('officer.green.pavilion'), '/api/pacts', {
    title: 'Hastings for the Greens',
    election: 'ge2017',
    localParties: [await localPartyId(f.t, 'Brighton Pavilion Green Party'), f.ldHastings],
    terms: {
      standAsides: [
        { party: 'ld', constituency: HASTINGS, beneficiary: 'green' },
        { party: 'green', constituency: PAVILION, beneficiary: 'ld' },
      ],
    },
    respondBy,
    propose: true,
  });

describe('conflicts say only what the caller may know (item 2)', () => {
  it('gives another party’s officer no oracle for a hidden deal in the seat', async () => {
    const held = await heldSwap();
    // The Greens cannot see the Lib Dem–Labour pact; their offer is not refused because of it.
    expect((await get(f.t, token('officer.green.pavilion'), `/api/pacts/${held.id}`)).status).toBe(
      404,
    );
    const offer = await greenOffer();
    expect(offer.status).toBe(201);
    expect(JSON.stringify(offer.body)).not.toContain(held.id);
    // The Lib Dems' signature, which would make it hold, is refused: they are told of their own
    // party's commitment only, without the other pact's id.
    const sign = await post(f.t, token('officer.ld.hastings'), `/api/pacts/${offer.body.id}/sign`, {
      revision: 1,
      hash: offer.body.revision.hash,
    });
    expect(sign.status).toBe(409);
    expect(sign.body).toMatchObject({
      code: 'CONFLICTING_PACT',
      details: [
        {
          kind: 'DIFFERENT_BENEFICIARY',
          constituency: HASTINGS,
          standAside: { party: 'ld', constituency: HASTINGS, beneficiary: 'green' },
          committedParty: 'ld',
        },
      ],
    });
    expect(JSON.stringify(sign.body)).not.toContain(held.id);
    expect(
      (await get(f.t, token('officer.ld.hastings'), `/api/pacts/${offer.body.id}`)).body.status,
    ).toBe('proposed');
  });

  it('refuses a party’s own contradicting offer, naming no other pact', async () => {
    const held = await heldSwap();
    const second = await post(f.t, token('officer.ld.hastings'), '/api/pacts', {
      title: 'Hastings for Pavilion',
      election: 'ge2017',
      localParties: [f.ldHastings, await localPartyId(f.t, 'Brighton Pavilion Green Party')],
      terms: {
        standAsides: [
          { party: 'ld', constituency: HASTINGS, beneficiary: 'green' },
          { party: 'green', constituency: PAVILION, beneficiary: 'ld' },
        ],
      },
      respondBy: inAMonth(),
      propose: true,
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('CONFLICTING_PACT');
    expect(second.body.details).toEqual([
      expect.objectContaining({ kind: 'DIFFERENT_BENEFICIARY', committedParty: 'ld' }),
    ]);
    expect(JSON.stringify(second.body)).not.toContain(held.id);
    expect(JSON.stringify(second.body)).not.toContain('pactId');
  });
});

describe('a coordinator acts for their party in their region only (item 5)', () => {
  it('keeps the South East Lib Dems out of a London pact with a South East Labour party', async () => {
    const ldLondon = await createLocalParty(f.t, 'ld', KENSINGTON);
    const account = async (grant: object) => {
      const { email } = await createAccount(f.t, [grant]);
      return (await login(f.t, email)).accessToken;
    };
    const ldLondonOfficer = await account({ role: 'officer', localPartyId: ldLondon });
    const ldLondonCoord = await account({ role: 'coordinator', party: 'ld', region: 'london' });
    const labLondonCoord = await account({ role: 'coordinator', party: 'lab', region: 'london' });
    const created = await post(f.t, ldLondonOfficer, '/api/pacts', {
      title: 'Kensington',
      election: 'ge2017',
      localParties: [ldLondon, f.labLewes],
      terms: { standAsides: [{ party: 'ld', constituency: KENSINGTON, beneficiary: 'lab' }] },
      respondBy: inAMonth(),
      propose: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const hash = created.body.revision.hash as string;
    await post(f.t, token('officer.lab.lewes'), `/api/pacts/${id}/sign`, { revision: 1, hash });
    await post(f.t, ldLondonCoord, `/api/pacts/${id}/approve`, { revision: 1, hash });
    const ratified = await post(f.t, labLondonCoord, `/api/pacts/${id}/approve`, {
      revision: 1,
      hash,
    });
    expect(ratified.body.status).toBe('ratified');

    const outsider = token('coord.ld.southeast');
    expect((await get(f.t, outsider, `/api/pacts/${id}`)).status).toBe(404);
    const terminate = await post(f.t, outsider, `/api/pacts/${id}/terminate`, { reason: 'mine' });
    expect(terminate.status).toBe(404);
    const listed = await get(f.t, outsider, '/api/pacts?limit=200');
    expect((listed.body.items as { id: string }[]).map((p) => p.id)).not.toContain(id);
    // Labour's South East coordinator oversees its own local party's pact.
    expect((await get(f.t, token('coord.lab.southeast'), `/api/pacts/${id}`)).status).toBe(200);
    expect((await get(f.t, ldLondonOfficer, `/api/pacts/${id}`)).body.status).toBe('ratified');
  });
});

describe('an unsolicited offer cannot squat on a seat (item 6)', () => {
  it('refuses a respond-by far in the future', async () => {
    const res = await greenOffer('2999-12-31T00:00:00Z');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('INVALID_RESPOND_BY');
    expect(res.body.message).toMatch(/within 90 days/);
  });

  it('does not block the squatted party’s own deal, and its coordinator declines it for them', async () => {
    const squat = await greenOffer();
    expect(squat.status).toBe(201);
    // Lib Dems and Labour strike their own deal in the seat the offer names: proposed and signed.
    const swap = await f.create();
    expect(swap.status).toBe(201);
    const signed = await post(f.t, token('officer.lab.lewes'), `/api/pacts/${swap.body.id}/sign`, {
      revision: 1,
      hash: swap.body.revision.hash,
    });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
    // The Lib Dems' regional coordinator turns the offer down on the local party's behalf ...
    const declined = await post(
      f.t,
      token('coord.ld.southeast'),
      `/api/pacts/${squat.body.id}/decline`,
      { reason: 'The Hastings Lib Dems have their own arrangement' },
    );
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');
    const audit = await get(
      f.t,
      token('officer.green.pavilion'),
      `/api/pacts/${squat.body.id}/audit`,
    );
    expect(audit.body.items.at(-1)).toMatchObject({
      action: 'pact.declined',
      actor: { role: 'coordinator', party: 'ld', region: 'south-east' },
    });
    // ... which Labour's coordinator may not do: Labour takes no part in it (nor sees it).
    const other = await greenOffer();
    const labDecline = await post(
      f.t,
      token('coord.lab.southeast'),
      `/api/pacts/${other.body.id}/decline`,
      { reason: 'x' },
    );
    expect(labDecline.status).toBe(404);
  });
});

describe('an object field sent as an array (found by the fuzzer)', () => {
  it('answers 400 naming the field, not 500', async () => {
    const created = await f.create();
    const counter = await post(
      f.t,
      token('officer.lab.lewes'),
      `/api/pacts/${created.body.id}/counter`,
      {
        baseRevision: 1,
        terms: [{ standAsides: [{ party: 'ld', constituency: HASTINGS, beneficiary: 'lab' }] }],
      },
    );
    expect(counter.status).toBe(400);
    expect(JSON.stringify(counter.body)).toContain('terms');
    const projection = await post(f.t, token('officer.lab.lewes'), '/api/projections', {
      election: 'ge2017',
      standAsides: [{ party: 'ld', constituency: HASTINGS, beneficiary: 'lab' }],
      swing: [{ model: 'uniform', shares: { lab: 40 } }],
    });
    expect(projection.status).toBe(400);
    expect(JSON.stringify(projection.body)).toContain('swing');
    // …and a list of objects sent as a list of lists.
    const admin = await createAccount(f.t, [{ role: 'admin' }]);
    const adminToken = (await login(f.t, admin.email)).accessToken;
    const user = await post(f.t, adminToken, '/api/users', {
      email: 'nested.grants@pactroom.test',
      name: 'Nested Grants',
      password: 'long enough password',
      grants: [[{ role: 'member', party: 'lab' }]],
    });
    expect(user.status).toBe(400);
    expect(JSON.stringify(user.body)).toContain('grants');
  });
});
