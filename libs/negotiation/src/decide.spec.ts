import { describe, expect, it } from '@jest/globals';
import {
  ACTORS,
  AFTER_DEADLINE,
  CONFLICTING,
  CONTEXT,
  EASTBOURNE,
  INVALID,
  LAB_CEREDIGION,
  LAB_LEWES,
  LD_SUSSEX,
  OTHER_LIVE_PACT,
  SWAP,
  SWAP_PLUS,
  SWAP_WALES,
  counterOf,
  draftPact,
  later,
  must,
  outcome,
  proposedPact,
  revisionOf,
  run,
  signOf,
} from '../test/fixtures.js';
import {
  decide,
  normalizeTerms,
  termsHash,
  type Actor,
  type Decision,
  type Pact,
} from './index.js';

describe('propose', () => {
  it('counts as the author’s signature on revision 1', () => {
    const pact = proposedPact();
    expect(pact.status).toBe('proposed');
    expect(pact.proposedAt).not.toBeNull();
    expect(pact.signatures).toEqual([
      expect.objectContaining({ localPartyId: LD_SUSSEX.localPartyId, ...revisionOf(pact) }),
    ]);
  });

  it.each([
    ['another participant', ACTORS.labOfficer, 'NOT_AUTHOR'],
    ['an outsider', ACTORS.outsider, 'NOT_PARTICIPANT'],
    ['a coordinator', ACTORS.ldCoordinator, 'NOT_PARTICIPANT'],
    ['an admin', ACTORS.admin, 'NOT_PARTICIPANT'],
    [
      'the author acting for someone else',
      { ...ACTORS.twoHats, actingFor: LAB_LEWES.localPartyId },
      'NOT_AUTHOR',
    ],
  ])('is refused to %s', (_name, actor, expected) => {
    expect(
      outcome(decide(draftPact(), { type: 'propose', context: CONTEXT }, actor, later(1))),
    ).toBe(expected);
  });

  it('is the author’s alone, so an officer of two participants needs no actingFor', () => {
    const d = decide(draftPact(), { type: 'propose', context: CONTEXT }, ACTORS.twoHats, later(1));
    expect(outcome(d)).toBe('changed');
  });

  it('refuses an offer contradicting its own party’s binding commitment, saying only that', () => {
    // Labour would stand aside in Eastbourne, where a signed pact has the Greens stand aside for it.
    const draft = draftPact(CONFLICTING, [LD_SUSSEX, LAB_LEWES], ACTORS.labOfficer);
    const d = decide(draft, { type: 'propose', context: CONTEXT }, ACTORS.labOfficer, later(1));
    expect(d).toMatchObject({ ok: false, code: 'CONFLICTING_PACT' });
    expect(d.ok ? [] : d.conflicts).toEqual([
      {
        kind: 'BENEFICIARY_STANDS_ASIDE',
        constituency: EASTBOURNE,
        standAside: { party: 'lab', constituency: EASTBOURNE, beneficiary: 'ld' },
        committedParty: 'lab',
      },
    ]);
    // Nothing that identifies the other pact: no id, status or leg of it.
    expect(JSON.stringify(d)).not.toContain(OTHER_LIVE_PACT.pactId);
    expect(JSON.stringify(d)).not.toContain('green');
  });

  it('lets an offer through when the clash commits another party: it binds only its author', () => {
    const d = decide(
      draftPact(CONFLICTING),
      { type: 'propose', context: CONTEXT },
      ACTORS.ldOfficer,
      later(1),
    );
    expect(outcome(d)).toBe('changed');
  });

  it.each(['proposed', 'withdrawn', 'expired', 'rejected'] as const)(
    'ignores a %s pact: only signed and ratified pacts hold their seats',
    (status) => {
      const context = { ...CONTEXT, otherPacts: [{ ...OTHER_LIVE_PACT, status }] };
      const draft = draftPact(CONFLICTING, [LD_SUSSEX, LAB_LEWES], ACTORS.labOfficer);
      const d = decide(draft, { type: 'propose', context }, ACTORS.labOfficer, later(1));
      expect(outcome(d)).toBe('changed');
    },
  );
});

