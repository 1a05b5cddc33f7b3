import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadBaseline } from './fixtures.spec-helper.js';
import { breakEvens, customTransferSet, prepareScenario, project, type Scenario } from './index.js';

const b2017 = loadBaseline('ge2017');
const HASTINGS = 'E14000735';
const LEWES = 'E14000786';

function prepared(scenario: Scenario) {
  const p = prepareScenario(b2017, scenario);
  if (!p.ok) {
    throw new Error(JSON.stringify(p.problems));
  }
  return p.value;
}

const swap = [
  { party: 'ld', constituency: HASTINGS, beneficiary: 'lab' },
  { party: 'lab', constituency: LEWES, beneficiary: 'ld' },
];

describe('break-even transfer rate', () => {
  it('GE2017 upper bound: Hastings needs 18.4 % of Lib Dems, Lewes 90.9 % of Labour', () => {
    const [hastings, lewes] = breakEvens(prepared({ standAsides: swap, transfers: 'upper-bound' }));
    expect(hastings).toEqual({ from: 'ld', to: 'lab', rate: 346 / 1885 });
    expect(hastings?.rate).toBeCloseTo(0.184, 3);
    expect(lewes).toEqual({ from: 'lab', to: 'ld', rate: 5508 / 6060 });
    expect(lewes?.rate).toBeCloseTo(0.909, 3);
  });

  it('rises by the leak to the Conservatives under the central set', () => {
    const [hastings] = breakEvens(prepared({ standAsides: swap, transfers: 'central' }));
    // 15 % of Lib Dems go Conservative at the central rate, so Labour needs 15 points more.
    expect(hastings?.rate).toBeCloseTo(346 / 1885 + 0.15, 12);
  });

  it.each([
    ['0 when the beneficiary wins anyway', 'ld', 'E14000690', 'lab', 0],
    ['null when even 100 % is not enough', 'ld', 'E14000868', 'lab', null],
  ])('is %s', (_name, party, constituency, beneficiary, rate) => {
    const p = prepared({
      standAsides: [{ party, constituency, beneficiary }],
      transfers: 'upper-bound',
    });
    expect(breakEvens(p)[0]?.rate).toBe(rate);
  });

  it('is exactly the rate at which the deterministic winner changes', () => {
    const seats = b2017.onsCodes.filter((_, s) => {
      const row = s * b2017.nParties;
      return (b2017.votes[row + 1] ?? 0) > 0 && (b2017.votes[row + 2] ?? 0) > 0;
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...seats),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (seat, r) => {
          const set = customTransferSet('r', { ld: { lab: r, con: 0.1 } });
          if (!set.ok) {
            throw new Error('invalid');
          }
          const p = prepared({
            standAsides: [{ party: 'ld', constituency: seat, beneficiary: 'lab' }],
            transfers: set.value,
          });
          const threshold = breakEvens(p)[0]?.rate;
          const wins = project(p, { include: 'touched' }).constituencies[0]?.winnerAfter === 'lab';
          if (threshold === null || threshold === undefined) {
            expect(wins).toBe(false);
          } else if (r > threshold + 1e-9) {
            expect(wins).toBe(true);
          } else if (r < threshold - 1e-9) {
            expect(wins).toBe(false);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
