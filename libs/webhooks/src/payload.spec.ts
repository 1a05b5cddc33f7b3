import { describe, expect, it } from '@jest/globals';
import { webhookPayload, type WebhookPayloadInput } from './payload.js';

const input: WebhookPayloadInput = {
  event: {
    id: 'e1',
    kind: 'pact.signed',
    occurredAt: new Date('2026-12-01T10:00:00Z'),
    data: { from: 'proposed', to: 'signed', reason: 'internal note', actorLocalPartyId: 'lp1' },
  },
  pact: {
    id: 'p1',
    title: 'Hastings for Lewes',
    status: 'signed',
    electionCode: 'ge2029',
    currentRevision: 2,
    participants: [
      { localPartyName: 'Hastings Liberal Democrats', party: 'ld' },
      { localPartyName: 'Lewes Labour', party: 'lab' },
    ],
  },
  actor: { name: 'Ann Officer', localPartyName: 'Lewes Labour', party: 'lab' },
  audienceParty: 'lab',
  publicUrl: 'https://pactroom.example',
};

describe('webhookPayload', () => {
  it('carries the pact headline, a link and the actor named to their own party', () => {
    expect(webhookPayload(input)).toEqual({
      id: 'e1',
      type: 'pact.signed',
      occurredAt: '2026-12-01T10:00:00.000Z',
      change: { from: 'proposed', to: 'signed' },
      pact: {
        id: 'p1',
        title: 'Hastings for Lewes',
        status: 'signed',
        election: 'ge2029',
        url: 'https://pactroom.example/pact/p1',
        participants: [
          { localParty: 'Hastings Liberal Democrats', party: 'ld' },
          { localParty: 'Lewes Labour', party: 'lab' },
        ],
        revision: 2,
      },
      actor: { name: 'Ann Officer', localParty: 'Lewes Labour', party: 'lab' },
    });
  });

  it('names no person of another party and carries no reason or internal ids', () => {
    const body = webhookPayload({ ...input, audienceParty: 'ld' });
    expect(body.actor).toEqual({ localParty: 'Lewes Labour', party: 'lab' });
    expect(JSON.stringify(body)).not.toMatch(/internal note|lp1|Ann Officer/);
  });
});
