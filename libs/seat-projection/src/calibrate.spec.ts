import { describe, expect, it } from '@jest/globals';
import { loadBaseline } from './fixtures.spec-helper.js';
import {
  DEFAULT_NOISE,
  FIRST_DEFENCE_BONUS,
  firstDefenceErrors,
  fitFirstDefence,
  fitScale,
  fitScaleForBand,
  prepareScenario,
  regionalErrors,
  regionalShares,
  seatErrors,
} from './index.js';

const b2015 = loadBaseline('ge2015');
const b2017 = loadBaseline('ge2017');

describe('noise calibration (GE2015 → GE2017)', () => {
  const regions = regionalShares(b2017, 'gb');
  const prepared = prepareScenario(b2015, {
    standAsides: [],
    transfers: 'central',
    swing: { model: 'uniform', regions },
  });
  if (!prepared.ok) {
    throw new Error(JSON.stringify(prepared.problems));
  }
  const all = seatErrors(prepared.value, b2017);
  const samples = all.filter((s) => !s.stronghold);
  const strongholds = all.filter((s) => s.stronghold);

  it('ships the seat, stronghold and regional coefficients fitted on the shipped data', () => {
    expect(samples.length).toBeGreaterThan(2500);
    expect(strongholds.length).toBeGreaterThan(100);
    expect(fitScaleForBand(samples)).toBeCloseTo(DEFAULT_NOISE.seat, 3);
    expect(fitScaleForBand(strongholds)).toBeCloseTo(DEFAULT_NOISE.stronghold, 3);
    expect(fitScaleForBand(regionalErrors(b2015, b2017))).toBeCloseTo(DEFAULT_NOISE.regional, 3);
  });

  it("finds small parties' strongholds much less predictable than other seats", () => {
    // Why the stronghold c exists: one c for all would be too wide for most seats and too
    // narrow where a small party is strong (the Lib Dems in their targets, Plaid in Gwynedd).
    expect(fitScaleForBand(strongholds)).toBeGreaterThan(1.5 * fitScaleForBand(samples));
    expect(strongholds.some((s) => s.share > 0.4)).toBe(true);
  });

  it('puts 90 % of the fitted errors inside the 90 % band, where maximum likelihood is inflated by outliers', () => {
    const c = fitScaleForBand(samples);
    const inside = samples.filter(
      (s) => Math.abs(s.error) <= 1.6449 * c * Math.sqrt(s.share * (1 - s.share)),
    ).length;
    expect(inside / samples.length).toBeCloseTo(0.9, 2);
    expect(fitScale(samples)).toBeGreaterThan(1.35 * c);
  });

  it("ships the first-term MPs' bonus fitted on the shipped data, and without it they are under-projected", () => {
    const swing = { model: 'uniform', regions } as const;
    expect(fitFirstDefence(b2015, b2017, swing)).toBeCloseTo(FIRST_DEFENCE_BONUS, 4);
    const without = prepareScenario(b2015, {
      standAsides: [],
      transfers: 'central',
      swing: { ...swing, firstDefence: false },
    });
    if (!without.ok) {
      throw new Error(JSON.stringify(without.problems));
    }
    const errors = firstDefenceErrors(without.value, b2015, b2017);
    expect(errors.length).toBeGreaterThan(150);
    expect(errors.reduce((a, e) => a + e, 0) / errors.length).toBeGreaterThan(0.015);
  });
});
