import { describe, expect, it } from '@jest/globals';
import type { TestApp } from '../support/test-app.js';
import { demoPactFixture, get, inAMonth, localPartyId, post } from '../support/pacts.js';

// Issue 14, contests and the nomination calendar, over HTTP: what a pact is for, its calendar,
// the respond-by bound for an election still to come, counters moving respond-by, conflicts per
// contest, and an admin calling an election.

// A ten-day margin before the withdrawal deadline (72 hours by default), so that calling an
// election for the nearest lawful polling day always leaves too little time, even over Christmas.
const MARGIN_HOURS = 240;
const f = demoPactFixture(
  ['officer.ld.hastings', 'officer.lab.lewes', 'officer.green.pavilion', 'admin'],
  { PACTROOM_WITHDRAWAL_MARGIN_HOURS: String(MARGIN_HOURS) },
);
const token = f.token;
const DAY = 86_400_000;
const put = (t: TestApp, bearerToken: string, path: string, body: object) =>
  t.http.put(path).set('authorization', `Bearer ${bearerToken}`).send(body);

/**
 * Calls the next general election for the nearest polling day whose withdrawal deadline is still
 * ahead (within a few working days: less than the margin).
 */
async function soonestPollingDay(admin: string): Promise<ContestBody> {
  for (let days = 20; days < 40; days += 1) {
    const pollingDay = new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
    const res = await put(f.t, admin, '/api/contests/next-general/polling-day', { pollingDay });
    if (res.status === 200) {
      return res.body as ContestBody;
    }
  }
  throw new Error('no polling day could be set');
}

interface ContestBody {
  id: string;
  pollingDay: string;
  pollingDayIsLatestPossible: boolean;
  phase: string;
  baseline: string;
  boundarySet: string;
  calendar: { nominationsClose: string; withdrawalDeadline: string; pollingDay: string };
  latestRespondBy: string | null;
}

describe('GET /api/contests', () => {
  it('lists the next general election and the past ones with their calendars', async () => {
    const res = await get(f.t, token('officer.ld.hastings'), '/api/contests');
    expect(res.status).toBe(200);
    const items = (res.body as { items: ContestBody[] }).items;
    expect(items.map((c) => c.id)).toEqual(['next-general', 'ge2024', 'ge2019', 'ge2017']);
    const [next, ge2024, ge2019] = items;
    expect(next).toMatchObject({
      boundarySet: '2024',
      baseline: 'ge2024',
      pollingDay: '2029-08-15',
      pollingDayIsLatestPossible: true,
      phase: 'open',
      latestRespondBy: '2029-07-08T15:00:00.000Z',
    });
    expect(ge2024?.calendar.nominationsClose).toBe('2024-06-07T15:00:00.000Z');
    expect(ge2019).toMatchObject({
      baseline: 'ge2017',
      phase: 'past',
      latestRespondBy: null,
      calendar: { withdrawalDeadline: '2019-11-14T16:00:00.000Z', pollingDay: '2019-12-12' },
    });
  });

  it('answers 404 for a contest that does not exist', async () => {
    const res = await get(f.t, token('officer.ld.hastings'), '/api/contests/ge1997');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('CONTEST_NOT_FOUND');
  });
});

