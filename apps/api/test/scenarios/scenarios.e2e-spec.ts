import { describe, expect, it } from '@jest/globals';
import type { TestApp } from '../support/test-app.js';
import { demoPactFixture, get, post } from '../support/pacts.js';
import { POLLS_2019 } from '../support/scenario-fixtures.js';

// Issue 16, scenarios and one impact, over HTTP: admins publish swing scenarios (checked against
// their baseline, append-only), set a contest's current one, and every reader of a pact's impact
// (detail, /impact, consultation, certificate) gets the same seeded numbers on it.

const f = demoPactFixture([
  'officer.ld.hastings',
  'officer.lab.lewes',
  'coord.ld.southeast',
  'coord.lab.southeast',
  'member.lab',
  'member.green',
  'admin',
]);
const token = f.token;
const put = (t: TestApp, bearerToken: string, path: string, body: object) =>
  t.http.put(path).set('authorization', `Bearer ${bearerToken}`).send(body);

interface ImpactBody {
  draws: number;
  seed: number;
  election: string;
  scenario: { id: string; name: string; source: string; asOf: string } | null;
  projectedOn: string;
  balance: Record<string, { gains: number; gives: number; forgoes: number; net: number }>;
  seats: { onsCode: string; gain: number; winnerBefore: string; winnerAfter: string }[];
  central: { note: string; flips: unknown[]; seats: Record<string, number> };
}

