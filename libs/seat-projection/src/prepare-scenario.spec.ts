import { describe, expect, it } from '@jest/globals';
import { loadBaseline } from './fixtures.spec-helper.js';
import { prepareScenario, project, type StandAside } from './index.js';

const b2017 = loadBaseline('ge2017');
const HASTINGS = 'E14000735';
const LEWES = 'E14000786';

describe('prepareScenario', () => {
  it.each<[string, StandAside[], string[]]>([
    [
      'unknown seat',
      [{ party: 'ld', constituency: 'X1', beneficiary: 'lab' }],
      ['UNKNOWN_CONSTITUENCY'],
    ],
    [
      'unknown party',
      [{ party: 'reform', constituency: HASTINGS, beneficiary: 'lab' }],
      ['UNKNOWN_PARTY'],
    ],
    [
      'self',
      [{ party: 'lab', constituency: HASTINGS, beneficiary: 'lab' }],
      ['SELF_BENEFICIARY', 'BENEFICIARY_STANDS_ASIDE'],
    ],
    [
      'duplicate',
      [
        { party: 'ld', constituency: HASTINGS, beneficiary: 'lab' },
        { party: 'ld', constituency: HASTINGS, beneficiary: 'green' },
      ],
      ['DUPLICATE_STAND_ASIDE'],
    ],
    [
      'beneficiary also aside',
      [
        { party: 'ld', constituency: LEWES, beneficiary: 'lab' },
        { party: 'lab', constituency: LEWES, beneficiary: 'green' },
      ],
      ['BENEFICIARY_STANDS_ASIDE'],
    ],
  ])('refuses a %s with problems, not a throw', (_name, standAsides, codes) => {
    const prepared = prepareScenario(b2017, { standAsides, transfers: 'central' });
    expect(prepared.ok ? [] : prepared.problems.map((p) => p.code)).toEqual(codes);
  });

  it('accepts a stand-aside by a party that fielded nobody, moving no votes', () => {
    // Greens stood aside in Lewes in 2017 already.
    const prepared = prepareScenario(b2017, {
      standAsides: [{ party: 'green', constituency: LEWES, beneficiary: 'ld' }],
      transfers: 'upper-bound',
    });
    if (!prepared.ok) {
      throw new Error(JSON.stringify(prepared.problems));
    }
    const seat = project(prepared.value, { include: 'touched' }).constituencies[0];
    expect(seat?.standAsides).toEqual([
      { party: 'green', beneficiary: 'ld', partyStood: false, breakEven: null },
    ]);
    expect(seat?.votesAfter).toEqual(seat?.votesBefore);
  });

  it('puts a beneficiary that did not stand on the ballot', () => {
    const prepared = prepareScenario(b2017, {
      standAsides: [{ party: 'ld', constituency: LEWES, beneficiary: 'green' }],
      transfers: 'central',
    });
    if (!prepared.ok) {
      throw new Error(JSON.stringify(prepared.problems));
    }
    const seat = project(prepared.value, { include: 'touched' }).constituencies[0];
    expect(seat?.votesBefore.green).toBe(0);
    expect(seat?.votesAfter.green).toBe(Math.round(21312 * 0.05));
  });

  it('is plain data: a structured clone (as posted to a worker) projects the same', () => {
    const prepared = prepareScenario(b2017, {
      standAsides: [{ party: 'ld', constituency: HASTINGS, beneficiary: 'lab' }],
      transfers: 'central',
      swing: { model: 'proportional', shares: { con: 40, lab: 42 } },
    });
    if (!prepared.ok) {
      throw new Error(JSON.stringify(prepared.problems));
    }
    const options = { draws: 50, seed: 'clone', include: 'touched' as const };
    expect(project(structuredClone(prepared.value), options)).toEqual(
      project(prepared.value, options),
    );
  });
});
