import { describe, expect, it } from '@jest/globals';
import { loadBaseline, loadResults, uniteToRemain } from './fixtures.spec-helper.js';
import {
  assessPact,
  prepareScenario,
  project,
  type PreparedScenario,
  type Scenario,
} from './index.js';

const b2017 = loadBaseline('ge2017');
const HASTINGS = 'E14000735';
const LEWES = 'E14000786';

function prepared(scenario: Scenario): PreparedScenario {
  const p = prepareScenario(b2017, scenario);
  if (!p.ok) {
    throw new Error(JSON.stringify(p.problems));
  }
  return p.value;
}

const utrSeats = uniteToRemain();
const utr = utrSeats.flatMap((s) =>
  s.partiesStandingAside.map((party) => ({
    party,
    constituency: s.onsCode,
    beneficiary: s.beneficiary,
  })),
);

describe('Unite to Remain 2019 applied to the GE2017 baseline', () => {
  const p = prepared({ standAsides: utr, transfers: 'central' });
  const result = project(p, { include: 'touched', draws: 1000, seed: 2019 });
  const winners2017 = new Map(
    loadResults('ge2017').constituencies.map((c) => [c.onsCode, c.winner]),
  );

  it('lists the 60 pact seats with projected winners, break-evens and odds', () => {
    expect(utrSeats).toHaveLength(60);
    expect(result.constituencies.map((c) => c.onsCode).sort()).toEqual(
      utrSeats.map((s) => s.onsCode).sort(),
    );
    for (const c of result.constituencies) {
      const seat = utrSeats.find((s) => s.onsCode === c.onsCode);
      expect(c.winnerBefore).toBe(winners2017.get(c.onsCode));
      expect(c.standAsides.map((s) => s.party).sort()).toEqual(
        [...(seat?.partiesStandingAside ?? [])].sort(),
      );
      expect(c.breakEven?.to).toBe(seat?.beneficiary);
      expect(Object.values(c.winProbability).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('gives break-even 0 where the pact candidate wins even with no transfer', () => {
    const held = result.constituencies.filter((c) => c.winnerBefore === c.breakEven?.to);
    expect(held.map((c) => c.name).sort()).toEqual([
      'Arfon',
      'Bath',
      'Brighton, Pavilion',
      'Carmarthen East and Dinefwr',
      'Dwyfor Meirionnydd',
      'North Norfolk',
      'Oxford West and Abingdon',
      'Twickenham',
      'Westmorland and Lonsdale',
    ]);
    // Arfon is the exception: the Lib Dems' leak to Labour outweighs PC's 92-vote lead.
    expect(held.filter((c) => c.breakEven?.rate !== 0).map((c) => c.name)).toEqual(['Arfon']);
  });

  it('gains no seat at central rates on 2017 numbers, and loses Arfon to Labour’s leak', () => {
    // Arfon 2017: PC led Labour by 92; at central rates LD voters favour Labour over PC.
    expect(result.flips).toEqual([{ onsCode: 'W07000057', name: 'Arfon', from: 'pc', to: 'lab' }]);
    const arfon = result.constituencies.find((c) => c.name === 'Arfon');
    expect(arfon?.breakEven).toMatchObject({ from: 'ld', to: 'pc' });
    expect(arfon?.breakEven?.rate).toBeGreaterThan(0.02);
    expect(Object.keys(result.balance).sort()).toEqual(['green', 'ld', 'pc']);
  });

  it('flips nothing even under the upper bound: the pact seats were out of reach in 2017', () => {
    const upper = project(prepared({ standAsides: utr, transfers: 'upper-bound' }), {
      include: 'touched',
    });
    expect(upper.flips).toEqual([]);
    expect(upper.constituencies.filter((c) => c.breakEven?.rate === null).length).toBeGreaterThan(
      40,
    );
  });
});

describe('Hastings for Lewes (GE2017)', () => {
  const swap = [
    { party: 'ld', constituency: HASTINGS, beneficiary: 'lab' },
    { party: 'lab', constituency: LEWES, beneficiary: 'ld' },
  ];

  // Under the calibrated noise (a seat's two-party lead uncertain by about ±8 points) Hastings, won
  // by 346 votes, is a coin flip before the pact, so Labour's few transferred Lib Dem votes add
  // little; Labour's larger vote in Lewes moves the Lib Dems more.
  it('flips Hastings on the central figures, but gains each side only a little in expectation', () => {
    const impact = assessPact(prepared({ standAsides: swap, transfers: 'central' }), {
      draws: 4000,
      seed: 1,
    });
    const [hastings, lewes] = impact.seats;
    expect(hastings).toMatchObject({ winnerBefore: 'con', winnerAfter: 'lab', beneficiary: 'lab' });
    expect(lewes).toMatchObject({ winnerBefore: 'con', winnerAfter: 'con', beneficiary: 'ld' });
    expect(hastings?.beneficiaryWinBefore).toBeGreaterThan(0.4);
    expect(hastings?.beneficiaryWinAfter).toBeGreaterThan(hastings?.beneficiaryWinBefore ?? 1);
    expect(lewes?.beneficiaryWinAfter).toBeLessThan(0.3);
    const { lab, ld } = impact.balance;
    expect(lab?.gains).toBeGreaterThan(0);
    expect(ld?.gains).toBeLessThan(0.15);
    expect(lab?.gives).toBeCloseTo(ld?.gains ?? NaN, 12);
    expect(ld?.net).toBeCloseTo(-(lab?.net ?? 0), 12);
  });

  it('looks even under the upper bound, which is why that set is labelled as one', () => {
    const impact = assessPact(prepared({ standAsides: swap, transfers: 'upper-bound' }), {
      draws: 4000,
      seed: 1,
    });
    const [hastings, lewes] = impact.seats;
    expect(hastings?.winnerAfter).toBe('lab');
    expect(lewes?.winnerAfter).toBe('ld');
    // Lewes is a Lib Dem stronghold (a small party on 39 %), whose share is least certain: the
    // whole Labour vote moves the Lib Dems' chance by a third (0.34), Hastings' Labour by 0.15.
    expect(impact.balance.ld?.gains).toBeGreaterThan(0.3);
    expect(impact.balance.lab?.gains).toBeGreaterThan(0.1);
  });
});
