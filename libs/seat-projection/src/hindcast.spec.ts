import { describe, expect, it } from '@jest/globals';
import { loadBaseline } from './fixtures.spec-helper.js';
import {
  NORTHERN_IRELAND,
  prepareScenario,
  project,
  regionalShares,
  type CompiledBaseline,
  type SwingModel,
} from './index.js';

/** GB seats whose winner a regional swing to the actual regional shares calls right. */
function called(
  from: CompiledBaseline,
  to: CompiledBaseline,
  model: SwingModel,
  firstDefence = true,
): number {
  const regions = regionalShares(to, 'gb');
  const prepared = prepareScenario(from, {
    standAsides: [],
    transfers: 'central',
    swing: {
      model,
      regions,
      proxies: to.parties.includes('brexit') ? { brexit: 'ukip' } : {},
      firstDefence,
    },
  });
  if (!prepared.ok) {
    throw new Error(JSON.stringify(prepared.problems));
  }
  const actual = new Map(to.onsCodes.map((code, i) => [code, to.parties[to.winners[i]]]));
  return project(prepared.value).constituencies.filter(
    (c) => c.region !== NORTHERN_IRELAND && actual.get(c.onsCode) === c.winnerAfter,
  ).length;
}

// The best simple models, recomputed from the CSVs without the engine (`npm run backtest`): regional
// proportional 580 of 632 on 2015 → 2017, regional uniform 594 on 2017 → 2019.
describe('hindcast of GB seats, given the actual regional shares', () => {
  it('calls at least as many seats as the best simple model, 2015 → 2017', () => {
    expect(
      called(loadBaseline('ge2015'), loadBaseline('ge2017'), 'uniform'),
    ).toBeGreaterThanOrEqual(580);
  });

  it('calls at least as many seats as the best simple model, 2017 → 2019', () => {
    expect(
      called(loadBaseline('ge2017'), loadBaseline('ge2019'), 'uniform'),
    ).toBeGreaterThanOrEqual(594);
  });

  // The bonus is fitted on 2015 → 2017 (calibrate.spec); 2017 → 2019 is out of sample.
  it("calls more seats of 2019 with first-term MPs' bonus than without it", () => {
    const [from, to] = [loadBaseline('ge2017'), loadBaseline('ge2019')];
    const without = called(from, to, 'uniform', false);
    expect(without).toBe(594);
    expect(called(from, to, 'uniform')).toBeGreaterThanOrEqual(without + 5);
  });
});
