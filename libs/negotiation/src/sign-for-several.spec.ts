// An officer holding several participating branches signs for them in one `sign`: with no actingFor
// when only one of them is left to sign, or by listing them. The outcome is that of signing for each
// in turn, all or nothing.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ACTORS,
  BRIGHTON_PAVILION,
  CONFLICTING,
  CONTEXT,
  LAB_CEREDIGION,
  LAB_LEWES,
  LD_SUSSEX,
  OUTSIDE_LP,
  SWAP,
  draftPact,
  later,
  must,
  outcome,
  proposedPact,
  run,
  signOf,
} from '../test/fixtures.js';
import {
  completesSigning,
  decide,
  resolveSigners,
  type Actor,
  type Decision,
  type Pact,
  type PactEvent,
  type Participant,
  type Terms,
} from './index.js';

const officer = (userId: string, ...lps: readonly Participant[]): Actor => ({
  userId,
  grants: lps.map((p) => ({ role: 'officer', party: p.party, localPartyId: p.localPartyId })),
});
const acting = (actor: Actor, actingFor: Actor['actingFor']): Actor => ({ ...actor, actingFor });

/** Three participants proposed by Ceredigion Labour: East Sussex LDs and Lewes Labour unsigned. */
const threeWay = (terms: Terms = SWAP, otherPacts = CONTEXT.otherPacts) =>
  run(draftPact(terms, [LD_SUSSEX, LAB_LEWES, LAB_CEREDIGION], ACTORS.walesOfficer), [
    [ACTORS.walesOfficer, { type: 'propose', context: { ...CONTEXT, otherPacts } }],
  ]);
const BOTH = [LD_SUSSEX.localPartyId, LAB_LEWES.localPartyId];

describe('sign with no actingFor, for an officer of several participants', () => {
  it('signs for the only one of their local parties still to sign', () => {
    const pact = proposedPact(); // the LDs signed by proposing
    const d = decide(pact, signOf(pact), ACTORS.twoHats, later(2));
    expect(must(d).status).toBe('signed');
    expect(d.events).toHaveLength(1);
    expect(d.events[0]?.actor).toMatchObject({ localPartyId: LAB_LEWES.localPartyId });
  });

  it('is a repeat (no-op) once all of them have signed', () => {
    const pact = must(decide(proposedPact(), signOf(proposedPact()), ACTORS.twoHats, later(2)));
    expect(outcome(decide(pact, signOf(pact), ACTORS.twoHats, later(3)))).toBe('unchanged');
  });

  it('asks which when two or more are still to sign', () => {
    const pact = threeWay();
    const d = decide(pact, signOf(pact), ACTORS.twoHats, later(2));
    expect(d).toMatchObject({ ok: false, code: 'AMBIGUOUS_ACTOR' });
    expect(d.ok ? '' : d.message).toContain('list them');
  });
});

