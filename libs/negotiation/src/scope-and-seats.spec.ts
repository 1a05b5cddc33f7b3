import { describe, expect, it } from '@jest/globals';
import {
  ACTORS,
  CONFLICTING,
  CONTEXT,
  EASTBOURNE,
  HASTINGS,
  LAB_LEWES,
  LD_SUSSEX,
  OTHER_LIVE_PACT,
  REGIONS_OF,
  RESPOND_BY,
  SWAP,
  T0,
  approveOf,
  draftPact,
  later,
  must,
  outcome,
  run,
  signOf,
} from '../test/fixtures.js';
import {
  MAX_RESPOND_BY_DAYS,
  allowedCommands,
  canView,
  createDraft,
  decide,
  listKeysFor,
  listKeysOf,
  type Actor,
  type NegotiationContext,
  type Pact,
  type Participant,
  type Terms,
} from './index.js';

// What an attacker with an ordinary account found (issue 10, items 2, 5, 6): a coordinator acting
// outside their (party, region), a refused offer naming other parties' secret deals, and an
// unsolicited offer squatting on a seat.

const KENSINGTON = 'E14000768';
const REGIONS = new Map([...REGIONS_OF, [KENSINGTON, 'london']]);
const LD_LONDON: Participant = {
  localPartyId: 'lp-ld-london',
  party: 'ld',
  region: 'london',
  constituencies: [KENSINGTON],
};
const coordinator = (party: string, region: string): Actor => ({
  userId: `u-${party}-${region}`,
  grants: [{ role: 'coordinator', party, region }],
});
const ldLondonOfficer: Actor = {
  userId: 'u-ld-london',
  grants: [{ role: 'officer', party: 'ld', localPartyId: LD_LONDON.localPartyId }],
};

/** London Lib Dems stand aside in Kensington for Labour; Labour's participant is in the South East. */
function londonPact(): Pact {
  const terms: Terms = {
    standAsides: [{ party: 'ld', constituency: KENSINGTON, beneficiary: 'lab' }],
    commitments: [],
  };
  const draft = must(
    createDraft(
      {
        id: 'pact-london',
        title: 'Kensington',
        election: 'ge2017',
        contest: 'ge2019',
        participants: [LD_LONDON, LAB_LEWES],
        terms,
        respondBy: RESPOND_BY,
        constituencyRegions: REGIONS,
      },
      ldLondonOfficer,
      T0,
    ),
  );
  const context = { constituencyRegions: REGIONS, otherPacts: [] };
  const proposed = run(draft, [[ldLondonOfficer, { type: 'propose', context }]]);
  const signed = run(proposed, [[ACTORS.labOfficer, { ...signOf(proposed), context }]]);
  return run(signed, [
    [coordinator('ld', 'london'), approveOf(signed)],
    [coordinator('lab', 'london'), approveOf(signed)],
  ]);
}

describe("a coordinator's scope is their party and their region together", () => {
  const pact = londonPact();

  it('keeps a coordinator of one participant’s party in another participant’s region out', () => {
    expect(pact.status).toBe('ratified');
    // Lib Dems, South East: no Lib Dem local party of this pact there, and its seat is in London.
    const ldSouthEast = ACTORS.ldCoordinator;
    expect(canView(pact, ldSouthEast)).toBe(false);
    expect(allowedCommands(pact, ldSouthEast, later(9))).toEqual([]);
    expect(outcome(decide(pact, { type: 'terminate', reason: 'x' }, ldSouthEast, later(9)))).toBe(
      'NOT_PARTICIPANT',
    );
    // … nor does the list index file the pact under their key.
    const keys = new Set(listKeysOf(pact));
    expect(listKeysFor(ldSouthEast).keys.filter((k) => keys.has(k))).toEqual([]);
  });

  it.each([
    ['Lib Dems, London (the seat and their local party)', coordinator('ld', 'london')],
    ['Labour, London (the seat)', coordinator('lab', 'london')],
    ['Labour, South East (their local party)', ACTORS.labCoordinator],
  ])('lets %s see and terminate it', (_name, actor) => {
    expect(canView(pact, actor)).toBe(true);
    expect(allowedCommands(pact, actor, later(9))).toContain('terminate');
    const keys = new Set(listKeysOf(pact));
    expect(listKeysFor(actor).keys.some((k) => keys.has(k))).toBe(true);
  });
});

