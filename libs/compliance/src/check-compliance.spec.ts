import { describe, expect, it } from '@jest/globals';
import { checkCompliance, partyFamily } from './check-compliance.js';

const HASTINGS = 'E14000735';
const LEWES = 'E14000786';
const PAVILION = 'E14000598';

const candidates = [
  { onsCode: HASTINGS, party: 'con', name: 'Sally-Ann Hart' },
  { onsCode: HASTINGS, party: 'lab', name: 'Peter Chowney' },
  { onsCode: LEWES, party: 'con', name: 'Maria Caulfield' },
  { onsCode: LEWES, party: 'ld', name: 'Oli Henman' },
  { onsCode: LEWES, party: 'green', name: 'Johnny Denis' },
];

describe('checkCompliance', () => {
  it('is kept when the party fielded no one, breached when it did, unknown with no list', () => {
    const report = checkCompliance(
      [
        { party: 'ld', constituency: HASTINGS, beneficiary: 'lab' },
        { party: 'green', constituency: LEWES, beneficiary: 'ld' },
        { party: 'ld', constituency: PAVILION, beneficiary: 'green' },
      ],
      candidates,
    );
    expect(report.standAsides).toEqual([
      {
        party: 'ld',
        constituency: HASTINGS,
        beneficiary: 'lab',
        status: 'kept',
        beneficiaryStood: true,
        breachingCandidates: [],
        beneficiaryCandidates: ['Peter Chowney'],
      },
      {
        party: 'green',
        constituency: LEWES,
        beneficiary: 'ld',
        status: 'breached',
        beneficiaryStood: true,
        breachingCandidates: ['Johnny Denis'],
        beneficiaryCandidates: ['Oli Henman'],
      },
      {
        party: 'ld',
        constituency: PAVILION,
        beneficiary: 'green',
        status: 'unknown',
        beneficiaryStood: null,
        breachingCandidates: [],
        beneficiaryCandidates: [],
      },
    ]);
    expect(report.summary).toEqual({
      total: 3,
      kept: 1,
      breached: 1,
      unknown: 1,
      beneficiaryDidNotStand: 0,
    });
  });

  it('says when the beneficiary did not stand', () => {
    const report = checkCompliance(
      [{ party: 'lab', constituency: LEWES, beneficiary: 'pc' }],
      candidates,
    );
    expect(report.standAsides[0]).toMatchObject({ status: 'kept', beneficiaryStood: false });
    expect(report.summary.beneficiaryDidNotStand).toBe(1);
  });

  it('treats a covered constituency with no candidates as known', () => {
    const report = checkCompliance(
      [{ party: 'ld', constituency: PAVILION, beneficiary: 'green' }],
      candidates,
      { coveredConstituencies: [PAVILION.toLowerCase()] },
    );
    expect(report.standAsides[0]).toMatchObject({ status: 'kept', beneficiaryStood: false });
  });

  it('holds the Brexit Party and Reform UK to each other’s promises (one registration)', () => {
    const report = checkCompliance(
      [
        { party: 'brexit', constituency: HASTINGS, beneficiary: 'con' },
        { party: 'reform', constituency: LEWES, beneficiary: 'con' },
      ],
      [
        ...candidates,
        { onsCode: HASTINGS, party: 'reform', name: 'R One' },
        { onsCode: LEWES, party: 'brexit', name: 'B Two' },
      ],
    );
    expect(report.standAsides.map((s) => [s.status, s.breachingCandidates])).toEqual([
      ['breached', ['R One']],
      ['breached', ['B Two']],
    ]);
  });

  it('compares codes and seats without regard to case or spaces', () => {
    const report = checkCompliance(
      [{ party: ' LD ', constituency: ` ${LEWES.toLowerCase()}`, beneficiary: 'Lab' }],
      candidates,
    );
    expect(report.standAsides[0]).toMatchObject({
      status: 'breached',
      breachingCandidates: ['Oli Henman'],
      beneficiaryStood: false,
    });
  });

  it('lists every breaching candidate', () => {
    const report = checkCompliance(
      [{ party: 'ind', constituency: HASTINGS, beneficiary: 'lab' }],
      [
        ...candidates,
        { onsCode: HASTINGS, party: 'ind', name: 'A' },
        { onsCode: HASTINGS, party: 'ind', name: 'B' },
      ],
    );
    expect(report.standAsides[0]?.breachingCandidates).toEqual(['A', 'B']);
  });

  it('has an empty report for no stand-asides', () => {
    expect(checkCompliance([], candidates)).toEqual({
      standAsides: [],
      summary: { total: 0, kept: 0, breached: 0, unknown: 0, beneficiaryDidNotStand: 0 },
    });
  });
});

describe('partyFamily', () => {
  it('joins brexit and reform and leaves other codes alone', () => {
    expect(partyFamily('brexit')).toBe(partyFamily('reform'));
    expect(partyFamily('Lab')).toBe('lab');
    expect(partyFamily('ukip')).not.toBe(partyFamily('reform'));
  });
});
