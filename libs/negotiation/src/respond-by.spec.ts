import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ACTORS,
  CONTEXT,
  LAB_LEWES,
  LD_SUSSEX,
  RESPOND_BY,
  SWAP,
  SWAP_PLUS,
  T0,
  later,
  must,
  proposedPact,
  signedPact,
} from '../test/fixtures.js';
import { MAX_RESPOND_BY_DAYS, checkRespondBy, createDraft, decide } from './index.js';

const LIMIT = { latest: '2025-03-10T15:00:00.000Z', why: 'withdrawals close on 13 March' };
const draft = (respondBy: Date | string, limit = LIMIT) =>
  createDraft(
    {
      id: 'p',
      title: 't',
      election: 'ge2024',
      contest: 'next-general',
      respondByLimit: limit,
      participants: [LD_SUSSEX, LAB_LEWES],
      terms: SWAP,
      respondBy,
      constituencyRegions: CONTEXT.constituencyRegions,
    },
    ACTORS.ldOfficer,
    T0,
  );

describe('respond-by bounded by the contest', () => {
  it('refuses a respond-by after the limit, saying why, and accepts one on it', () => {
    const late = draft('2025-03-10T15:00:01.000Z');
    expect(late).toMatchObject({ ok: false, code: 'RESPOND_BY_AFTER_DEADLINE' });
    expect(late.ok ? '' : late.message).toContain('withdrawals close on 13 March');
    expect(must(draft(LIMIT.latest)).respondBy).toBe(LIMIT.latest);
    expect(must(draft(LIMIT.latest)).contest).toBe('next-general');
  });

  it('agrees with the three rules for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5 * 86_400, max: 100 * 86_400 }), (seconds) => {
        const at = new Date(T0.getTime() + seconds * 1000);
        const ok =
          at > T0 &&
          at.getTime() <= T0.getTime() + MAX_RESPOND_BY_DAYS * 86_400_000 &&
          at.getTime() <= Date.parse(LIMIT.latest);
        expect(checkRespondBy(at, T0, LIMIT).ok).toBe(ok);
        expect(draft(at).ok).toBe(ok);
      }),
    );
  });

  it('lets a counter move respond-by within the same bounds, and keeps it otherwise', () => {
    const pact = proposedPact();
    const counter = (respondBy?: string) =>
      decide(
        pact,
        {
          type: 'counter',
          baseRevision: 1,
          terms: SWAP_PLUS,
          context: CONTEXT,
          respondBy,
          respondByLimit: { latest: RESPOND_BY.toISOString(), why: 'deadline' },
        },
        ACTORS.labOfficer,
        later(1),
      );
    const kept = counter();
    expect(must(kept).respondBy).toBe(pact.respondBy);
    expect(kept.events[0]?.payload).not.toHaveProperty('respondBy');
    const moved = counter('2025-03-12T12:00:00.000Z');
    expect(must(moved).respondBy).toBe('2025-03-12T12:00:00.000Z');
    expect(moved.events[0]?.payload).toMatchObject({ respondBy: '2025-03-12T12:00:00.000Z' });
    expect(counter('2025-03-16T12:00:00.000Z')).toMatchObject({
      ok: false,
      code: 'RESPOND_BY_AFTER_DEADLINE',
    });
    expect(counter(later(0.5).toISOString())).toMatchObject({
      ok: false,
      code: 'INVALID_RESPOND_BY',
    });
  });
});

describe('reopening a signed pact', () => {
  const counterAt = (hours: number, respondBy?: string) => {
    const signed = signedPact();
    return decide(
      signed,
      {
        type: 'counter',
        baseRevision: signed.revision.number,
        terms: SWAP_PLUS,
        context: CONTEXT,
        ...(respondBy === undefined ? {} : { respondBy }),
      },
      ACTORS.labOfficer,
      later(hours),
    );
  };

  it('takes a counter back to proposed, for everyone to sign again', () => {
    const reopened = must(counterAt(5));
    expect(reopened.status).toBe('proposed');
    expect(reopened.revision.number).toBe(2);
  });

  it('needs a new respond-by once the old one has passed (a signed pact outlives it)', () => {
    const hours = (RESPOND_BY.getTime() - T0.getTime()) / 3_600_000 + 1;
    expect(counterAt(hours)).toMatchObject({ ok: false, code: 'INVALID_RESPOND_BY' });
    const fresh = new Date(later(hours).getTime() + 7 * 86_400_000).toISOString();
    expect(must(counterAt(hours, fresh)).respondBy).toBe(fresh);
  });
});
