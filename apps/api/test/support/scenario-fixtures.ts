// Published scenarios shared by the tests of what projects on them.

/** Labour down ten points on 2024, the Conservatives up: a world where Labour seats are at risk. */
export const LABOUR_SLUMP = {
  name: 'Labour slump',
  source: 'Test polls',
  asOf: '2026-11-28',
  election: 'ge2024',
  swing: { model: 'uniform', shares: { lab: 24, con: 29, reform: 20, ld: 13, green: 8 } },
};

/** Roughly the 2019 result, applied to the 2017 baseline (the GE2019 contest's). */
export const POLLS_2019 = {
  name: 'Polls, December 2019',
  source: 'Final polling average',
  asOf: '2019-12-11',
  election: 'ge2017',
  swing: { model: 'uniform', shares: { con: 44, lab: 32, ld: 12 } },
};
