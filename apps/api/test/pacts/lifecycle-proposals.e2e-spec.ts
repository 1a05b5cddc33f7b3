// Pact lifecycle up to a signature: drafts (seen only by their author, refused when invalid) and
// the conflicts with other pacts that a proposal, a counter or a signature runs into. Expiry,
// endings, lists and revisions: lifecycle-endings.e2e-spec.ts.
import { describe, expect, it } from '@jest/globals';
import { createAccount, login } from '../support/factories.js';
import { useLifecycleApp } from '../support/lifecycle-fixture.js';
import { get, inAMonth, localPartyId, post } from '../support/pacts.js';

const { f, token, create } = useLifecycleApp();

/** LD stands aside in Bexhill and Battle for Labour, Labour in Lewes for the LDs. */
const BEXHILL_FOR_LEWES = {
  standAsides: [
    { party: 'ld', constituency: 'E14000557', beneficiary: 'lab' },
    { party: 'lab', constituency: 'E14000786', beneficiary: 'ld' },
  ],
  commitments: [],
};

describe('drafts', () => {
  it('are seen only by the author local party until proposed', async () => {
    const draft = await create({ propose: false });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', signatures: [] });
    expect((await get(f.t, token('officer.lab.lewes'), `/api/pacts/${draft.body.id}`)).status).toBe(
      404,
    );
    const proposed = await post(
      f.t,
      token('officer.ld.hastings'),
      `/api/pacts/${draft.body.id}/propose`,
    );
    expect(proposed.body.status).toBe('proposed');
    expect((await get(f.t, token('officer.lab.lewes'), `/api/pacts/${draft.body.id}`)).status).toBe(
      200,
    );
  });

  it('refuses invalid terms with 422 and the problems', async () => {
    const res = await create({
      terms: { standAsides: [{ party: 'ld', constituency: 'E14000786', beneficiary: 'ld' }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('INVALID_TERMS');
    expect(Array.isArray(res.body.details)).toBe(true);
  });

  it('refuses a respond-by in the past, unknown local parties and elections', async () => {
    expect((await create({ respondBy: '2020-01-01T00:00:00Z' })).body.code).toBe(
      'INVALID_RESPOND_BY',
    );
    expect(
      (await create({ localParties: [f.ldHastings, '00000000-0000-4000-8000-000000000000'] })).body
        .code,
    ).toBe('UNKNOWN_LOCAL_PARTY');
    expect((await create({ election: 'ge1997' })).body.code).toBe('UNKNOWN_ELECTION');
    // The demo branches cover their 2024 seats too, so on ge2024 it is the 2010 codes that fail
    // (a local party without 2024 seats: local-parties.e2e-spec.ts).
    expect((await create({ election: 'ge2024' })).body.code).toBe('INVALID_TERMS');
  });

  it('refuses mass assignment of status and id', async () => {
    const res = await create({ status: 'ratified', id: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(400);
  });
});

describe('cross-pact conflicts', () => {
  /** Proposed by the Hastings Lib Dems and signed by Lewes Labour: the pact holds its seats. */
  const held = async () => {
    const first = await create();
    expect(first.status).toBe(201);
    const signed = await post(f.t, token('officer.lab.lewes'), `/api/pacts/${first.body.id}/sign`, {
      revision: 1,
      hash: first.body.revision.hash,
    });
    expect(signed.body.status).toBe('signed');
    return first.body.id as string;
  };

  it('refuses a second pact standing the same party aside in a held seat for another beneficiary', async () => {
    await held();
    // The Hastings Lib Dems would also stand aside there for the Greens: their own commitment clashes.
    const second = await post(f.t, token('officer.ld.hastings'), '/api/pacts', {
      title: 'Hastings for Pavilion',
      election: 'ge2017',
      localParties: [f.ldHastings, await localPartyId(f.t, 'Brighton Pavilion Green Party')],
      terms: {
        standAsides: [
          { party: 'ld', constituency: 'E14000735', beneficiary: 'green' },
          { party: 'green', constituency: 'E14000598', beneficiary: 'ld' },
        ],
      },
      respondBy: inAMonth(),
      propose: true,
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('CONFLICTING_PACT');
    expect(second.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'DIFFERENT_BENEFICIARY', constituency: 'E14000735' }),
      ]),
    );
  });

  it('lets a counter over another party’s commitment through, and refuses that party’s signature', async () => {
    const admin = token('admin');
    const localParty = async (party: string, name: string, constituencies: string[]) => {
      const res = await post(f.t, admin, '/api/local-parties', { party, name, constituencies });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const officerOf = async (localPartyId: string) =>
      (await login(f.t, (await createAccount(f.t, [{ role: 'officer', localPartyId }])).email))
        .accessToken;
    // Sussex Lib Dems cover Bexhill and Battle and Brighton Pavilion (Hastings has its own Lib
    // Dems, and one seat has one active local party per party); Worthing West Lib Dems their own.
    const sussexLd = await localParty('ld', 'Sussex Coast Liberal Democrats', [
      'E14000557',
      'E14000598',
    ]);
    const worthingLd = await localParty('ld', 'Worthing West Liberal Democrats', ['E14001055']);
    const pavilionGreens = await localPartyId(f.t, 'Brighton Pavilion Green Party');
    const sussex = await officerOf(sussexLd);
    const worthing = await officerOf(worthingLd);
    const greens = await officerOf(pavilionGreens);
    // A signed pact in which the Lib Dems benefit in Brighton Pavilion.
    const greenPact = await post(f.t, worthing, '/api/pacts', {
      title: 'Pavilion for Worthing',
      election: 'ge2017',
      localParties: [worthingLd, pavilionGreens],
      terms: {
        standAsides: [
          { party: 'green', constituency: 'E14000598', beneficiary: 'ld' },
          { party: 'ld', constituency: 'E14001055', beneficiary: 'green' },
        ],
      },
      respondBy: inAMonth(),
      propose: true,
    });
    expect(greenPact.status).toBe(201);
    const greenSigned = await post(f.t, greens, `/api/pacts/${greenPact.body.id}/sign`, {
      revision: 1,
      hash: greenPact.body.revision.hash,
    });
    expect(greenSigned.body.status).toBe('signed');
    const pact = await post(f.t, sussex, '/api/pacts', {
      title: 'Sussex swap',
      election: 'ge2017',
      localParties: [sussexLd, f.labLewes],
      terms: BEXHILL_FOR_LEWES,
      respondBy: inAMonth(),
      propose: true,
    });
    expect(pact.status).toBe(201);
    // Labour counters: the Lib Dems would stand aside in Pavilion, where they benefit elsewhere. An
    // offer binds only its author, so Labour may make it (and learns nothing of the other pact) ...
    const counter = await post(
      f.t,
      token('officer.lab.lewes'),
      `/api/pacts/${pact.body.id}/counter`,
      {
        baseRevision: 1,
        terms: {
          standAsides: [
            ...BEXHILL_FOR_LEWES.standAsides,
            { party: 'ld', constituency: 'E14000598', beneficiary: 'lab' },
          ],
        },
      },
    );
    expect(counter.status).toBe(200);
    expect(JSON.stringify(counter.body)).not.toContain(greenPact.body.id);
    // ... but the Lib Dems, whose commitment it contradicts, cannot sign it into force.
    const sign = await post(f.t, sussex, `/api/pacts/${pact.body.id}/sign`, {
      revision: 2,
      hash: counter.body.revision.hash,
    });
    expect(sign.status).toBe(409);
    expect(sign.body.code).toBe('CONFLICTING_PACT');
    expect(sign.body.details).toEqual([
      {
        kind: 'BENEFICIARY_STANDS_ASIDE',
        constituency: 'E14000598',
        standAside: { party: 'ld', constituency: 'E14000598', beneficiary: 'lab' },
        committedParty: 'ld',
      },
    ]);
    expect(JSON.stringify(sign.body)).not.toContain(greenPact.body.id);
    expect((await get(f.t, sussex, `/api/pacts/${pact.body.id}`)).body.status).toBe('proposed');
  });

  it('refuses a proposal whose beneficiary stands aside in a held seat', async () => {
    await held();
    const other = await post(f.t, token('officer.lab.hastings'), '/api/pacts', {
      title: 'Labour Hastings with LD Lewes',
      election: 'ge2017',
      localParties: [
        await localPartyId(f.t, 'Hastings and Rye Labour'),
        await localPartyId(f.t, 'Lewes Liberal Democrats'),
      ],
      terms: {
        standAsides: [
          { party: 'lab', constituency: 'E14000735', beneficiary: 'ld' },
          { party: 'ld', constituency: 'E14000786', beneficiary: 'lab' },
        ],
      },
      respondBy: inAMonth(),
      propose: true,
    });
    // Labour standing aside in Hastings for the LDs, where Labour benefits from the LDs standing aside.
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('CONFLICTING_PACT');
  });
});