describe('sign with a list of local parties', () => {
  it('signs for each, one signature and one event per local party, in the order named', () => {
    const pact = threeWay();
    const listed = [LAB_LEWES.localPartyId, LD_SUSSEX.localPartyId];
    const d = decide(pact, signOf(pact), acting(ACTORS.twoHats, listed), later(2));
    const after = must(d);
    expect(after.status).toBe('signed');
    expect(d.events.map((e) => [e.actor.localPartyId, e.payload])).toEqual([
      [LAB_LEWES.localPartyId, expect.objectContaining({ from: 'proposed', to: 'proposed' })],
      [LD_SUSSEX.localPartyId, expect.objectContaining({ from: 'proposed', to: 'signed' })],
    ]);
    const current = after.signatures.filter((s) => s.revision === pact.revision.number);
    expect(current.map((s) => [s.localPartyId, s.userId])).toEqual([
      [LAB_CEREDIGION.localPartyId, 'u-wales-officer'],
      [LAB_LEWES.localPartyId, 'u-two-hats'],
      [LD_SUSSEX.localPartyId, 'u-two-hats'],
    ]);
  });

  it('skips those already signed, and repeats of an id; all signed is a no-op', () => {
    const pact = proposedPact();
    const actor = acting(ACTORS.twoHats, [...BOTH, LAB_LEWES.localPartyId]);
    const d = decide(pact, signOf(pact), actor, later(2));
    expect(d.events.map((e) => e.actor.localPartyId)).toEqual([LAB_LEWES.localPartyId]);
    const again = decide(must(d), signOf(pact), actor, later(3));
    expect(outcome(again)).toBe('unchanged');
  });

  it('is one id when it lists one', () => {
    const pact = threeWay();
    const d = decide(
      pact,
      signOf(pact),
      acting(ACTORS.twoHats, [LAB_LEWES.localPartyId]),
      later(2),
    );
    expect(must(d).status).toBe('proposed');
    expect(d.events.map((e) => e.actor.localPartyId)).toEqual([LAB_LEWES.localPartyId]);
  });

  it.each([
    [
      'a participant they are no officer of',
      [LAB_LEWES.localPartyId, LAB_CEREDIGION.localPartyId],
      'actingFor[1]: you are not an officer of local party lp-lab-ceredigion',
      { field: 'actingFor[1]', localPartyId: LAB_CEREDIGION.localPartyId },
    ],
    [
      'a local party not in the pact',
      [OUTSIDE_LP.localPartyId, LAB_LEWES.localPartyId],
      'actingFor[0]: local party lp-green-brighton does not take part in this pact',
      { field: 'actingFor[0]', localPartyId: OUTSIDE_LP.localPartyId },
    ],
  ])('refuses, naming the item, a list with %s', (_name, listed, message, item) => {
    const pact = threeWay();
    const actor: Actor = {
      ...ACTORS.twoHats,
      grants: [...ACTORS.twoHats.grants, ...officer('x', OUTSIDE_LP).grants],
      actingFor: listed,
    };
    const d = decide(pact, signOf(pact), actor, later(2));
    expect(d).toEqual({ ok: false, code: 'NOT_PARTICIPANT', message, item, events: [] });
  });

  it('refuses an empty list', () => {
    const pact = threeWay();
    expect(outcome(decide(pact, signOf(pact), acting(ACTORS.twoHats, []), later(2)))).toBe(
      'NOT_PARTICIPANT',
    );
  });

  it('signs nothing when the revision is stale', () => {
    const pact = threeWay();
    const d = decide(
      pact,
      { ...signOf(pact), revision: 2 },
      acting(ACTORS.twoHats, BOTH),
      later(2),
    );
    expect(outcome(d)).toBe('STALE_REVISION');
  });

  it('keeps no signature when the completing one is refused (all or nothing)', () => {
    // Proposed when no pact held Eastbourne; by now one does, with Labour as its beneficiary.
    const pact = threeWay(CONFLICTING, []);
    const d = decide(pact, signOf(pact), acting(ACTORS.twoHats, BOTH), later(2));
    expect(d).toMatchObject({ ok: false, code: 'CONFLICTING_PACT', events: [] });
  });

  it('is for `sign` only: another command listing two local parties is ambiguous', () => {
    const pact = threeWay();
    const actor = acting(ACTORS.twoHats, BOTH);
    expect(outcome(decide(pact, { type: 'decline', reason: 'no' }, actor, later(2)))).toBe(
      'AMBIGUOUS_ACTOR',
    );
    const one = acting(ACTORS.twoHats, [LAB_LEWES.localPartyId]);
    const declined = decide(pact, { type: 'decline', reason: 'no' }, one, later(2));
    expect(declined.events[0]?.actor.localPartyId).toBe(LAB_LEWES.localPartyId);
  });
});

describe('completesSigning for an actor', () => {
  it('is true when the local parties signed for are all that is left', () => {
    const pact = threeWay();
    expect(completesSigning(pact)).toBe(false);
    expect(completesSigning(pact, acting(ACTORS.twoHats, BOTH))).toBe(true);
    expect(completesSigning(pact, acting(ACTORS.twoHats, [LD_SUSSEX.localPartyId]))).toBe(false);
    expect(completesSigning(pact, ACTORS.twoHats)).toBe(false); // ambiguous: refused anyway
    const proposed = proposedPact();
    expect(completesSigning(proposed, ACTORS.twoHats)).toBe(true);
    expect(completesSigning(proposed, ACTORS.outsider)).toBe(false);
  });

  it('matches resolveSigners', () => {
    const resolved = resolveSigners(threeWay(), acting(ACTORS.twoHats, BOTH));
    expect(resolved.ok && resolved.identities.length).toBe(2);
  });
});

// --- Property: one call for a list ends where signing for each in turn ends. ---

const PARTIES = ['lab', 'ld', 'green'] as const;
const extra = (i: number, party: string): Participant => ({
  localPartyId: `lp-extra-${i}`,
  party,
  region: 'south-east',
  constituencies: [BRIGHTON_PAVILION],
});

