import { describe, expect, it } from '@jest/globals';
import {
  ACTORS,
  AFTER_DEADLINE,
  CONTEXT,
  LAB_CEREDIGION,
  LAB_LEWES,
  LD_SUSSEX,
  RESPOND_BY,
  SWAP_WALES,
  approveOf,
  draftPact,
  later,
  must,
  outcome,
  proposedPact,
  ratifiedPact,
  run,
  signOf,
  signedPact,
} from '../test/fixtures.js';
import { decide, expireIfDue, isPastRespondBy } from './index.js';

describe('approve and reject', () => {
  it('ratifies once every required slot has approved the signed revision', () => {
    const pact = signedPact();
    const once = must(decide(pact, approveOf(pact), ACTORS.ldCoordinator, later(3)));
    expect(once.status).toBe('signed');
    const d = decide(once, approveOf(once), ACTORS.labCoordinator, later(4));
    expect(d).toMatchObject({ ok: true, pact: { status: 'ratified' } });
    expect(d.events[0]).toMatchObject({
      action: 'pact.approved',
      actor: { role: 'coordinator', party: 'lab', region: 'south-east', localPartyId: null },
      payload: { from: 'signed', to: 'ratified' },
    });
  });

  it('treats a repeated approval as a no-op', () => {
    const pact = signedPact();
    const once = must(decide(pact, approveOf(pact), ACTORS.ldCoordinator, later(3)));
    expect(decide(once, approveOf(once), ACTORS.ldCoordinator, later(4))).toMatchObject({
      ok: true,
      changed: false,
    });
  });

  it.each([
    [
      'a coordinator of a non-participating party',
      ACTORS.greenCoordinator,
      'NOT_REQUIRED_APPROVER',
    ],
    [
      'a coordinator of a region the pact does not touch',
      ACTORS.labWalesCoordinator,
      'NOT_REQUIRED_APPROVER',
    ],
    ['an officer', ACTORS.ldOfficer, 'NOT_REQUIRED_APPROVER'],
  ])('refuses %s', (_name, actor, expected) => {
    const pact = signedPact();
    expect(outcome(decide(pact, approveOf(pact), actor, later(3)))).toBe(expected);
    expect(outcome(decide(pact, { type: 'reject', reason: 'x' }, actor, later(3)))).toBe(expected);
  });

  it('refuses a stale approval', () => {
    const pact = signedPact();
    expect(
      outcome(
        decide(pact, { ...approveOf(pact), hash: 'f'.repeat(64) }, ACTORS.ldCoordinator, later(3)),
      ),
    ).toBe('STALE_REVISION');
  });

  it('asks a coordinator holding two required slots to name one', () => {
    const draft = draftPact(SWAP_WALES, [LD_SUSSEX, LAB_LEWES, LAB_CEREDIGION]);
    let pact = run(draft, [[ACTORS.ldOfficer, { type: 'propose', context: CONTEXT }]]);
    pact = run(pact, [
      [ACTORS.labOfficer, signOf(pact)],
      [ACTORS.walesOfficer, signOf(pact)],
    ]);
    expect(pact.status).toBe('signed');
    expect(outcome(decide(pact, approveOf(pact), ACTORS.labBothCoordinator, later(5)))).toBe(
      'AMBIGUOUS_ACTOR',
    );
    const actor = { ...ACTORS.labBothCoordinator, actingFor: { party: 'lab', region: 'wales' } };
    const after = must(decide(pact, approveOf(pact), actor, later(5)));
    expect(after.approvals).toEqual([expect.objectContaining({ party: 'lab', region: 'wales' })]);
  });

  it('lets a required coordinator reject a signed pact', () => {
    const d = decide(
      signedPact(),
      { type: 'reject', reason: 'too risky' },
      ACTORS.ldCoordinator,
      later(3),
    );
    expect(d).toMatchObject({ ok: true, pact: { status: 'rejected' } });
    expect(d.events[0]?.payload).toEqual({ from: 'signed', to: 'rejected', reason: 'too risky' });
  });
});

