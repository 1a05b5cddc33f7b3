import { describe, expect, it } from '@jest/globals';
import { hashCanonical } from '@pactroom/audit-chain';
import {
  ACTORS,
  CONTEXT,
  INVALID,
  LAB_LEWES,
  LD_SUSSEX,
  RESPOND_BY,
  SWAP,
  T0,
  must,
  outcome,
} from '../test/fixtures.js';
import { createDraft, normalizeTerms, termsHash } from './index.js';

describe('createDraft', () => {
  const input = {
    id: 'p',
    title: 't',
    election: 'ge2017',
    contest: 'ge2019',
    participants: [LD_SUSSEX, LAB_LEWES],
    terms: SWAP,
    respondBy: RESPOND_BY,
    constituencyRegions: CONTEXT.constituencyRegions,
  };

  it('creates revision 1, unsigned, with its hash and required slots, and one drafted event', () => {
    const d = createDraft(input, ACTORS.ldOfficer, T0);
    const pact = must(d);
    expect(pact).toMatchObject({
      status: 'draft',
      authorLocalPartyId: LD_SUSSEX.localPartyId,
      revision: { number: 1, hash: termsHash(SWAP) },
      signatures: [],
      proposedAt: null,
      requiredApprovals: [
        { party: 'lab', region: 'south-east' },
        { party: 'ld', region: 'south-east' },
      ],
    });
    expect(pact.revision.hash).toBe(hashCanonical(normalizeTerms(SWAP)));
    expect(d.events).toEqual([
      expect.objectContaining({
        action: 'pact.drafted',
        occurredAt: T0.toISOString(),
        actor: {
          userId: 'u-ld-officer',
          role: 'officer',
          localPartyId: LD_SUSSEX.localPartyId,
          party: 'ld',
          region: null,
        },
      }),
    ]);
  });

  it.each([
    ['one participant', { participants: [LD_SUSSEX] }, ACTORS.ldOfficer, 'INVALID_PARTICIPANTS'],
    [
      'a repeated participant',
      { participants: [LD_SUSSEX, LD_SUSSEX] },
      ACTORS.ldOfficer,
      'INVALID_PARTICIPANTS',
    ],
    ['an outsider', {}, ACTORS.outsider, 'NOT_PARTICIPANT'],
    ['a coordinator', {}, ACTORS.ldCoordinator, 'NOT_PARTICIPANT'],
    ['an officer of two participants', {}, ACTORS.twoHats, 'AMBIGUOUS_ACTOR'],
    ['a past deadline', { respondBy: T0 }, ACTORS.ldOfficer, 'INVALID_RESPOND_BY'],
    ['invalid terms', { terms: INVALID }, ACTORS.ldOfficer, 'INVALID_TERMS'],
  ])('refuses %s', (_name, change, actor, expected) => {
    expect(outcome(createDraft({ ...input, ...change }, actor, T0))).toBe(expected);
  });

  it('lets an officer of two participants pick the author with actingFor', () => {
    const actor = { ...ACTORS.twoHats, actingFor: LAB_LEWES.localPartyId };
    expect(must(createDraft(input, actor, T0)).authorLocalPartyId).toBe(LAB_LEWES.localPartyId);
  });
});