describe('a proposal does not hold its seats', () => {
  // The Greens' unsolicited offer: the Lib Dems stand aside in Hastings for the Greens, open long.
  const GREEN: Participant = {
    localPartyId: 'lp-green-hastings',
    party: 'green',
    region: 'south-east',
    constituencies: [HASTINGS],
  };
  const greenOfficer: Actor = {
    userId: 'u-green-hastings',
    grants: [{ role: 'officer', party: 'green', localPartyId: GREEN.localPartyId }],
  };
  const squat = () =>
    run(
      must(
        createDraft(
          {
            id: 'pact-squat',
            title: 'Hastings for the Greens',
            election: 'ge2017',
            contest: 'ge2019',
            participants: [LD_SUSSEX, GREEN],
            terms: {
              standAsides: [{ party: 'ld', constituency: HASTINGS, beneficiary: 'green' }],
              commitments: [],
            },
            respondBy: RESPOND_BY,
            constituencyRegions: REGIONS_OF,
          },
          greenOfficer,
          T0,
        ),
      ),
      [[greenOfficer, { type: 'propose', context: CONTEXT }]],
    );
  const asOther = (pact: Pact, status: Pact['status']): NegotiationContext => ({
    ...CONTEXT,
    otherPacts: [
      { pactId: pact.id, status, standAsides: pact.revision.terms.standAsides },
      OTHER_LIVE_PACT,
    ],
  });

  it("does not block the squatted party's own deal in the seat, to the last signature", () => {
    const offer = squat();
    const context = asOther(offer, offer.status);
    const deal = run(draftPact(SWAP), [[ACTORS.ldOfficer, { type: 'propose', context }]]);
    expect(
      must(decide(deal, { ...signOf(deal), context }, ACTORS.labOfficer, later(3))).status,
    ).toBe('signed');
  });

  it('lets the coordinators of the party asked to stand aside decline it for them', () => {
    const offer = squat();
    expect(allowedCommands(offer, ACTORS.ldCoordinator, later(2))).toContain('decline');
    const d = decide(
      offer,
      { type: 'decline', reason: 'not ours' },
      ACTORS.ldCoordinator,
      later(2),
    );
    expect(d).toMatchObject({
      ok: true,
      pact: { status: 'declined' },
      events: [{ actor: { role: 'coordinator', party: 'ld', region: 'south-east' } }],
    });
    // The Greens' own coordinator oversees it, but the Greens stand aside nowhere in it.
    expect(
      outcome(decide(offer, { type: 'decline', reason: 'x' }, ACTORS.greenCoordinator, later(2))),
    ).toBe('NOT_PARTICIPANT');
  });

  it('refuses the signature that would make it hold a seat another signed pact holds', () => {
    const offer = squat();
    const deal = run(draftPact(SWAP), [[ACTORS.ldOfficer, { type: 'propose', context: CONTEXT }]]);
    const held = must(decide(deal, signOf(deal), ACTORS.labOfficer, later(3)));
    // The Lib Dems' own officer signs the Greens' offer last: told of their own party's commitment.
    const d = decide(
      offer,
      { ...signOf(offer), context: asOther(held, held.status) },
      ACTORS.ldOfficer,
      later(4),
    );
    expect(d).toMatchObject({ ok: false, code: 'CONFLICTING_PACT' });
    expect(d.ok ? [] : d.conflicts).toEqual([
      {
        kind: 'DIFFERENT_BENEFICIARY',
        constituency: HASTINGS,
        standAside: { party: 'ld', constituency: HASTINGS, beneficiary: 'green' },
        committedParty: 'ld',
      },
    ]);
    expect(JSON.stringify(d)).not.toContain(held.id);
  });

  it('tells a last signer whose party is not the committed one nothing that identifies it', () => {
    // Labour offers while the Greens' Eastbourne pact is only proposed; it is signed before the
    // Lib Dems sign last. The clash commits Labour, so the Lib Dem signer learns only that.
    const context = {
      ...CONTEXT,
      otherPacts: [{ ...OTHER_LIVE_PACT, status: 'proposed' as const }],
    };
    const draft = draftPact(CONFLICTING, [LD_SUSSEX, LAB_LEWES], ACTORS.labOfficer);
    const offer = run(draft, [[ACTORS.labOfficer, { type: 'propose', context }]]);
    const d = decide(offer, signOf(offer), ACTORS.ldOfficer, later(3));
    expect(d).toMatchObject({ ok: false, code: 'CONFLICTING_PACT', conflicts: [] });
    expect(JSON.stringify(d)).not.toContain(OTHER_LIVE_PACT.pactId);
    expect(JSON.stringify(d)).not.toContain(EASTBOURNE);
  });

  it('needs the negotiation context for a completing signature (a programming error without)', () => {
    const offer = squat();
    const bare = {
      type: 'sign',
      revision: offer.revision.number,
      hash: offer.revision.hash,
    } as const;
    expect(() => decide(offer, bare, ACTORS.ldOfficer, later(3))).toThrow(/negotiation context/);
  });
});

describe('respond-by', () => {
  const draftDue = (respondBy: Date) =>
    createDraft(
      {
        id: 'pact-x',
        title: 'x',
        election: 'ge2017',
        contest: 'ge2019',
        participants: [LD_SUSSEX, LAB_LEWES],
        terms: SWAP,
        respondBy,
        constituencyRegions: REGIONS_OF,
      },
      ACTORS.ldOfficer,
      T0,
    );
  const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

  it(`may be at most ${MAX_RESPOND_BY_DAYS} days ahead`, () => {
    expect(draftDue(days(MAX_RESPOND_BY_DAYS)).ok).toBe(true);
    expect(draftDue(new Date(days(MAX_RESPOND_BY_DAYS).getTime() + 1000))).toMatchObject({
      ok: false,
      code: 'INVALID_RESPOND_BY',
    });
    expect(draftDue(new Date('2999-12-31T00:00:00Z'))).toMatchObject({
      ok: false,
      code: 'INVALID_RESPOND_BY',
    });
  });
});
