import { SHIPPED_CONTESTS, describeContest, latestRespondBy } from './contests.js';
import { checkAgainstDeadline } from './deadlines.js';

const called = { ...SHIPPED_CONTESTS[0], pollingDay: '2027-05-06' } as const;
const before = new Date('2027-03-01T12:00:00Z');
const view = describeContest(called, before);
const latest = latestRespondBy(view, 72);

describe('checkAgainstDeadline', () => {
  it('lets every command run before the latest respond-by', () => {
    for (const command of ['propose', 'counter', 'sign', 'approve', 'decline']) {
      expect(checkAgainstDeadline(view, latest, command, '2027-03-20T00:00:00Z', before)).toEqual({
        ok: true,
      });
    }
  });

  it('refuses moving a pact forward after it, but not ending one', () => {
    const after = new Date('2027-04-05T16:00:00Z');
    for (const command of ['propose', 'counter', 'sign', 'approve']) {
      expect(
        checkAgainstDeadline(view, latest, command, '2027-04-01T00:00:00Z', after),
      ).toMatchObject({
        ok: false,
        code: 'CONTEST_DEADLINE_PASSED',
      });
    }
    for (const command of ['decline', 'withdraw', 'reject', 'terminate']) {
      expect(checkAgainstDeadline(view, latest, command, '2027-04-01T00:00:00Z', after).ok).toBe(
        true,
      );
    }
  });

  it('refuses proposing a draft whose respond-by the call made too late', () => {
    expect(
      checkAgainstDeadline(view, latest, 'propose', '2027-04-20T00:00:00Z', before),
    ).toMatchObject({
      ok: false,
      code: 'RESPOND_BY_AFTER_DEADLINE',
    });
    expect(checkAgainstDeadline(view, latest, 'sign', '2027-04-20T00:00:00Z', before).ok).toBe(
      true,
    );
  });

  it('never applies to a past contest', () => {
    const past = describeContest(SHIPPED_CONTESTS[2], before);
    expect(checkAgainstDeadline(past, null, 'sign', '2027-04-20T00:00:00Z', before).ok).toBe(true);
  });
});
