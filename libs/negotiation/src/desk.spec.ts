import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { arrangeDesk, askedOf, timeLeft, type DeskPact } from './desk.js';
import { PACT_COMMAND_TYPES } from './states.js';

const pact = (id: string, updatedAt: string, allowed: DeskPact['allowedCommands']): DeskPact => ({
  id,
  status: 'proposed',
  allowedCommands: allowed,
  updatedAt,
  respondBy: '2027-01-01T00:00:00.000Z',
});

describe('the desk', () => {
  it('puts what waits for the viewer first, each part by what last happened', () => {
    const desk = arrangeDesk([
      pact('a', '2026-11-01T10:00:00.000Z', ['sign', 'withdraw']),
      pact('b', '2026-11-03T10:00:00.000Z', ['withdraw']),
      pact('c', '2026-11-02T10:00:00.000Z', ['approve', 'reject']),
      pact('d', '2026-11-04T10:00:00.000Z', []),
    ]);
    expect(desk.waiting.map((p) => p.id)).toEqual(['c', 'a']);
    expect(desk.live.map((p) => p.id)).toEqual(['d', 'b']);
  });

  it('asks only for answers: propose, sign, counter, approve', () => {
    expect(askedOf(pact('a', '', ['decline', 'counter', 'withdraw', 'sign']))).toEqual([
      'counter',
      'sign',
    ]);
    expect(askedOf(pact('a', '', ['terminate', 'reject', 'decline']))).toEqual([]);
  });

  it('keeps every pact exactly once, in order of recency', () => {
    const arb = fc.array(
      fc.record({
        id: fc.uuid(),
        t: fc.integer({ min: 0, max: 10 ** 12 }),
        allowed: fc.subarray([...PACT_COMMAND_TYPES]),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const pacts = rows.map((r) => pact(r.id, new Date(r.t).toISOString(), r.allowed));
        const desk = arrangeDesk(pacts);
        expect(desk.waiting.length + desk.live.length).toBe(pacts.length);
        for (const part of [desk.waiting, desk.live]) {
          const times = part.map((p) => p.updatedAt);
          expect(times).toEqual([...times].sort().reverse());
        }
      }),
    );
  });

  it('says how long is left in words', () => {
    const now = new Date('2026-11-30T12:00:00.000Z');
    expect(timeLeft('2026-12-02T15:30:00.000Z', now)).toBe('2 days 3 hours');
    expect(timeLeft('2026-12-01T12:00:00.000Z', now)).toBe('1 day');
    expect(timeLeft('2026-11-30T13:01:00.000Z', now)).toBe('1 hour 1 minute');
    expect(timeLeft('2026-11-30T12:00:30.000Z', now)).toBe('less than a minute');
    expect(timeLeft('2026-11-30T11:00:00.000Z', now)).toBe('past its respond-by');
  });
});
