import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  STANCES,
  outcomeOf,
  publishResult,
  tally,
  type Rules,
  type Stance,
  type StanceRecord,
} from './index.js';

const stance = fc.constantFrom(...STANCES);
const reason = fc.option(fc.constantFrom('too little in return', 'not asked', 'yes', 'Ä', 'a'), {
  nil: null,
});
const voter = fc.constantFrom('v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8');
const record = fc.record({
  voter,
  stance,
  reason,
  at: fc.integer({ min: 0, max: 1e12 }).map((ms) => new Date(ms).toISOString()),
});
const records = fc.array(record, { maxLength: 40 });
const rules: fc.Arbitrary<Rules> = fc.record({
  quorum: fc.oneof(
    fc.integer({ min: 0, max: 100 }),
    fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
  ),
  threshold: fc.oneof(
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 999 }).map((n) => n / 10),
  ),
});
/** An electorate at least as large as the number of distinct voters (8 at most). */
const slack = fc.integer({ min: 0, max: 30 });
const electorateFor = (rs: readonly StanceRecord[], extra: number) =>
  new Set(rs.map((r) => r.voter)).size + extra;

/** The latest stance of each voter, found the slow way: the last record with their name. */
function lastOf(rs: readonly StanceRecord[]): Map<string, StanceRecord> {
  const out = new Map<string, StanceRecord>();
  for (const v of new Set(rs.map((r) => r.voter))) {
    const last = rs.findLast((r) => r.voter === v);
    if (last !== undefined) {
      out.set(v, last);
    }
  }
  return out;
}

describe('properties', () => {
  it('tallies equal the counts of the latest stances, and add up to the voters', () => {
    fc.assert(
      fc.property(records, slack, (rs, extra) => {
        const electorate = electorateFor(rs, extra);
        const t = tally(rs, electorate);
        const latest = [...lastOf(rs).values()];
        const count = (s: Stance) => latest.filter((r) => r.stance === s).length;
        expect(t).toEqual({
          electorate,
          voters: latest.length,
          agree: count('agree'),
          abstain: count('abstain'),
          disagree: count('disagree'),
          block: count('block'),
          cast: count('agree') + count('disagree') + count('block'),
          turnout: electorate === 0 ? 0 : Math.round((latest.length / electorate) * 1000) / 10,
        });
        expect(t.agree + t.abstain + t.disagree + t.block).toBe(t.voters);
      }),
    );
  });

  it('changing a stance never changes the number of voters', () => {
    fc.assert(
      fc.property(
        records.filter((rs) => rs.length > 0),
        fc.nat(),
        stance,
        reason,
        (rs, pick, newStance, newReason) => {
          const existing = rs[pick % rs.length].voter;
          const changed = [
            ...rs,
            { voter: existing, stance: newStance, reason: newReason, at: rs[0].at },
          ];
          const electorate = electorateFor(rs, 0);
          expect(tally(changed, electorate).voters).toBe(tally(rs, electorate).voters);
        },
      ),
    );
  });

  it('decides by its definition, exactly', () => {
    fc.assert(
      fc.property(records, slack, rules, (rs, extra, r) => {
        const o = outcomeOf(rs, electorateFor(rs, extra), r);
        const { voters, electorate, agree, cast, block } = o.tally;
        // Percents with one decimal, so scaling by 10 makes both sides whole numbers.
        const q10 = Math.round(r.quorum * 10);
        const t10 = Math.round(r.threshold * 10);
        expect(o.quorumMet).toBe(voters * 1000 >= q10 * electorate);
        expect(o.thresholdMet).toBe(cast > 0 && agree * 1000 > t10 * cast);
        expect(o.passed).toBe(o.quorumMet && o.thresholdMet);
        expect(o.blocked).toBe(block > 0);
      }),
    );
  });

  it('a secret result is the same whichever voter took which stance', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(voter, { minLength: 1 }),
        fc.array(fc.tuple(stance, reason), { minLength: 8, maxLength: 8 }),
        fc.array(record, { maxLength: 10 }),
        slack,
        rules,
        fc.infiniteStream(fc.nat()),
        (voters, pairs, earlier, extra, r, randoms) => {
          const chosen = pairs.slice(0, voters.length);
          // A random permutation of the same (stance, reason) pairs (Fisher–Yates).
          const shuffled = [...chosen];
          const it = randoms[Symbol.iterator]();
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (it.next().value as number) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
          }
          // Earlier stances by the same voters only; their own history is never published.
          const history = earlier.filter((e) => voters.includes(e.voter));
          const cast = (ps: typeof chosen) =>
            voters.map((v, i) => ({
              voter: v,
              stance: ps[i][0],
              reason: ps[i][1],
              at: `2026-12-0${(i % 9) + 1}T00:00:00.000Z`,
            }));
          const electorate = voters.length + extra;
          const a = publishResult([...history, ...cast(chosen)], electorate, r, true);
          const b = publishResult([...history, ...cast(shuffled)], electorate, r, true);
          expect(b).toEqual(a);
          expect(a.stances).toBeNull();
          expect(a.voters).toEqual([...voters].sort());
        },
      ),
    );
  });

  it('an open result lists exactly the latest stances, by voter', () => {
    fc.assert(
      fc.property(records, slack, rules, (rs, extra, r) => {
        const result = publishResult(rs, electorateFor(rs, extra), r, false);
        const expected = [...lastOf(rs).values()]
          .map(({ voter: v, stance: s, reason: why }) => ({ voter: v, stance: s, reason: why }))
          .sort((x, y) => (x.voter < y.voter ? -1 : 1));
        expect(result.stances).toEqual(expected);
        expect(result.voters).toEqual(expected.map((e) => e.voter));
        expect(result.outcome).toEqual(outcomeOf(rs, electorateFor(rs, extra), r));
      }),
    );
  });

  it('publishes the reasons of exactly the latest disagree and block stances', () => {
    fc.assert(
      fc.property(records, fc.boolean(), (rs, secret) => {
        const result = publishResult(
          rs,
          electorateFor(rs, 0),
          { quorum: 0, threshold: 50 },
          secret,
        );
        const expected = [...lastOf(rs).values()]
          .filter((x) => (x.stance === 'disagree' || x.stance === 'block') && x.reason !== null)
          .map((x) => `${x.stance}:${x.reason}`)
          .sort();
        expect(result.reasons.map((x) => `${x.stance}:${x.reason}`).sort()).toEqual(expected);
      }),
    );
  });
});
