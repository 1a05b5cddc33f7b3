import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_RULES,
  outcomeOf,
  publishResult,
  stanceHistory,
  tally,
  type StanceRecord,
} from './index.js';

// The end-to-end story, purely: the Labour coordinator consults the Lewes and Hastings
// Labour members on the Hastings-for-Lewes pact; 5 of 20 take part, one changes their mind, one
// blocks with a reason.
const at = (minute: number) => `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const BLOCK_REASON = 'Hastings Labour was never asked; our candidate was already selected.';
const records: StanceRecord[] = [
  { voter: 'member-hastings-1', stance: 'agree', reason: null, at: at(1) },
  { voter: 'member-lewes-1', stance: 'disagree', reason: 'Too little in return', at: at(2) },
  { voter: 'member-lewes-2', stance: 'abstain', reason: null, at: at(3) },
  { voter: 'member-hastings-2', stance: 'block', reason: BLOCK_REASON, at: at(4) },
  { voter: 'member-lewes-3', stance: 'agree', reason: 'Keeps the Tories out', at: at(5) },
  { voter: 'member-lewes-1', stance: 'agree', reason: 'Convinced by the seat figures', at: at(6) },
];

describe('the Hastings-for-Lewes consultation', () => {
  it('counts each member once, by their latest stance', () => {
    expect(tally(records, 20)).toEqual({
      electorate: 20,
      voters: 5,
      agree: 3,
      abstain: 1,
      disagree: 0,
      block: 1,
      cast: 4,
      turnout: 25,
    });
  });

  it('passes under the default rules, flagged as blocked', () => {
    const outcome = outcomeOf(records, 20, DEFAULT_RULES);
    expect(outcome).toMatchObject({
      quorumMet: true,
      agreeShare: 75,
      thresholdMet: true,
      blocked: true,
      passed: true,
      rules: { quorum: 20, threshold: 50 },
    });
  });

  it('misses the quorum when the electorate is larger', () => {
    // 5 of 26 is 19.2 %.
    const outcome = outcomeOf(records, 26, DEFAULT_RULES);
    expect(outcome.tally.turnout).toBe(19.2);
    expect(outcome).toMatchObject({ quorumMet: false, thresholdMet: true, passed: false });
  });

  it('keeps every change in the member’s history, oldest first', () => {
    expect(stanceHistory(records, 'member-lewes-1').map((r) => [r.stance, r.at])).toEqual([
      ['disagree', at(2)],
      ['agree', at(6)],
    ]);
    expect(stanceHistory(records, 'nobody')).toEqual([]);
  });

  it('publishes a secret ballot without saying who blocked', () => {
    const result = publishResult(records, 20, DEFAULT_RULES, true);
    expect(result.secret).toBe(true);
    expect(result.stances).toBeNull();
    expect(result.voters).toEqual([
      'member-hastings-1',
      'member-hastings-2',
      'member-lewes-1',
      'member-lewes-2',
      'member-lewes-3',
    ]);
    // The superseded disagree reason and the agree reasons are not published.
    expect(result.reasons).toEqual([{ stance: 'block', reason: BLOCK_REASON }]);
    expect(JSON.stringify(result)).not.toMatch(/Convinced|Keeps the Tories|Too little/);
    expect(result.outcome).toEqual(outcomeOf(records, 20, DEFAULT_RULES));
  });

  it('publishes an open ballot with names and reasons, sorted by voter', () => {
    const result = publishResult(records, 20, DEFAULT_RULES, false);
    expect(result.secret).toBe(false);
    expect(result.stances).toEqual([
      { voter: 'member-hastings-1', stance: 'agree', reason: null },
      { voter: 'member-hastings-2', stance: 'block', reason: BLOCK_REASON },
      { voter: 'member-lewes-1', stance: 'agree', reason: 'Convinced by the seat figures' },
      { voter: 'member-lewes-2', stance: 'abstain', reason: null },
      { voter: 'member-lewes-3', stance: 'agree', reason: 'Keeps the Tories out' },
    ]);
    expect(result.reasons).toEqual([{ stance: 'block', reason: BLOCK_REASON }]);
  });
});
