import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { recipientsOf, type EventFacts, type ParticipantFacts } from './recipients.js';

const LD = { localPartyId: 'ld-hastings', party: 'ld', region: 'south-east', signed: true };
const LAB = { localPartyId: 'lab-lewes', party: 'lab', region: 'south-east', signed: false };
const SLOTS = [
  { party: 'ld', region: 'south-east', approved: false },
  { party: 'lab', region: 'south-east', approved: false },
];
const people = {
  officers: (id: string) => ({ 'ld-hastings': ['ada'], 'lab-lewes': ['bob', 'cy'] })[id] ?? [],
  coordinators: (party: string) => ({ ld: ['dee'], lab: ['eve'] })[party] ?? [],
};
const event = (over: Partial<EventFacts>): EventFacts => ({
  action: 'pact.proposed',
  to: 'proposed',
  actorUserId: 'ada',
  actorLocalPartyId: 'ld-hastings',
  actorParty: 'ld',
  actorRegion: null,
  ...over,
});
const tell = (e: EventFacts, participants: ParticipantFacts[] = [LD, LAB]) =>
  Object.fromEntries(recipientsOf(e, participants, SLOTS, people).map((r) => [r.userId, r.kind]));

describe('recipientsOf', () => {
  it('tells the other side of a proposal, counter or signature', () => {
    expect(tell(event({}))).toEqual({ bob: 'pact.proposed', cy: 'pact.proposed' });
    expect(
      tell(event({ action: 'pact.countered', actorUserId: 'bob', actorLocalPartyId: 'lab-lewes' })),
    ).toEqual({ ada: 'pact.countered' });
    expect(tell(event({ action: 'pact.signed', to: 'proposed' }))).toEqual({
      bob: 'pact.signed',
      cy: 'pact.signed',
    });
  });

  it('asks the coordinators to approve when signing completes', () => {
    expect(
      tell(
        event({
          action: 'pact.signed',
          to: 'signed',
          actorUserId: 'bob',
          actorLocalPartyId: 'lab-lewes',
        }),
      ),
    ).toEqual({
      ada: 'pact.fully-signed',
      cy: 'pact.fully-signed',
      dee: 'pact.approval-needed',
      eve: 'pact.approval-needed',
    });
  });

  it('tells officers and the other coordinators of an approval, and everyone of ratification', () => {
    const byDee = {
      actorUserId: 'dee',
      actorLocalPartyId: null,
      actorParty: 'ld',
      actorRegion: 'south-east',
    };
    expect(tell(event({ action: 'pact.approved', to: 'signed', ...byDee }))).toEqual({
      ada: 'pact.approved',
      bob: 'pact.approved',
      cy: 'pact.approved',
      eve: 'pact.approved',
    });
    expect(tell(event({ action: 'pact.approved', to: 'ratified', ...byDee }))).toEqual({
      ada: 'pact.ratified',
      bob: 'pact.ratified',
      cy: 'pact.ratified',
      eve: 'pact.ratified',
    });
  });

  it('reminds only the local parties that have not signed', () => {
    expect(
      tell(event({ action: 'pact.expiring', actorUserId: null, actorLocalPartyId: null })),
    ).toEqual({
      bob: 'pact.expiring',
      cy: 'pact.expiring',
    });
  });

  it('tells a local party’s own officers what its national HQ did on its behalf', () => {
    const byHq = event({
      action: 'pact.signed',
      to: 'proposed',
      actorUserId: 'hq',
      actorRole: 'national',
      actorLocalPartyId: 'ld-hastings',
    });
    expect(tell(byHq)).toEqual({ ada: 'pact.signed', bob: 'pact.signed', cy: 'pact.signed' });
    // The same signature by Hastings's own officer is not news to Hastings.
    expect(tell({ ...byHq, actorRole: 'officer', actorUserId: 'ada' })).toEqual({
      bob: 'pact.signed',
      cy: 'pact.signed',
    });
  });

  it('never tells the person who acted, and tells each person once', () => {
    const actions = [
      'pact.proposed',
      'pact.countered',
      'pact.signed',
      'pact.approved',
      'pact.rejected',
      'pact.declined',
      'pact.withdrawn',
      'pact.expiring',
      'pact.expired',
      'pact.terminated',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...actions),
        fc.constantFrom('proposed', 'signed', 'ratified'),
        fc.constantFrom('ada', 'bob', 'cy', 'dee', 'eve'),
        (action, to, actor) => {
          const list = recipientsOf(
            event({ action, to, actorUserId: actor }),
            [LD, LAB],
            SLOTS,
            people,
          );
          const ids = list.map((r) => r.userId);
          return !ids.includes(actor) && new Set(ids).size === ids.length;
        },
      ),
    );
  });
});