describe('decline, withdraw and terminate', () => {
  it('lets only the author withdraw a draft', () => {
    expect(outcome(decide(draftPact(), { type: 'withdraw' }, ACTORS.labOfficer, later(1)))).toBe(
      'NOT_AUTHOR',
    );
    expect(outcome(decide(draftPact(), { type: 'withdraw' }, ACTORS.ldOfficer, later(1)))).toBe(
      'changed',
    );
  });

  it('lets any participant officer decline or withdraw a proposal, recording a blank reason as null', () => {
    const d = decide(
      proposedPact(),
      { type: 'decline', reason: '  ' },
      ACTORS.labOfficer,
      later(2),
    );
    expect(d.events[0]?.payload).toEqual({ from: 'proposed', to: 'declined', reason: null });
    expect(outcome(decide(proposedPact(), { type: 'withdraw' }, ACTORS.labOfficer, later(2)))).toBe(
      'changed',
    );
    expect(outcome(decide(proposedPact(), { type: 'decline' }, ACTORS.outsider, later(2)))).toBe(
      'NOT_PARTICIPANT',
    );
  });

  it('does not let a signed pact be withdrawn or declined', () => {
    expect(outcome(decide(signedPact(), { type: 'withdraw' }, ACTORS.ldOfficer, later(3)))).toBe(
      'WRONG_STATE',
    );
    expect(outcome(decide(signedPact(), { type: 'decline' }, ACTORS.ldOfficer, later(3)))).toBe(
      'WRONG_STATE',
    );
  });

  it.each([
    ['a participant officer', ACTORS.labOfficer, 'changed'],
    [
      'a coordinator of a participating party in the pact’s region',
      ACTORS.ldCoordinator,
      'changed',
    ],
    [
      'a coordinator of a participating party elsewhere',
      ACTORS.ldWalesCoordinator,
      'NOT_PARTICIPANT',
    ],
    ['a coordinator of another party', ACTORS.greenCoordinator, 'NOT_PARTICIPANT'],
    ['a member', ACTORS.labMember, 'NOT_PARTICIPANT'],
    ['an officer of two participants', ACTORS.twoHats, 'AMBIGUOUS_ACTOR'],
  ])('lets a ratified pact be terminated by %s? → %s', (_name, actor, expected) => {
    expect(
      outcome(
        decide(ratifiedPact(), { type: 'terminate', reason: 'seat redrawn' }, actor, later(9)),
      ),
    ).toBe(expected);
  });

  it('requires a reason to terminate', () => {
    expect(
      outcome(
        decide(ratifiedPact(), { type: 'terminate', reason: ' ' }, ACTORS.labOfficer, later(9)),
      ),
    ).toBe('REASON_REQUIRED');
    expect(
      outcome(decide(ratifiedPact(), { type: 'terminate' }, ACTORS.labOfficer, later(9))),
    ).toBe('REASON_REQUIRED');
  });
});

describe('expiry', () => {
  it('answers PACT_EXPIRED to any command once the deadline has passed unsigned', () => {
    const pact = proposedPact();
    expect(isPastRespondBy(pact, AFTER_DEADLINE)).toBe(true);
    expect(isPastRespondBy(pact, RESPOND_BY)).toBe(false);
    expect(outcome(decide(pact, signOf(pact), ACTORS.labOfficer, AFTER_DEADLINE))).toBe(
      'PACT_EXPIRED',
    );
    expect(
      outcome(
        decide(
          draftPact(),
          { type: 'propose', context: CONTEXT },
          ACTORS.ldOfficer,
          AFTER_DEADLINE,
        ),
      ),
    ).toBe('PACT_EXPIRED');
  });

  it('expires by the clock, with a system actor', () => {
    const d = decide(proposedPact(), { type: 'expire' }, ACTORS.labMember, AFTER_DEADLINE);
    expect(d.events[0]).toMatchObject({
      action: 'pact.expired',
      actor: { userId: null, role: 'system' },
      payload: { from: 'proposed', to: 'expired', respondBy: RESPOND_BY.toISOString() },
    });
  });

  it('refuses to expire early, and expireIfDue is a no-op then', () => {
    expect(outcome(decide(proposedPact(), { type: 'expire' }, ACTORS.admin, later(2)))).toBe(
      'NOT_DUE',
    );
    expect(outcome(expireIfDue(proposedPact(), later(2)))).toBe('unchanged');
    expect(outcome(expireIfDue(proposedPact(), AFTER_DEADLINE))).toBe('changed');
  });

  it('does not expire a signed pact: its coordinators can still approve', () => {
    const pact = signedPact();
    expect(outcome(expireIfDue(pact, AFTER_DEADLINE))).toBe('unchanged');
    expect(outcome(decide(pact, approveOf(pact), ACTORS.ldCoordinator, AFTER_DEADLINE))).toBe(
      'changed',
    );
  });
});
