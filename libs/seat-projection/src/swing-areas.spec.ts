import { describe, expect, it } from '@jest/globals';
import { loadBaseline } from './fixtures.spec-helper.js';
import {
  applySwing,
  MAX_UNNAMED_SCALE,
  nationalShares,
  NORTHERN_IRELAND,
  regionalShares,
  swingProblems,
  type CompiledBaseline,
  type Swing,
  type SwungBaseline,
} from './index.js';

const b2015 = loadBaseline('ge2015');
const b2017 = loadBaseline('ge2017');
const b2024 = loadBaseline('ge2024');

/** Shares (percent) of a swung baseline over the seats `keep` selects. */
function sharesOf(
  b: CompiledBaseline,
  swung: SwungBaseline,
  keep: (seat: number) => boolean,
): Record<string, number> {
  const totals = new Float64Array(swung.nParties);
  let valid = 0;
  for (let s = 0; s < b.nSeats; s++) {
    if (keep(s)) {
      valid += b.validVotes[s];
      for (let p = 0; p < swung.nParties; p++) {
        totals[p] += swung.votes[s * swung.nParties + p] + swung.residual[s * swung.nParties + p];
      }
    }
  }
  return Object.fromEntries(swung.parties.map((party, p) => [party, (100 * totals[p]) / valid]));
}

const gb = (b: CompiledBaseline) => (s: number) => b.regions[s] !== NORTHERN_IRELAND;
const inRegion = (b: CompiledBaseline, region: string) => (s: number) => b.regions[s] === region;

