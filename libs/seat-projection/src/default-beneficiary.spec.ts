import { describe, expect, it } from '@jest/globals';
import { withDefaultBeneficiaries } from './default-beneficiary.js';
import { loadBaseline } from './fixtures.spec-helper.js';

describe('withDefaultBeneficiaries', () => {
  const baseline = loadBaseline('ge2017');

  it('keeps a named beneficiary', () => {
    expect(
      withDefaultBeneficiaries(baseline, [
        { party: 'ld', constituency: 'E14000735', beneficiary: 'ukip' },
      ]),
    ).toEqual([{ party: 'ld', constituency: 'E14000735', beneficiary: 'ukip' }]);
  });

  it('picks the party the stand-aside’s voters favour most among those standing', () => {
    // Greens in Hastings and Rye 2017 did not stand; Lib Dems did: their voters lean Labour.
    const [ld] = withDefaultBeneficiaries(baseline, [{ party: 'ld', constituency: 'E14000735' }]);
    expect(ld?.beneficiary).toBe('lab');
    // Labour in Lewes: the Lib Dems are the measured destination.
    const [lab] = withDefaultBeneficiaries(baseline, [{ party: 'lab', constituency: 'E14000786' }]);
    expect(lab?.beneficiary).toBe('ld');
  });

  it('never names the party standing aside, and falls back to votes without measured rates', () => {
    for (const party of ['con', 'ukip', 'lab', 'ld']) {
      const [sa] = withDefaultBeneficiaries(baseline, [{ party, constituency: 'E14000735' }]);
      expect(sa?.beneficiary).not.toBe(party);
      expect(sa?.beneficiary).not.toBe('');
    }
  });
});
