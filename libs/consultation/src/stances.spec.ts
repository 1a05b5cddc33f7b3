import { describe, expect, it } from '@jest/globals';
import {
  MAX_REASON_LENGTH,
  checkStance,
  latestStances,
  tally,
  type StanceRecord,
} from './index.js';

describe('checkStance', () => {
  it('trims the reason and turns an empty one into null', () => {
    expect(checkStance('agree', '  fine by me \n')).toEqual({ ok: true, reason: 'fine by me' });
    expect(checkStance('agree', '   ')).toEqual({ ok: true, reason: null });
    expect(checkStance('abstain', undefined)).toEqual({ ok: true, reason: null });
    expect(checkStance('abstain', null)).toEqual({ ok: true, reason: null });
  });

  it('requires a reason to disagree or block', () => {
    for (const stance of ['disagree', 'block'] as const) {
      for (const reason of [null, undefined, '', ' \t\n ']) {
        expect(checkStance(stance, reason)).toEqual({
          ok: false,
          code: 'REASON_REQUIRED',
          message: expect.stringContaining(stance),
        });
      }
      expect(checkStance(stance, ' Lewes was not asked ')).toEqual({
        ok: true,
        reason: 'Lewes was not asked',
      });
    }
  });

  it(`keeps reasons up to ${MAX_REASON_LENGTH} characters, after trimming`, () => {
    const longest = 'x'.repeat(MAX_REASON_LENGTH);
    expect(checkStance('block', `  ${longest}  `)).toEqual({ ok: true, reason: longest });
    for (const stance of ['agree', 'abstain', 'disagree', 'block'] as const) {
      expect(checkStance(stance, `${longest}y`)).toMatchObject({
        ok: false,
        code: 'REASON_TOO_LONG',
      });
    }
  });

  it('counts characters, not UTF-16 units', () => {
    // Each emoji is two UTF-16 code units but one character, as PostgreSQL counts it.
    const emoji = '🌹'.repeat(MAX_REASON_LENGTH);
    expect(checkStance('disagree', emoji)).toEqual({ ok: true, reason: emoji });
    expect(checkStance('disagree', `${emoji}🌹`)).toMatchObject({ code: 'REASON_TOO_LONG' });
  });
});

describe('latestStances and tally', () => {
  const r = (voter: string, stance: StanceRecord['stance']): StanceRecord => ({
    voter,
    stance,
    reason: 'r',
    at: '2026-12-01T10:00:00Z',
  });

  it('lets the later record win, whatever its timestamp', () => {
    const records = [r('a', 'block'), { ...r('a', 'agree'), at: '2026-11-30T00:00:00Z' }];
    expect(latestStances(records).get('a')?.stance).toBe('agree');
    expect(latestStances([]).size).toBe(0);
  });

  it('refuses more voters than the electorate, or a broken electorate', () => {
    const records = [r('a', 'agree'), r('b', 'agree'), r('a', 'disagree')];
    expect(tally(records, 2).voters).toBe(2);
    expect(() => tally(records, 1)).toThrow(RangeError);
    for (const electorate of [-1, 2.5, NaN, Infinity]) {
      expect(() => tally(records, electorate)).toThrow(RangeError);
    }
  });

  it('refuses a record with an unknown stance rather than lose it', () => {
    const bad = { ...r('a', 'agree'), stance: 'veto' } as unknown as StanceRecord;
    expect(() => tally([bad], 1)).toThrow(RangeError);
    // …but only if it still counts: a later valid stance replaces it.
    expect(tally([bad, r('a', 'agree')], 1).agree).toBe(1);
  });
});