interface Scenario {
  readonly extras: readonly string[];
  readonly conflicting: boolean;
  readonly preSigned: readonly number[];
  readonly held: readonly number[];
  readonly listed: readonly number[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  extras: fc.array(fc.constantFrom(...PARTIES), { maxLength: 4 }),
  conflicting: fc.boolean(),
  preSigned: fc.array(fc.nat({ max: 5 }), { maxLength: 2 }),
  held: fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 6 }),
  listed: fc.array(fc.nat({ max: 60 }), { maxLength: 6 }),
});

/** Signs for each listed id in turn (the old way), stopping at the first refusal. */
function signInTurn(
  pact: Pact,
  actor: Actor,
  ids: readonly string[],
): { pact: Pact; events: PactEvent[] } | Decision {
  let current = pact;
  const events: PactEvent[] = [];
  for (const id of ids) {
    const d = decide(current, signOf(pact), acting(actor, id), later(9));
    if (!d.ok) {
      return d;
    }
    current = d.pact;
    events.push(...d.events);
  }
  return { pact: current, events };
}

describe('property', () => {
  it('signing for a list in one call = signing for each in turn (or the same refusal)', () => {
    let several = 0; // runs that signed for two or more at once: the case this is about
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const participants = [LD_SUSSEX, LAB_LEWES, ...s.extras.map((p, i) => extra(i, p))];
        const terms = s.conflicting ? CONFLICTING : SWAP;
        let pact = run(draftPact(terms, participants), [
          [ACTORS.ldOfficer, { type: 'propose', context: { ...CONTEXT, otherPacts: [] } }],
        ]);
        for (const i of s.preSigned) {
          const p = participants[i % participants.length];
          if (p !== undefined && p !== LD_SUSSEX) {
            const d = decide(pact, signOf(pact), officer(`u-${p.localPartyId}`, p), later(1));
            if (d.ok && pact.status === 'proposed') {
              pact = d.pact;
            }
          }
        }
        const heldLps = s.held.flatMap((i) => participants[i % participants.length] ?? []);
        const multi = officer('u-multi', ...heldLps, OUTSIDE_LP);
        // Mostly the officer's own branches; now and then one they may not sign for: another
        // participant, their branch outside the pact, or a local party nobody holds.
        const ids = s.listed.map((i) => {
          const own = heldLps[i % heldLps.length]?.localPartyId ?? 'lp-x';
          const other = participants[i % participants.length]?.localPartyId ?? 'lp-x';
          return i < 58 ? own : i === 58 ? other : i === 59 ? OUTSIDE_LP.localPartyId : 'lp-x';
        });

        const once = decide(pact, signOf(pact), acting(multi, ids), later(9));
        if (ids.length === 0) {
          return !once.ok && once.events.length === 0;
        }
        const turn = signInTurn(pact, multi, ids);
        if ('ok' in turn) {
          // Refused in turn → refused at once, nothing kept. The codes agree when every id is one
          // of the officer's participants; otherwise the call is refused before any signing.
          expect(once).toMatchObject({ ok: false, events: [] });
          const own = new Set(heldLps.map((p) => p.localPartyId));
          if (ids.every((id) => own.has(id))) {
            expect(outcome(once)).toBe(outcome(turn));
          }
          return true;
        }
        expect(once.ok).toBe(true);
        expect(once.ok ? once.pact : null).toEqual(turn.pact);
        expect(once.events).toEqual(turn.events);
        several += once.events.length >= 2 ? 1 : 0;
        // …and a repeat of the same call changes nothing.
        if (once.ok && once.pact.status === 'signed') {
          expect(outcome(decide(once.pact, signOf(pact), acting(multi, ids), later(10)))).toBe(
            'unchanged',
          );
        }
        return true;
      }),
      { numRuns: 400 },
    );
    expect(several).toBeGreaterThan(10);
  });

  it('no actingFor: with exactly one branch unsigned it signs that one; two or more ask which', () => {
    fc.assert(
      fc.property(fc.subarray([LD_SUSSEX, LAB_LEWES, LAB_CEREDIGION], { minLength: 1 }), (held) => {
        const pact = threeWay();
        const actor = officer('u-held', ...held);
        const unsigned = held.filter((p) => p !== LAB_CEREDIGION);
        const d = decide(pact, signOf(pact), actor, later(2));
        if (held.length === 1) {
          return outcome(d) === (unsigned.length === 1 ? 'changed' : 'unchanged');
        }
        if (unsigned.length === 1) {
          return d.events.map((e) => e.actor.localPartyId).join() === unsigned[0]?.localPartyId;
        }
        return outcome(d) === (unsigned.length === 0 ? 'unchanged' : 'AMBIGUOUS_ACTOR');
      }),
    );
  });
});
