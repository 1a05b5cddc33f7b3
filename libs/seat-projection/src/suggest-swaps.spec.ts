import { describe, expect, it } from '@jest/globals';
import { loadBaseline } from './fixtures.spec-helper.js';
import { suggestSwaps, type SwapOptions, type SwapSuggestion } from './index.js';

const b2017 = loadBaseline('ge2017');
const HASTINGS = 'E14000735';
const LEWES = 'E14000786';

function suggestions(options: SwapOptions): SwapSuggestion[] {
  const found = suggestSwaps(b2017, options);
  if (!found.ok) {
    throw new Error(JSON.stringify(found.problems));
  }
  return found.value;
}

const isHastingsForLewes = (s: SwapSuggestion) =>
  s.legs.some((l) => l.onsCode === LEWES && l.standsAside === 'lab' && l.beneficiary === 'ld') &&
  s.legs.some((l) => l.onsCode === HASTINGS && l.standsAside === 'ld' && l.beneficiary === 'lab');

describe('swap suggestions', () => {
  const options: SwapOptions = {
    parties: ['lab', 'ld'],
    region: 'south-east',
    transfers: 'upper-bound',
    seed: 2017,
  };
  const found = suggestions(options);

  it('rediscovers Hastings-for-Lewes in the South East from the GE2017 data', () => {
    const rank = found.findIndex(isHastingsForLewes);
    expect(rank).toBeGreaterThanOrEqual(0);
    expect(rank).toBeLessThan(5);
    const swap = found[rank];
    expect(swap?.legs.find((l) => l.onsCode === LEWES)?.breakEven).toBeCloseTo(0.909, 3);
    expect(swap?.legs.find((l) => l.onsCode === HASTINGS)?.breakEven).toBeCloseTo(0.184, 3);
  });

  it('ranks by the Nash product of the two sides’ gains, each side’s gain shown', () => {
    expect(found).toHaveLength(20);
    for (const s of found) {
      const [a, b] = s.parties;
      expect(s.score).toBeCloseTo((s.gains[a] ?? 0) * (s.gains[b] ?? 0), 12);
      expect(s.legs[0].standsAside).toBe(a);
      expect(s.legs[1].standsAside).toBe(b);
      expect(
        s.legs.every((l) => b2017.regions[b2017.onsCodes.indexOf(l.onsCode)] === 'south-east'),
      ).toBe(true);
    }
    const scores = found.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it('is deterministic for a seed', () => {
    expect(suggestions(options)).toEqual(found);
  });

  it('has only the locally weaker party stand aside', () => {
    for (const leg of found.flatMap((s) => s.legs)) {
      const seat = b2017.onsCodes.indexOf(leg.onsCode);
      const votes = (party: string) =>
        b2017.votes[seat * b2017.nParties + b2017.parties.indexOf(party)] ?? 0;
      expect(votes(leg.standsAside)).toBeLessThan(votes(leg.beneficiary));
    }
  });

  it('returns problems for bad options', () => {
    const bad = suggestSwaps(b2017, { parties: ['lab'], region: 'atlantis', transfers: 'nope' });
    expect(bad.ok ? [] : bad.problems.map((p) => p.code)).toEqual([
      'INVALID_OPTION',
      'INVALID_OPTION',
    ]);
    const unknown = suggestSwaps(b2017, { parties: ['lab', 'ld'], transfers: 'nope' });
    expect(unknown.ok ? [] : unknown.problems.map((p) => p.code)).toEqual(['UNKNOWN_TRANSFER_SET']);
  });
});