describe('counter', () => {
  it('creates the next revision, voids earlier signatures and signs for the counterer', () => {
    const before = proposedPact();
    const d = decide(before, counterOf(before), ACTORS.labOfficer, later(5));
    const after = must(d);
    expect(after.revision).toMatchObject({
      number: 2,
      hash: termsHash(SWAP_PLUS),
      authorLocalPartyId: LAB_LEWES.localPartyId,
    });
    expect(after.signatures.filter((s) => s.revision === 2).map((s) => s.localPartyId)).toEqual([
      LAB_LEWES.localPartyId,
    ]);
    expect(after.status).toBe('proposed');
    expect(d.events[0]).toMatchObject({
      action: 'pact.countered',
      payload: {
        baseRevision: 1,
        revision: 2,
        hash: after.revision.hash,
        terms: normalizeTerms(SWAP_PLUS),
      },
    });
    // The LD signature on revision 1 no longer counts: signing revision 1 again is stale.
    expect(outcome(decide(after, signOf(before), ACTORS.ldOfficer, later(6)))).toBe(
      'STALE_REVISION',
    );
    expect(must(decide(after, signOf(after), ACTORS.ldOfficer, later(6))).status).toBe('signed');
  });

  it.each([
    [
      'a stale base revision',
      (p: Pact) => ({ ...counterOf(p), baseRevision: 0 }),
      'STALE_REVISION',
    ],
    ['invalid terms', (p: Pact) => counterOf(p, INVALID), 'INVALID_TERMS'],
    ['unchanged terms', (p: Pact) => counterOf(p, SWAP), 'INVALID_TERMS'],
    [
      'reordered but unchanged terms',
      (p: Pact) => counterOf(p, { ...SWAP, standAsides: [...SWAP.standAsides].reverse() }),
      'INVALID_TERMS',
    ],
    ['conflicting terms', (p: Pact) => counterOf(p, CONFLICTING), 'CONFLICTING_PACT'],
  ])('refuses %s', (_name, command, expected) => {
    const pact = proposedPact();
    expect(outcome(decide(pact, command(pact), ACTORS.labOfficer, later(5)))).toBe(expected);
  });

  it('reports every terms problem', () => {
    const pact = proposedPact();
    const d = decide(pact, counterOf(pact, INVALID), ACTORS.labOfficer, later(5));
    expect(d.ok ? [] : d.problems?.map((p) => p.code)).toEqual(['SELF_BENEFICIARY']);
  });

  it('recomputes the required approval slots for the new terms', () => {
    const draft = draftPact(SWAP, [LD_SUSSEX, LAB_LEWES, LAB_CEREDIGION]);
    const pact = run(draft, [[ACTORS.ldOfficer, { type: 'propose', context: CONTEXT }]]);
    const after = must(decide(pact, counterOf(pact, SWAP_WALES), ACTORS.walesOfficer, later(5)));
    expect(after.requiredApprovals).toEqual([
      { party: 'lab', region: 'south-east' },
      { party: 'lab', region: 'wales' },
      { party: 'ld', region: 'south-east' },
      { party: 'ld', region: 'wales' },
    ]);
  });
});

describe('sign', () => {
  it('makes the pact signed when every participant has signed the current revision', () => {
    const pact = proposedPact();
    const d = decide(pact, signOf(pact), ACTORS.labOfficer, later(2));
    expect(d).toMatchObject({ ok: true, pact: { status: 'signed' } });
    expect(d.events[0]).toMatchObject({
      action: 'pact.signed',
      payload: { from: 'proposed', to: 'signed' },
    });
  });

  it('stays proposed while a participant has not signed', () => {
    const draft = draftPact(SWAP, [LD_SUSSEX, LAB_LEWES, LAB_CEREDIGION]);
    const pact = run(draft, [[ACTORS.ldOfficer, { type: 'propose', context: CONTEXT }]]);
    const once = must(decide(pact, signOf(pact), ACTORS.labOfficer, later(2)));
    expect(once.status).toBe('proposed');
    expect(must(decide(once, signOf(once), ACTORS.walesOfficer, later(3))).status).toBe('signed');
  });

  it('is idempotent: fifty identical signatures make one signature and one event', () => {
    const pact = proposedPact();
    const decisions: Decision[] = [];
    let current = pact;
    for (let i = 0; i < 50; i++) {
      const d = decide(current, signOf(pact), ACTORS.labOfficer, later(2));
      decisions.push(d);
      current = must(d);
    }
    expect(decisions.flatMap((d) => d.events)).toHaveLength(1);
    expect(decisions.filter((d) => d.ok && !d.changed)).toHaveLength(49);
    expect(
      current.signatures.filter((s) => s.localPartyId === LAB_LEWES.localPartyId),
    ).toHaveLength(1);
  });

  it.each([
    [
      'a stale revision number',
      (p: Pact) => ({ ...signOf(p), revision: 2 }),
      ACTORS.labOfficer,
      'STALE_REVISION',
    ],
    [
      'a wrong hash',
      (p: Pact) => ({ ...signOf(p), hash: '0'.repeat(64) }),
      ACTORS.labOfficer,
      'STALE_REVISION',
    ],
    ['a non-participant', signOf, ACTORS.outsider, 'NOT_PARTICIPANT'],
    ['a coordinator', signOf, ACTORS.labCoordinator, 'NOT_PARTICIPANT'],
    [
      'actingFor a local party the user is no officer of',
      signOf,
      { ...ACTORS.labOfficer, actingFor: LD_SUSSEX.localPartyId },
      'NOT_PARTICIPANT',
    ],
  ])('refuses %s', (_name, command, actor: Actor, expected) => {
    const pact = proposedPact();
    expect(outcome(decide(pact, command(pact), actor, later(2)))).toBe(expected);
  });

  it('accepts an officer of two participants naming one with actingFor', () => {
    const pact = proposedPact();
    const actor = { ...ACTORS.twoHats, actingFor: LAB_LEWES.localPartyId };
    const d = decide(pact, signOf(pact), actor, later(2));
    expect(d.events[0]?.actor).toMatchObject({
      userId: 'u-two-hats',
      localPartyId: LAB_LEWES.localPartyId,
    });
  });
});

describe('purity', () => {
  it('never mutates the pact it is given', () => {
    const pact = proposedPact();
    const frozen = structuredClone(pact);
    deepFreeze(pact);
    decide(pact, signOf(pact), ACTORS.labOfficer, later(2));
    decide(pact, counterOf(pact), ACTORS.labOfficer, later(2));
    decide(pact, { type: 'expire' }, ACTORS.admin, AFTER_DEADLINE);
    expect(pact).toEqual(frozen);
  });

  it('accepts the clock as an ISO string', () => {
    const pact = proposedPact();
    const d = decide(pact, signOf(pact), ACTORS.labOfficer, '2025-03-02T10:00:00Z');
    expect(d.events[0]?.occurredAt).toBe('2025-03-02T10:00:00.000Z');
    expect(() => decide(pact, signOf(pact), ACTORS.labOfficer, 'yesterday')).toThrow(RangeError);
  });
});

function deepFreeze(value: unknown): void {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
}
