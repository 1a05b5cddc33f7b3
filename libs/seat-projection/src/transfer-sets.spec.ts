import { describe, expect, it } from '@jest/globals';
import { loadBaseline } from './fixtures.spec-helper.js';
import {
  customTransferSet,
  getTransferSet,
  prepareScenario,
  project,
  TRANSFER_SET_NAMES,
  TRANSFER_SETS,
  validateTransferSet,
} from './index.js';

const baseline = loadBaseline('ge2017');
const PROGRESSIVES = ['lab', 'ld', 'green', 'pc', 'snp'];

describe('shipped transfer sets', () => {
  it('ships central, pessimistic, optimistic and a labelled upper bound', () => {
    expect(TRANSFER_SET_NAMES).toEqual(['central', 'pessimistic', 'optimistic', 'upper-bound']);
    expect(getTransferSet('upper-bound')).toMatchObject({ kind: 'upper-bound', rates: [] });
    expect(getTransferSet('upper-bound')?.description).toMatch(/^UPPER BOUND, not a forecast/);
    expect(getTransferSet('toString')).toBeUndefined();
  });

  it.each(TRANSFER_SET_NAMES)('%s passes its own validator', (name) => {
    const set = getTransferSet(name);
    expect(set && validateTransferSet(set)).toEqual([]);
  });

  it('gives every rate a range and a citation', () => {
    for (const rate of TRANSFER_SETS.central?.rates ?? []) {
      expect(rate.low).toBeLessThanOrEqual(rate.central);
      expect(rate.central).toBeLessThanOrEqual(rate.high);
      expect(rate.source.length).toBeGreaterThan(20);
      expect(['measured', 'analogy']).toContain(rate.basis);
    }
  });

  it('covers every leg between the progressive parties', () => {
    const legs = new Set((TRANSFER_SETS.central?.rates ?? []).map((r) => `${r.from}>${r.to}`));
    for (const from of PROGRESSIVES) {
      for (const to of PROGRESSIVES) {
        if (from !== to && !(from === 'pc' && to === 'snp') && !(from === 'snp' && to === 'pc')) {
          expect(legs).toContain(`${from}>${to}`);
        }
      }
    }
    expect(legs).toContain('ld>con');
    expect(legs).toContain('ld>reform');
    expect(legs).toContain('green>reform');
  });

  it('follows the evidence: Green → Lab strongest, Lab → LD weaker, LD leaks to Con', () => {
    const rate = (from: string, to: string) =>
      TRANSFER_SETS.central?.rates.find((r) => r.from === from && r.to === to);
    expect(rate('green', 'lab')).toMatchObject({ low: 0.47, basis: 'measured' });
    expect(rate('lab', 'ld')).toMatchObject({ low: 0.24, high: 0.4, basis: 'measured' });
    expect(rate('ld', 'con')?.central).toBeGreaterThan(0);
    expect(rate('green', 'lab')?.source).toContain('London mayoral second preferences 2012');
  });

  it('sets the point values for the beneficiary: own leg low and leaks high when pessimistic', () => {
    // Bristol West 2017: the Lib Dems stand aside for the Greens. Under `high`, which raised every
    // rate, the Greens did worse than under `low` because the leak to Labour rose too.
    const standAsides = [{ party: 'ld', constituency: 'E14000602', beneficiary: 'green' }];
    const green = (transfers: string) => {
      const p = prepareScenario(baseline, { standAsides, transfers });
      if (!p.ok) {
        throw new Error(JSON.stringify(p.problems));
      }
      const seat = project(p.value).constituencies.find((c) => c.onsCode === 'E14000602');
      return seat?.votesAfter.green ?? NaN;
    };
    expect(green('pessimistic')).toBeLessThan(green('central'));
    expect(green('central')).toBeLessThan(green('optimistic'));
    expect(green('low')).toBe(green('pessimistic'));
    expect(green('high')).toBe(green('optimistic'));
    const legs = (name: string) => {
      const p = prepareScenario(baseline, { standAsides, transfers: name });
      return p.ok ? [...p.value.pairCentral] : [];
    };
    const ld = TRANSFER_SETS.central?.rates.filter((r) => r.from === 'ld') ?? [];
    const toGreen = ld.find((r) => r.to === 'green');
    expect(legs('pessimistic')).toContain(toGreen?.low);
    expect(legs('optimistic')).toContain(toGreen?.high);
  });
});

describe('custom transfer matrices', () => {
  it('accepts a valid matrix of points and ranges', () => {
    const set = customTransferSet('mine', {
      ld: { lab: 0.5, con: { low: 0.1, central: 0.2, high: 0.3 } },
    });
    expect(set.ok && set.value.rates).toHaveLength(2);
  });

  it('returns every problem instead of throwing', () => {
    const set = customTransferSet('bad', {
      ld: { lab: 0.7, con: 0.4 },
      green: { lab: 1.2, ld: -0.1, green: 0.1 },
      lab: { ld: { low: 0.5, central: 0.4, high: 0.6 } },
    });
    expect(set.ok).toBe(false);
    const messages = set.ok ? [] : set.problems.map((p) => p.message);
    expect(messages).toEqual([
      'green→lab: rates must lie in [0, 1], got 1.2 / 1.2 / 1.2',
      'green→ld: rates must lie in [0, 1], got -0.1 / -0.1 / -0.1',
      'green → green is not a transfer between two parties',
      'lab→ld: need low ≤ central ≤ high, got 0.5 / 0.4 / 0.6',
      'ld: low rates sum to 1.1000 > 1',
      'ld: central rates sum to 1.1000 > 1',
      'ld: high rates sum to 1.1000 > 1',
    ]);
    expect(set.ok ? [] : set.problems.map((p) => p.code)).toEqual(
      Array<string>(7).fill('INVALID_TRANSFER_SET'),
    );
  });

  it('is refused by prepareScenario when invalid, and unknown names too', () => {
    const bad = prepareScenario(baseline, {
      standAsides: [],
      transfers: {
        name: 'x',
        kind: 'custom',
        description: '',
        rates: [
          { from: 'ld', to: 'lab', low: 0, central: 2, high: 2, basis: 'custom', source: '' },
        ],
      },
    });
    expect(bad.ok ? [] : bad.problems.map((p) => p.code)).toEqual(['INVALID_TRANSFER_SET']);
    const unknown = prepareScenario(baseline, { standAsides: [], transfers: 'hopeful' });
    expect(unknown.ok ? [] : unknown.problems.map((p) => p.code)).toEqual(['UNKNOWN_TRANSFER_SET']);
  });
});