describe('scenarios', () => {
  it('are published by admins only, checked against the baseline, and readable by anyone signed in', async () => {
    const officer = token('officer.ld.hastings');
    expect((await post(f.t, officer, '/api/scenarios', POLLS_2019)).status).toBe(403);
    const bad = await post(f.t, token('admin'), '/api/scenarios', {
      ...POLLS_2019,
      swing: { model: 'uniform', shares: { con: 44 }, regions: { atlantis: { con: 40 } } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('INVALID_SWING');
    expect(bad.body.message).toContain('swing.regions.atlantis');
    expect(bad.body.details[0]).toMatchObject({
      field: 'swing.regions.atlantis',
      code: 'UNKNOWN_REGION',
    });
    const tooMuch = await post(f.t, token('admin'), '/api/scenarios', {
      ...POLLS_2019,
      swing: { model: 'uniform', shares: { con: 70, lab: 40 } },
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.message).toContain('swing.shares');
    const malformed = await post(f.t, token('admin'), '/api/scenarios', {
      ...POLLS_2019,
      asOf: 'yesterday',
    });
    expect(malformed.status).toBe(400);
    const impossible = await post(f.t, token('admin'), '/api/scenarios', {
      ...POLLS_2019,
      asOf: '2019-02-30',
      name: '  ',
    });
    expect(impossible.status).toBe(400);
    expect(impossible.body.details).toEqual([
      { field: 'name', problems: ['name must not be blank'] },
      { field: 'asOf', problems: ['asOf: 2019-02-30 is not a calendar date'] },
    ]);

    const created = await post(f.t, token('admin'), '/api/scenarios', POLLS_2019);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Polls, December 2019',
      asOf: '2019-12-11',
      election: 'ge2017',
      boundarySet: '2010',
      publishedBy: expect.any(String),
    });
    const id = created.body.id as string;
    expect((await f.t.http.get('/api/scenarios')).status).toBe(401);
    const list = await get(f.t, officer, '/api/scenarios?boundarySet=2010');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect((await get(f.t, officer, '/api/scenarios?boundarySet=2024')).body.items).toEqual([]);
    expect((await get(f.t, officer, `/api/scenarios/${id}`)).body.name).toBe(POLLS_2019.name);
    expect((await get(f.t, officer, '/api/scenarios/not-an-id')).status).toBe(404);
    expect(
      (await get(f.t, officer, '/api/scenarios/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    // No route edits or deletes one; the table refuses it too.
    expect(
      (
        await f.t.http
          .delete(`/api/scenarios/${id}`)
          .set('authorization', `Bearer ${token('admin')}`)
      ).status,
    ).toBe(404);
    await expect(
      f.t.dataSource.query(`UPDATE scenarios SET name = 'x' WHERE id = $1`, [id]),
    ).rejects.toThrow();
  });

  it('set as a contest’s current scenario by an admin (kept), used by every impact of its pacts', async () => {
    const admin = token('admin');
    const created = await post(f.t, admin, '/api/scenarios', POLLS_2019);
    const scenario = created.body.id as string;
    const pact = await f.create({ contest: 'ge2019', election: undefined });
    expect(pact.status).toBe(201);
    const id = pact.body.id as string;
    // Baseline at first: the detail and /impact agree (same draws, same seed).
    const before = pact.body.impact as ImpactBody;
    expect(before).toMatchObject({ draws: 2000, seed: 1, scenario: null });
    expect(before.projectedOn).toBe('baseline: GE2017 result');
    expect(before.central.note).toMatch(/central figures, without uncertainty/);
    const first = await get(f.t, token('officer.lab.lewes'), `/api/pacts/${id}/impact`);
    expect(first.status).toBe(200);
    expect((first.body as ImpactBody).balance).toEqual(before.balance);

    // Only admins set it; a scenario on other boundaries does not fit; an unknown contest is 404.
    const officer = token('officer.ld.hastings');
    expect((await put(f.t, officer, '/api/contests/ge2019/scenario', { scenario })).status).toBe(
      403,
    );
    expect((await put(f.t, admin, '/api/contests/nope/scenario', { scenario })).status).toBe(404);
    const mismatch = await put(f.t, admin, '/api/contests/next-general/scenario', { scenario });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('SCENARIO_BOUNDARY_MISMATCH');
    const set = await put(f.t, admin, '/api/contests/ge2019/scenario', {
      scenario,
      note: 'final polls',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ contest: 'ge2019', scenario: { id: scenario } });
    expect((await get(f.t, officer, '/api/contests/ge2019/scenario')).body.scenario.id).toBe(
      scenario,
    );
    const changes = await f.t.dataSource.query<{ payload: { to: string; note: string } }[]>(
      `SELECT payload FROM contest_changes WHERE contest_id = 'ge2019' AND action = 'scenario_set'`,
    );
    expect(changes.at(-1)?.payload).toMatchObject({ to: scenario, note: 'final polls' });

    // The pact detail and /impact now use it, with the same numbers.
    const detail = (await get(f.t, officer, `/api/pacts/${id}`)).body.impact as ImpactBody;
    const impact = (await get(f.t, officer, `/api/pacts/${id}/impact`)).body as ImpactBody;
    expect(detail.scenario).toMatchObject({ id: scenario, name: 'Polls, December 2019' });
    expect(detail.projectedOn).toBe(
      'Polls, December 2019 (Final polling average, as of 2019-12-11)',
    );
    expect(impact.scenario?.id).toBe(scenario);
    expect(impact.balance).toEqual(detail.balance);
    expect(impact.seats).toEqual(detail.seats);
    expect(impact.balance).not.toEqual(before.balance);

    // The viewer may pick the baseline or another scenario; a bad pick is named.
    const none = (await get(f.t, officer, `/api/pacts/${id}/impact?scenario=none`))
      .body as ImpactBody;
    expect(none.scenario).toBeNull();
    expect(none.balance).toEqual(before.balance);
    const other = await post(f.t, admin, '/api/scenarios', {
      ...POLLS_2019,
      name: 'Labour surge',
      swing: { model: 'proportional', shares: { con: 35, lab: 42, ld: 8 } },
    });
    const picked = (await get(f.t, officer, `/api/pacts/${id}/impact?scenario=${other.body.id}`))
      .body as ImpactBody;
    expect(picked.scenario?.name).toBe('Labour surge');
    const unknown = await get(
      f.t,
      officer,
      `/api/pacts/${id}/impact?scenario=00000000-0000-4000-8000-000000000000`,
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toMatch(/^scenario:/);
    expect((await get(f.t, officer, `/api/pacts/${id}/impact?scenario=bogus`)).status).toBe(400);
    // Hidden pacts stay hidden, whatever the scenario.
    expect(
      (await get(f.t, token('member.green'), `/api/pacts/${id}/impact?scenario=none`)).status,
    ).toBe(404);

    // Cleared: back to the baseline.
    expect(
      (await put(f.t, admin, '/api/contests/ge2019/scenario', { scenario: null })).body.scenario,
    ).toBeNull();
    const cleared = (await get(f.t, officer, `/api/pacts/${id}`)).body.impact as ImpactBody;
    expect(cleared.scenario).toBeNull();
    expect(cleared.balance).toEqual(before.balance);
  });

  it('snapshots in the certificate the same impact as the pact detail and /impact', async () => {
    const created = await f.create({ title: 'Certified impact' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const revision = { revision: created.body.revision.number, hash: created.body.revision.hash };
    await post(f.t, token('officer.lab.lewes'), `/api/pacts/${id}/sign`, revision);
    await post(f.t, token('coord.ld.southeast'), `/api/pacts/${id}/approve`, revision);
    const ratified = await post(
      f.t,
      token('coord.lab.southeast'),
      `/api/pacts/${id}/approve`,
      revision,
    );
    expect(ratified.body.status).toBe('ratified');
    const cert = await get(f.t, token('member.lab'), `/api/pacts/${id}/certificate`);
    expect(cert.status).toBe(200);
    const snapshot = cert.body.certificate.payload.projection as ImpactBody;
    const impact = (await get(f.t, token('member.lab'), `/api/pacts/${id}/impact`))
      .body as ImpactBody;
    expect(snapshot.draws).toBe(2000);
    expect(snapshot.balance).toEqual(impact.balance);
    expect(snapshot.seats).toEqual(impact.seats);
    expect(snapshot.central).toEqual(impact.central);
    expect(ratified.body.impact.balance).toEqual(impact.balance);
  });

  it('refuses as a contest’s current scenario one that does not fit the contest’s baseline', async () => {
    // Reform after the Brexit Party's pattern: fine on GE2019 results, where the Brexit Party
    // stood; not on the contest's 2017 baseline, where it did not.
    const brexit = await post(f.t, token('admin'), '/api/scenarios', {
      ...POLLS_2019,
      name: 'Reform polls',
      election: 'ge2019',
      swing: {
        model: 'uniform',
        shares: { con: 40, lab: 30, reform: 8 },
        proxies: { reform: 'brexit' },
      },
    });
    expect(brexit.status).toBe(201);
    const refused = await put(f.t, token('admin'), '/api/contests/ge2019/scenario', {
      scenario: brexit.body.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('INVALID_SWING');
    expect(refused.body.message).toMatch(/^scenario: swing\.proxies\.reform/);
  });
});