describe('pacts name a contest', () => {
  it('takes `contest`, and `election` alone as the alias for the contest it is the baseline of', async () => {
    const byContest = await f.create({ election: undefined, contest: 'ge2019' });
    expect(byContest.status).toBe(201);
    expect(byContest.body).toMatchObject({ contest: 'ge2019', election: 'ge2017' });
    const byAlias = await f.create({ propose: false });
    expect(byAlias.body).toMatchObject({ contest: 'ge2019', election: 'ge2017' });
    const hindsight = await f.create({ election: 'ge2019', propose: false });
    expect(hindsight.body).toMatchObject({ contest: 'ge2019', election: 'ge2019' });
    const listed = await get(f.t, token('officer.ld.hastings'), `/api/pacts?limit=1`);
    expect(listed.body.items[0]).toHaveProperty('contest');
  });

  it('refuses a baseline on other boundaries, an unknown contest, and neither', async () => {
    const mismatch = await f.create({ contest: 'next-general', election: 'ge2017' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('BASELINE_BOUNDARY_MISMATCH');
    const unknown = await f.create({ election: undefined, contest: 'ge1997' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('UNKNOWN_CONTEST');
    const neither = await f.create({ election: undefined });
    expect(neither.status).toBe(400);
    expect(JSON.stringify(neither.body.details)).toContain('contest is required');
  });

  it('checks conflicts within a contest only', async () => {
    // Hastings-for-Lewes for GE2019, signed: it holds Hastings and Lewes in that contest.
    const held = await f.create({ title: 'Held for GE2019' });
    const signed = await post(f.t, token('officer.lab.lewes'), `/api/pacts/${held.body.id}/sign`, {
      revision: 1,
      hash: held.body.revision.hash,
    });
    expect(signed.body.status).toBe('signed');
    // The Lib Dems standing aside in Hastings for the Greens clashes in GE2019…
    const clash = {
      localParties: [f.ldHastings, await localPartyId(f.t, 'Brighton Pavilion Green Party')],
      terms: {
        standAsides: [
          { party: 'ld', constituency: 'E14000735', beneficiary: 'green' },
          { party: 'green', constituency: 'E14000598', beneficiary: 'ld' },
        ],
      },
    };
    const same = await f.create({ ...clash, contest: 'ge2019', election: undefined });
    expect(same.status).toBe(409);
    expect(same.body.code).toBe('CONFLICTING_PACT');
    // …but not in a GE2017 what-if on GE2015 results, on the same boundaries and seat codes.
    const other = await f.create({ ...clash, contest: 'ge2017', election: undefined });
    expect(other.status).toBe(201);
    expect(other.body).toMatchObject({ contest: 'ge2017', election: 'ge2015' });
  });
});

describe('an election called: polling day, deadline and respond-by', () => {
  it('lets only an admin set the polling day, within the law, and keeps the change', async () => {
    const officer = await put(
      f.t,
      token('officer.ld.hastings'),
      '/api/contests/next-general/polling-day',
      {
        pollingDay: '2027-05-06',
      },
    );
    expect(officer.status).toBe(403);
    const admin = token('admin');
    const late = await put(f.t, admin, '/api/contests/next-general/polling-day', {
      pollingDay: '2029-08-16',
    });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('INVALID_POLLING_DAY');
    expect(late.body.message).toContain('2029-08-15');
    const notADate = await put(f.t, admin, '/api/contests/next-general/polling-day', {
      pollingDay: '2027-02-30',
    });
    expect(notADate.status).toBe(422);
    const malformed = await put(f.t, admin, '/api/contests/next-general/polling-day', {
      pollingDay: 'next May',
    });
    expect(malformed.status).toBe(400);
    const held = await put(f.t, admin, '/api/contests/ge2019/polling-day', {
      pollingDay: '2027-05-06',
    });
    expect(held.status).toBe(409);
    expect(held.body.code).toBe('CONTEST_HELD');
    const changes = await f.t.dataSource.query('SELECT 1 FROM contest_changes');
    expect(changes).toHaveLength(0);
  });

  it('bounds respond-by by the withdrawal deadline, and a counter may move it within that', async () => {
    // Polling day two months ahead: withdrawals close 19 working days before, so respond-by
    // must fall about a month ahead less the margin.
    const pollingDay = new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10);
    const called = await put(f.t, token('admin'), '/api/contests/next-general/polling-day', {
      pollingDay,
      note: 'Parliament dissolved',
    });
    expect(called.status).toBe(200);
    const contest = called.body as ContestBody;
    expect(contest).toMatchObject({ pollingDay, pollingDayIsLatestPossible: false, phase: 'open' });
    const latest = Date.parse(contest.latestRespondBy ?? '');
    expect(Date.parse(contest.calendar.withdrawalDeadline) - latest).toBe(MARGIN_HOURS * 3_600_000);
    const [change] = await f.t.dataSource.query<{ action: string; payload: object }[]>(
      'SELECT action, payload FROM contest_changes',
    );
    expect(change).toEqual({
      action: 'polling_day_set',
      payload: { from: null, to: pollingDay, note: 'Parliament dissolved' },
    });

    // The demo branches cover their 2024-boundary seats too (a branch outlives a boundary review).
    const ld = { id: f.ldHastings, token: token('officer.ld.hastings') };
    const lab = { id: f.labLewes, token: token('officer.lab.lewes') };
    const offer = (respondBy: string) =>
      post(f.t, ld.token, '/api/pacts', {
        title: 'Hastings for Lewes, next time',
        contest: 'next-general',
        localParties: [ld.id, lab.id],
        terms: {
          standAsides: [
            { party: 'ld', constituency: 'E14001274', beneficiary: 'lab' },
            { party: 'lab', constituency: 'E14001330', beneficiary: 'ld' },
          ],
        },
        respondBy,
        propose: true,
      });
    const tooLate = await offer(new Date(latest + 60_000).toISOString());
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.code).toBe('RESPOND_BY_AFTER_DEADLINE');
    expect(tooLate.body.message).toContain(contest.calendar.withdrawalDeadline);
    const inTime = await offer(new Date(latest - 5 * DAY).toISOString());
    expect(inTime.status).toBe(201);
    expect(inTime.body).toMatchObject({ contest: 'next-general', election: 'ge2024' });

    const counter = (respondBy: string) =>
      post(f.t, lab.token, `/api/pacts/${inTime.body.id}/counter`, {
        baseRevision: inTime.body.currentRevision,
        terms: {
          standAsides: [
            { party: 'ld', constituency: 'E14001274', beneficiary: 'lab' },
            { party: 'lab', constituency: 'E14001330', beneficiary: 'ld' },
          ],
          commitments: [{ party: 'lab', text: 'No leaflets in Lewes' }],
        },
        respondBy,
      });
    const pastDeadline = await counter(new Date(latest + DAY).toISOString());
    expect(pastDeadline.body.code).toBe('RESPOND_BY_AFTER_DEADLINE');
    const moved = new Date(latest - DAY).toISOString();
    const countered = await counter(moved);
    expect(countered.status).toBe(200);
    expect(countered.body.respondBy).toBe(moved);
    const trail = await get(f.t, lab.token, `/api/pacts/${inTime.body.id}/audit`);
    const last = (trail.body.items as { action: string; payload: { respondBy?: string } }[]).at(-1);
    expect(last).toMatchObject({ action: 'pact.countered', payload: { respondBy: moved } });
  });

  it('once a pact can no longer be agreed in time, allows only ending it', async () => {
    const admin = token('admin');
    const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const tooSoon = await put(f.t, admin, '/api/contests/next-general/polling-day', {
      pollingDay: tomorrow,
    });
    expect(tooSoon.status).toBe(422);
    expect(tooSoon.body.message).toContain('would have closed');
    // Nominations not closed yet: who stood is not known, so nothing can be imported.
    const early = await f.t.http
      .post('/api/contests/next-general/candidates')
      .set('authorization', `Bearer ${admin}`)
      .set('content-type', 'text/csv')
      .send('ons_code,party,candidate\nE14001274,ld,Someone\n');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('NOMINATIONS_OPEN');

    // A next-general offer, then the election is called so close that withdrawals end within
    // the margin: the pact can no longer be agreed in time.
    const offer = await post(f.t, token('officer.ld.hastings'), '/api/pacts', {
      title: 'Too late for this one',
      contest: 'next-general',
      localParties: [f.ldHastings, f.labLewes],
      terms: {
        standAsides: [
          { party: 'ld', constituency: 'E14001274', beneficiary: 'lab' },
          { party: 'lab', constituency: 'E14001330', beneficiary: 'ld' },
        ],
      },
      respondBy: new Date(Date.now() + 2 * DAY).toISOString(),
      propose: true,
    });
    expect(offer.status).toBe(201);
    const soonest = await soonestPollingDay(admin);
    expect(soonest.latestRespondBy && Date.parse(soonest.latestRespondBy) < Date.now()).toBe(true);
    const sign = await post(f.t, token('officer.lab.lewes'), `/api/pacts/${offer.body.id}/sign`, {
      revision: 1,
      hash: offer.body.revision.hash,
    });
    expect(sign.status).toBe(409);
    expect(sign.body.code).toBe('CONTEST_DEADLINE_PASSED');
    const decline = await post(
      f.t,
      token('officer.lab.lewes'),
      `/api/pacts/${offer.body.id}/decline`,
      {
        reason: 'Too late now',
      },
    );
    expect(decline.body.status).toBe('declined');
  });

  it('does not apply the deadline to a past contest (a what-if)', async () => {
    const res = await f.create({ contest: 'ge2019', election: undefined, respondBy: inAMonth() });
    expect(res.status).toBe(201);
  });
});
