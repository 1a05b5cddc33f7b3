import { describe, expect, it } from '@jest/globals';
import { comparePercent, percentOneDecimal } from './rules.js';
import {
  DEFAULT_RULES,
  STANCES,
  checkRules,
  isStance,
  outcomeOf,
  type Stance,
  type StanceRecord,
} from './index.js';

/** Records of `counts` distinct voters per stance, each with a reason where one is needed. */
function ballot(counts: Partial<Record<Stance, number>>): StanceRecord[] {
  const records: StanceRecord[] = [];
  for (const stance of STANCES) {
    for (let i = 0; i < (counts[stance] ?? 0); i++) {
      const reason = stance === 'disagree' || stance === 'block' ? 'because' : null;
      records.push({ voter: `${stance}-${i}`, stance, reason, at: '2026-12-01T10:00:00Z' });
    }
  }
  return records;
}

describe('rules', () => {
  it('lists the stances in their order and recognises only them', () => {
    expect(STANCES).toEqual(['agree', 'abstain', 'disagree', 'block']);
    expect(STANCES.every(isStance)).toBe(true);
    for (const other of ['Agree', 'veto', '', null, 1, undefined]) {
      expect(isStance(other)).toBe(false);
    }
  });

  it('defaults to a 20 % quorum and a simple majority of votes cast', () => {
    expect(DEFAULT_RULES).toEqual({ quorum: 20, threshold: 50 });
    expect(checkRules(DEFAULT_RULES)).toBeNull();
  });

  it('accepts the bounds and refuses beyond them, naming the field', () => {
    for (const ok of [
      { quorum: 0, threshold: 0 },
      { quorum: 100, threshold: 99.9 },
      { quorum: 33.3, threshold: 66.6 },
    ]) {
      expect(checkRules(ok)).toBeNull();
    }
    for (const [rules, field] of [
      [{ quorum: -1, threshold: 50 }, 'quorum'],
      [{ quorum: 100.1, threshold: 50 }, 'quorum'],
      [{ quorum: NaN, threshold: 50 }, 'quorum'],
      [{ quorum: Infinity, threshold: 50 }, 'quorum'],
      [{ quorum: 20, threshold: 100 }, 'threshold'],
      [{ quorum: 20, threshold: -0.5 }, 'threshold'],
      [{ quorum: 20, threshold: NaN }, 'threshold'],
      [{ quorum: '20', threshold: 50 } as unknown as typeof DEFAULT_RULES, 'quorum'],
    ] as const) {
      expect(checkRules(rules)).toEqual({ field, problem: expect.any(String) });
    }
  });

  it('refuses to decide under invalid rules', () => {
    expect(() => outcomeOf([], 10, { quorum: 20, threshold: 100 })).toThrow(RangeError);
  });
});

describe('quorum and threshold edges', () => {
  it('meets a 20 % quorum at exactly 20 %, not below', () => {
    expect(outcomeOf(ballot({ agree: 2 }), 10, DEFAULT_RULES).quorumMet).toBe(true);
    expect(outcomeOf(ballot({ agree: 1 }), 10, DEFAULT_RULES).quorumMet).toBe(false);
    expect(outcomeOf(ballot({ agree: 20 }), 101, DEFAULT_RULES).quorumMet).toBe(false);
  });

  it('counts abstentions towards the quorum', () => {
    const outcome = outcomeOf(ballot({ agree: 1, abstain: 1 }), 10, DEFAULT_RULES);
    expect(outcome).toMatchObject({ quorumMet: true, thresholdMet: true, passed: true });
    expect(outcome.tally).toMatchObject({ voters: 2, cast: 1 });
  });

  it('needs strictly more than 50 % of votes cast: exactly half fails', () => {
    const half = outcomeOf(ballot({ agree: 2, disagree: 1, block: 1 }), 4, DEFAULT_RULES);
    expect(half).toMatchObject({ agreeShare: 50, thresholdMet: false, passed: false });
    const more = outcomeOf(ballot({ agree: 3, disagree: 1, block: 1 }), 5, DEFAULT_RULES);
    expect(more).toMatchObject({ agreeShare: 60, thresholdMet: true, passed: true, blocked: true });
  });

  it('leaves abstentions out of the votes cast', () => {
    const outcome = outcomeOf(ballot({ agree: 2, abstain: 5, disagree: 1 }), 8, DEFAULT_RULES);
    expect(outcome).toMatchObject({ agreeShare: 66.7, thresholdMet: true });
  });

  it('never meets the threshold when nothing was cast, even at threshold 0', () => {
    const rules = { quorum: 0, threshold: 0 };
    expect(outcomeOf(ballot({ abstain: 3 }), 3, rules)).toMatchObject({
      agreeShare: 0,
      thresholdMet: false,
      passed: false,
    });
    expect(outcomeOf(ballot({ agree: 1, disagree: 9 }), 10, rules).thresholdMet).toBe(true);
  });

  it('meets a zero quorum with an empty electorate, turnout 0', () => {
    const outcome = outcomeOf([], 0, { quorum: 0, threshold: 50 });
    expect(outcome.tally.turnout).toBe(0);
    expect(outcome.quorumMet).toBe(true);
    expect(outcomeOf([], 0, DEFAULT_RULES).quorumMet).toBe(true);
  });

  it('compares decimal percents exactly, not in floating point', () => {
    // 16.1 * 1000 is 16100.000000000002 in floating point: 161 of 1000 would miss the quorum.
    const rules = { quorum: 16.1, threshold: 50 };
    expect(outcomeOf(ballot({ agree: 161 }), 1000, rules).quorumMet).toBe(true);
    expect(outcomeOf(ballot({ agree: 160 }), 1000, rules).quorumMet).toBe(false);
    // agree 644 of 1000 cast against a 64.4 % threshold: equal, so not strictly more.
    const t = { quorum: 0, threshold: 64.4 };
    expect(outcomeOf(ballot({ agree: 644, disagree: 356 }), 1000, t).thresholdMet).toBe(false);
    expect(outcomeOf(ballot({ agree: 645, disagree: 355 }), 1000, t).thresholdMet).toBe(true);
    expect(comparePercent(1, 10_000_000, 1e-5)).toBe(0);
    expect(comparePercent(322, 1000, 32.2)).toBe(0);
  });

  it('rounds percents half up to one decimal', () => {
    expect(percentOneDecimal(1, 3)).toBe(33.3);
    expect(percentOneDecimal(2, 3)).toBe(66.7);
    expect(percentOneDecimal(1, 8)).toBe(12.5);
    expect(percentOneDecimal(1, 16)).toBe(6.3);
    expect(percentOneDecimal(1, 2000)).toBe(0.1);
    expect(percentOneDecimal(7, 7)).toBe(100);
  });
});
