import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { electionDataDir } from '../../src/reference/election-files.js';
import { demoPactFixture, get, post } from '../support/pacts.js';
import { POLLS_2019 } from '../support/scenario-fixtures.js';

// Issue 16: a pact projected to the next election (a scenario) knows which MPs of its baseline do
// not stand again, from the nominations imported for its contest; the impact names the pact's
// seats among them and the projection takes those MPs' personal vote away.

const f = demoPactFixture(['officer.ld.hastings', 'officer.lab.lewes', 'admin']);
const token = f.token;

interface StandingDownBody {
  total: number;
  constituencies: { onsCode: string; name: string }[];
}

const importCsv = (csv: string) =>
  f.t.http
    .post('/api/contests/ge2019/candidates?source=test')
    .set('authorization', `Bearer ${token('admin')}`)
    .set('content-type', 'text/csv')
    .send(csv);

describe('MPs standing down', () => {
  it('are read from the contest’s nominations when the impact is projected to the election', async () => {
    const admin = token('admin');
    const officer = token('officer.lab.lewes');
    const scenario = (await post(f.t, admin, '/api/scenarios', POLLS_2019)).body.id as string;
    const set = await f.t.http
      .put('/api/contests/ge2019/scenario')
      .set('authorization', `Bearer ${admin}`)
      .send({ scenario });
    expect(set.status).toBe(200);
    const pact = await f.create({ contest: 'ge2019', election: undefined });
    expect(pact.status).toBe(201);
    const id = pact.body.id as string;
    const impact = async (query = '') =>
      (await get(f.t, officer, `/api/pacts/${id}/impact${query}`)).body as {
        standingDown: StandingDownBody;
        balance: unknown;
      };

    const url =
      '/api/projections/suggestions?election=ge2017&parties=lab,ld&region=south-east&limit=5';
    const suggestedBefore = (await get(f.t, officer, url)).body as { items: unknown };

    // No nominations yet: every MP is presumed to stand again.
    expect(pact.body.impact.standingDown).toEqual({ total: 0, constituencies: [] });
    const before = await impact();
    expect(before.standingDown.total).toBe(0);

    // Who stood in 2019: 90 MPs of 2017 did not, Amber Rudd (Hastings and Rye) among them; Maria
    // Caulfield stood again in Lewes.
    const csv = readFileSync(join(electionDataDir(), 'ge2019_candidates.csv'), 'utf8');
    expect((await importCsv(csv)).status).toBe(201);
    const after = await impact();
    expect(after.standingDown.total).toBe(90);
    expect(after.standingDown.constituencies).toEqual([
      { onsCode: 'E14000735', name: 'Hastings and Rye' },
    ]);
    // Projected differently: the swing's national shares are met with those votes moved (the
    // Conservatives ran behind the South East in both seats, so the change here is small).
    expect(after.balance).not.toEqual(before.balance);
    // The pact detail, /impact and the baseline pick agree: the baseline is no next election.
    const detail = (await get(f.t, officer, `/api/pacts/${id}`)).body.impact as {
      standingDown: StandingDownBody;
      balance: unknown;
    };
    expect(detail.standingDown).toEqual(after.standingDown);
    expect(detail.balance).toEqual(after.balance);
    expect((await impact('?scenario=none')).standingDown).toEqual({
      total: 0,
      constituencies: [],
    });

    // A newer statement for Lewes without its MP: she now stands down too (the newest import wins).
    const lewes = await importCsv(
      'ons_code,party,candidate\nE14000786,con,Someone Else\nE14000786,ld,Kelly-Marie Blundell\n',
    );
    expect(lewes.status).toBe(201);
    const later = await impact();
    expect(later.standingDown.total).toBe(91);
    expect(later.standingDown.constituencies.map((c) => c.name)).toEqual([
      'Hastings and Rye',
      'Lewes',
    ]);

    // Suggestions on the same results use the same nominations: priced on the same world.
    const withNominations = await get(f.t, officer, url);
    expect(withNominations.status).toBe(200);
    expect(withNominations.body.projectedOn).toContain('Polls, December 2019');
    expect(withNominations.body.items).not.toEqual(suggestedBefore.items);
    const baseline = await get(f.t, officer, `${url}&scenario=none`);
    expect(baseline.body.projectedOn).toBe('baseline: GE2017 result');
  }, 120_000);
});
