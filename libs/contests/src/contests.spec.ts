import {
  SHIPPED_CONTESTS,
  contestForElection,
  describeContest,
  latestRespondBy,
  type Contest,
} from './contests.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const views = SHIPPED_CONTESTS.map((c) => describeContest(c, NOW));
const view = (id: string) => {
  const found = views.find((v) => v.id === id);
  if (!found) {
    throw new Error(`no contest ${id}`);
  }
  return found;
};

describe('shipped contests', () => {
  it('the next general election shows its latest lawful polling day until one is set', () => {
    expect(view('next-general')).toMatchObject({
      boundarySet: '2024',
      baseline: 'ge2024',
      pollingDay: '2029-08-15',
      pollingDayIsLatestPossible: true,
      phase: 'open',
    });
  });

  it('past elections carry their real polling days and earlier baselines', () => {
    expect(view('ge2019')).toMatchObject({
      baseline: 'ge2017',
      pollingDay: '2019-12-12',
      phase: 'past',
    });
    expect(view('ge2017')).toMatchObject({
      baseline: 'ge2015',
      boundarySet: '2010',
      phase: 'past',
    });
    expect(view('ge2024')).toMatchObject({
      baseline: 'ge2024',
      boundarySet: '2024',
      phase: 'past',
    });
    expect(view('ge2019').calendar.withdrawalDeadline).toBe('2019-11-14T16:00:00.000Z');
  });

  it('an election called for a date moves through open, nominations-closed and past', () => {
    const called: Contest = { ...SHIPPED_CONTESTS[0], pollingDay: '2027-05-06' };
    const at = (iso: string) => describeContest(called, new Date(iso)).phase;
    // Nominations close 4 pm BST on Thursday 8 April 2027 (Easter Monday 29 March is before).
    expect(describeContest(called, NOW).calendar.withdrawalDeadline).toBe(
      '2027-04-08T15:00:00.000Z',
    );
    expect(at('2027-04-08T14:59:59Z')).toBe('open');
    expect(at('2027-04-08T15:00:00Z')).toBe('nominations-closed');
    expect(at('2027-05-07T00:00:00Z')).toBe('past');
  });
});

describe('contestForElection (the `election` alias)', () => {
  it.each([
    ['ge2015', 'ge2017'],
    ['ge2017', 'ge2019'],
    ['ge2019', 'ge2019'],
    ['ge2024', 'next-general'],
  ])('%s means the contest %s', (election, contest) => {
    expect(contestForElection(views, election)?.id).toBe(contest);
  });

  it('knows no contest for an unknown result set', () => {
    expect(contestForElection(views, 'ge2010')).toBeUndefined();
  });
});

describe('latestRespondBy', () => {
  it('is the withdrawal deadline less the margin for an open contest, none for a past one', () => {
    // Withdrawals close 4 pm BST on Wednesday 18 July 2029, 19 working days before 15 August.
    expect(view('next-general').calendar.withdrawalDeadline).toBe('2029-07-18T15:00:00.000Z');
    expect(latestRespondBy(view('next-general'), 72)).toBe('2029-07-15T15:00:00.000Z');
    expect(latestRespondBy(view('ge2019'), 72)).toBeNull();
  });
});
