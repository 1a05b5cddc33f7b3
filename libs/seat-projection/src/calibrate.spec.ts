import { describe, expect, it } from '@jest/globals';
import { loadBaseline } from './fixtures.spec-helper.js';
import {
  DEFAULT_NOISE,
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
  const samples = seatErrors(prepared.value, b2017);

  it('ships the seat and regional coefficients fitted on the shipped data', () => {
    expect(samples.length).toBeGreaterThan(2500);
    expect(fitScaleForBand(samples)).toBeCloseTo(DEFAULT_NOISE.seat, 3);
    expect(fitScaleForBand(regionalErrors(b2015, b2017))).toBeCloseTo(DEFAULT_NOISE.regional, 3);
  });

  it('puts 90 % of the fitted errors inside the 90 % band, where maximum likelihood is inflated by outliers', () => {
    const c = fitScaleForBand(samples);
    const inside = samples.filter(
      (s) => Math.abs(s.error) <= 1.6449 * c * Math.sqrt(s.share * (1 - s.share)),
    ).length;
    expect(inside / samples.length).toBeCloseTo(0.9, 2);
    expect(fitScale(samples)).toBeGreaterThan(1.5 * c);
  });
});
