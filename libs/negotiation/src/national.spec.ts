// A national grant (a party's HQ, or a nation's: Welsh Labour) acts as an officer of every local
// party of its party it covers: it drafts, signs and counters for them, sees what they see, and the
// audit trail records the HQ acting for the local party. Coordinators still approve.
import { describe, expect, it } from '@jest/globals';
import {
  ACTORS,
  CONTEXT,
  LAB_CEREDIGION,
  LAB_LEWES,
  LD_SUSSEX,
  SWAP,
  SWAP_WALES,
  approveOf,
  draftPact,
  later,
  must,
  outcome,
  run,
  signOf,
} from '../test/fixtures.js';
import {
  canView,
  commandIdentities,
  decide,
  listKeysFor,
  listKeysOf,
  officerIdentities,
  type Actor,
} from './index.js';

const acting = (actor: Actor, actingFor: Actor['actingFor']): Actor => ({ ...actor, actingFor });
const threeWay = () => draftPact(SWAP_WALES, [LD_SUSSEX, LAB_LEWES, LAB_CEREDIGION]);

describe('whom a national grant acts for', () => {
  it('covers every local party of its party, or only those of its nation', () => {
    const pact = threeWay();
    const localParties = (actor: Actor) =>
      officerIdentities(pact, actor).map((o) => (o.role === 'officer' ? o.localPartyId : ''));
    expect(localParties(ACTORS.ldNational)).toEqual([LD_SUSSEX.localPartyId]);
    expect(localParties(ACTORS.labWalesNational)).toEqual([LAB_CEREDIGION.localPartyId]);
    expect(localParties(ACTORS.greenNational)).toEqual([]);
    const labHq: Actor = { userId: 'u-lab-hq', grants: [{ role: 'national', party: 'lab' }] };
    expect(localParties(labHq)).toEqual([LAB_LEWES.localPartyId, LAB_CEREDIGION.localPartyId]);
  });

  it('yields to an officer grant of the same local party (the narrower capacity)', () => {
    const both: Actor = {
      userId: 'u-both',
      grants: [...ACTORS.ldNational.grants, ...ACTORS.ldOfficer.grants],
    };
    expect(officerIdentities(threeWay(), both)).toEqual([
      { role: 'officer', localPartyId: LD_SUSSEX.localPartyId, party: 'ld' },
    ]);
  });
});

describe('a national HQ in a negotiation', () => {
  it('drafts and proposes for a local party it covers; the trail names the HQ', () => {
    const draft = draftPact(SWAP, [LD_SUSSEX, LAB_LEWES], ACTORS.ldNational);
    expect(draft.authorLocalPartyId).toBe(LD_SUSSEX.localPartyId);
    const proposed = decide(
      draft,
      { type: 'propose', context: CONTEXT },
      ACTORS.ldNational,
      later(1),
    );
    expect(must(proposed).signatures.map((s) => s.localPartyId)).toEqual([LD_SUSSEX.localPartyId]);
    expect(proposed.events.map((e) => e.actor)).toEqual([
      {
        userId: 'u-ld-hq',
        role: 'national',
        localPartyId: LD_SUSSEX.localPartyId,
        party: 'ld',
        region: null,
      },
    ]);
  });

  it('sees a draft of a local party it covers, and nobody else’s', () => {
    const draft = draftPact();
    expect(canView(draft, ACTORS.ldNational)).toBe(true);
    expect(canView(draft, ACTORS.labWalesNational)).toBe(false);
    const filed = new Set(listKeysOf(draft));
    expect(listKeysFor(ACTORS.ldNational).keys.some((k) => filed.has(k))).toBe(true);
    expect(listKeysFor(ACTORS.labWalesNational).keys.some((k) => filed.has(k))).toBe(false);
  });

  it('sees a proposed pact with a local party of its nation, by the same keys', () => {
    const pact = run(threeWay(), [[ACTORS.ldOfficer, { type: 'propose', context: CONTEXT }]]);
    for (const actor of [ACTORS.labWalesNational, ACTORS.ldNational]) {
      expect(canView(pact, actor)).toBe(true);
      const filed = new Set(listKeysOf(pact));
      expect(listKeysFor(actor).keys.some((k) => filed.has(k))).toBe(true);
    }
    expect(canView(pact, ACTORS.greenNational)).toBe(false);
  });

  it('signs for the local parties it covers, in its nation only', () => {
    const labHq: Actor = { userId: 'u-lab-hq', grants: [{ role: 'national', party: 'lab' }] };
    const pact = run(threeWay(), [[ACTORS.ldOfficer, { type: 'propose', context: CONTEXT }]]);
    const lewes = acting(ACTORS.labWalesNational, [LAB_LEWES.localPartyId]);
    expect(outcome(decide(pact, signOf(pact), lewes, later(2)))).toBe('NOT_PARTICIPANT');
    const d = decide(
      pact,
      signOf(pact),
      acting(labHq, [LAB_LEWES.localPartyId, LAB_CEREDIGION.localPartyId]),
      later(2),
    );
    expect(must(d).status).toBe('signed');
    expect(d.events.map((e) => [e.actor.role, e.actor.localPartyId])).toEqual([
      ['national', LAB_LEWES.localPartyId],
      ['national', LAB_CEREDIGION.localPartyId],
    ]);
  });

  it('never approves: its region’s coordinators still ratify', () => {
    const signed = run(draftPact(), [
      [ACTORS.ldNational, { type: 'propose', context: CONTEXT }],
      [ACTORS.labOfficer, signOf(draftPact())],
    ]);
    expect(signed.status).toBe('signed');
    expect(commandIdentities(signed, 'approve', ACTORS.ldNational)).toEqual([]);
    expect(outcome(decide(signed, approveOf(signed), ACTORS.ldNational, later(3)))).toBe(
      'NOT_REQUIRED_APPROVER',
    );
    const ratified = run(signed, [
      [ACTORS.ldCoordinator, approveOf(signed)],
      [ACTORS.labCoordinator, approveOf(signed)],
    ]);
    expect(ratified.status).toBe('ratified');
  });
});
