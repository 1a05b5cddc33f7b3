import { describe, expect, it } from '@jest/globals';
import { loadBaseline, uniteToRemain } from './fixtures.spec-helper.js';
import { kernelDeterministic, kernelInputFrom, kernelMonteCarlo } from './bench-kernel.js';
import { DEFAULT_NOISE, prepareScenario, project, simulate } from './index.js';

const b2017 = loadBaseline('ge2017');
const standAsides = uniteToRemain().flatMap((s) =>
  s.partiesStandingAside.map((party) => ({
    party,
    constituency: s.onsCode,
    beneficiary: s.beneficiary,
  })),
);

describe('minimal benchmark kernel', () => {
  const prepared = prepareScenario(b2017, { standAsides, transfers: 'upper-bound' });
  if (!prepared.ok) {
    throw new Error(JSON.stringify(prepared.problems));
  }
  const p = prepared.value;
  const input = kernelInputFrom(p);

  it('does the engine’s deterministic arithmetic', () => {
    const seats = new Int32Array(p.nParties);
    kernelDeterministic(input, seats);
    const engine = project(p).seats;
    p.parties.forEach((party, j) => expect(seats[j]).toBe(engine[party]?.after ?? 0));
  });

  it('does the engine’s Monte Carlo arithmetic, draw for draw', () => {
    const wins = new Int32Array(p.nSeats * p.nParties);
    kernelMonteCarlo(input, 300, 77, DEFAULT_NOISE, wins);
    expect(wins).toEqual(simulate(p, { seed: 77, draws: 300 }).winsAfter);
  });

  // The kernel draws every entry of every seat; the engine draws a seat that only needs its winner
  // as far as a party could still beat the baseline leader, by the noise tables' bounds. (Noise
  // wide enough to push a whole seat below zero would part them: the kernel clamps every seat.)
  it.each([
    ['no', { national: 0, regional: 0, seat: 0, stronghold: 0 }],
    ['wide', { national: 0.1, regional: 0.1, seat: 0.3, stronghold: 0.4 }],
    [
      'negative coefficients',
      { national: -0.045, regional: 0.047, seat: -0.112, stronghold: -0.18 },
    ],
    ['seat only', { national: 0, regional: 0, seat: 0.112, stronghold: 0.18 }],
    ['stronghold only', { national: 0, regional: 0, seat: 0, stronghold: 0.3 }],
  ])('picks the same winners as the kernel under %s noise', (_name, noise) => {
    const wins = new Int32Array(p.nSeats * p.nParties);
    kernelMonteCarlo(input, 200, 5, noise, wins);
    expect(wins).toEqual(simulate(p, { seed: 5, draws: 200, noise, bands: 'none' }).winsAfter);
  });
});