describe('swing by region, on a GB basis', () => {
  it('takes regional shares over GB without Northern Ireland, over the UK by default', () => {
    const uk = regionalShares(b2017);
    const gbShares = regionalShares(b2017, 'gb');
    expect(uk[NORTHERN_IRELAND].dup).toBeGreaterThan(30);
    expect(Object.keys(gbShares).sort()).toEqual(
      Object.keys(uk)
        .filter((region) => region !== NORTHERN_IRELAND)
        .sort(),
    );
    for (const [region, shares] of Object.entries(gbShares)) {
      expect(shares).toEqual(uk[region]);
      expect(Object.values(shares).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    }
  });

  it('leaves Northern Ireland alone on the GB basis and moves it on the UK basis', () => {
    const ni = b2017.regions.indexOf(NORTHERN_IRELAND);
    const swing: Swing = { model: 'uniform', shares: { con: 40, lab: 43, ld: 8 } };
    const cell = (s: SwungBaseline) => s.votes.slice(ni * s.nParties, (ni + 1) * s.nParties);
    expect([...cell(applySwing(b2017, swing))]).toEqual([
      ...b2017.votes.slice(ni * b2017.nParties, (ni + 1) * b2017.nParties),
    ]);
    const uk = applySwing(b2017, { ...swing, basis: 'uk' });
    expect(Math.abs(sharesOf(b2017, uk, () => true).lab - 43)).toBeLessThan(0.5);
  });

  it.each(['uniform', 'proportional'] as const)(
    'meets each region’s shares under %s swing, the SNP’s 13-point fall in Scotland included',
    (model) => {
      const regions = regionalShares(b2017, 'gb');
      const swung = applySwing(b2015, { model, regions });
      const scotland = sharesOf(b2015, swung, inRegion(b2015, 'scotland'));
      // Uniform swing meets them up to the seats' renormalisation; proportional swing rescales
      // each seat after multiplying, which costs it up to about a point.
      const tolerance = model === 'uniform' ? 0.5 : 1;
      expect(Math.abs(scotland.snp - regions.scotland.snp)).toBeLessThan(tolerance);
      const london = sharesOf(b2015, swung, inRegion(b2015, 'london'));
      expect(Math.abs(london.lab - regions.london.lab)).toBeLessThan(tolerance);
    },
  );

  it('moves the regions not given so that GB as a whole meets the national shares', () => {
    const swung = applySwing(b2017, {
      model: 'uniform',
      shares: { con: 40, lab: 42, ld: 9 },
      regions: { scotland: { snp: 33, lab: 29, con: 30, ld: 7.4 } },
    });
    const whole = sharesOf(b2017, swung, gb(b2017));
    expect(Math.abs(whole.con - 40)).toBeLessThan(0.5);
    expect(Math.abs(whole.lab - 42)).toBeLessThan(0.5);
    expect(Math.abs(sharesOf(b2017, swung, inRegion(b2017, 'scotland')).snp - 33)).toBeLessThan(
      0.5,
    );
  });

  it('meets a target despite clamping at zero: Reform at 30 % on the 2024 seats', () => {
    const swung = applySwing(b2024, {
      model: 'uniform',
      shares: { reform: 30, lab: 20, con: 17, ld: 13, green: 10 },
    });
    const whole = sharesOf(b2024, swung, gb(b2024));
    expect(Math.abs(whole.reform - 30)).toBeLessThan(0.5);
    expect(Math.abs(whole.lab - 20)).toBeLessThan(0.5);
    expect(swung.votes.every((v) => v >= 0)).toBe(true);
  });
});

describe('new and unnamed parties', () => {
  it('names a new party: after a proxy where the proxy stood, or evenly everywhere', () => {
    const withProxy = applySwing(b2017, {
      model: 'uniform',
      shares: { brexit: 2 },
      proxies: { brexit: 'ukip' },
    });
    const brexit = withProxy.parties.indexOf('brexit');
    const ukip = b2017.parties.indexOf('ukip');
    expect(brexit).toBe(b2017.nParties);
    for (let s = 0; s < b2017.nSeats; s++) {
      const stood = b2017.votes[s * b2017.nParties + ukip] > 0 && gb(b2017)(s);
      expect(withProxy.votes[s * withProxy.nParties + brexit] > 0).toBe(stood);
    }
    expect(sharesOf(b2017, withProxy, gb(b2017)).brexit).toBeCloseTo(2, 0);
    const even = applySwing(b2017, { model: 'uniform', shares: { brexit: 2 } });
    const seats = b2017.onsCodes.filter((_c, s) => gb(b2017)(s)).length;
    const fielded = b2017.onsCodes.filter(
      (_c, s) => even.votes[s * even.nParties + even.parties.indexOf('brexit')] > 0,
    ).length;
    expect(fielded).toBe(seats);
  });

  it('never inflates unnamed parties beyond the bound (no 0.05 % party taking 2 %)', () => {
    const shares = nationalShares(b2017, 'gb');
    const named = { con: 40, lab: 40, ld: 10 };
    const swung = applySwing(b2017, { model: 'proportional', shares: named });
    const after = sharesOf(b2017, swung, gb(b2017));
    for (const party of ['nhap', 'green', 'ukip', 'snp']) {
      expect(after[party] ?? 0).toBeLessThanOrEqual(
        (shares[party] ?? 0) * MAX_UNNAMED_SCALE + 0.05,
      );
    }
  });

  it('names the problems of a bad swing, field by field', () => {
    const problems = swingProblems(b2017, {
      model: 'uniform',
      regions: { atlantis: { con: 40 }, wales: { lab: 120 } },
      proxies: { lab: 'ld', brexit: 'kipper' },
    }).map((p) => [p.code, p.path]);
    expect(problems).toEqual([
      ['UNKNOWN_REGION', 'swing.regions.atlantis'],
      ['INVALID_SWING', 'swing.regions.wales.lab'],
      ['INVALID_SWING', 'swing.proxies.lab'],
      ['UNKNOWN_PARTY', 'swing.proxies.brexit'],
    ]);
    expect(swingProblems(b2017, { model: 'uniform' }).map((p) => p.code)).toEqual([
      'INVALID_SWING',
    ]);
  });
});
