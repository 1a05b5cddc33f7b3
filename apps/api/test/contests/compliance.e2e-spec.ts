import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { electionDataDir } from '../../src/reference/election-files.js';
import { createAccount, createLocalParty, login } from '../support/factories.js';
import { demoPactFixture, get, inAMonth, localPartyId, post } from '../support/pacts.js';

// Issue 14, compliance after nominations, on real data: two ratified pacts for GE2019 checked
// against the shipped GE2019 candidates (who actually stood), then a synthetic breach.

const f = demoPactFixture([
  'officer.ld.hastings',
  'officer.lab.lewes',
  'officer.ld.lewes',
  'officer.green.pavilion',
  'coord.ld.southeast',
  'coord.lab.southeast',
  'coord.green.southeast',
  'admin',
]);
const tokens: Record<string, string> = {};
const token = (name: string) => tokens[name] ?? f.token(name);
const PAVILION = 'E14000598';
const SHIPPED = () => readFileSync(join(electionDataDir(), 'ge2019_candidates.csv'), 'utf8');

const importCsv = (csv: string, as = 'admin', contest = 'ge2019', type = 'text/csv') =>
  f.t.http
    .post(`/api/contests/${contest}/candidates?source=test`)
    .set('authorization', `Bearer ${token(as)}`)
    .set('content-type', type)
    .send(csv);

/** Signs and ratifies a proposed pact: `signer` signs, the coordinators approve. */
async function ratify(
  pact: { id: string; revision: { hash: string } },
  signer: string,
  coords: string[],
) {
  const body = { revision: 1, hash: pact.revision.hash };
  expect((await post(f.t, token(signer), `/api/pacts/${pact.id}/sign`, body)).body.status).toBe(
    'signed',
  );
  let last = '';
  for (const coordinator of coords) {
    last = (await post(f.t, token(coordinator), `/api/pacts/${pact.id}/approve`, body)).body.status;
  }
  expect(last).toBe('ratified');
}

async function ratifiedPacts() {
  // The Lib Dems stand aside in Brighton Pavilion for the Greens, as they did in 2019.
  const ldPavilion = await createLocalParty(
    f.t,
    'ld',
    PAVILION,
    'Brighton Pavilion Liberal Democrats',
  );
  const officer = await createAccount(f.t, [{ role: 'officer', localPartyId: ldPavilion }]);
  tokens.ldPavilion = (await login(f.t, officer.email)).accessToken;
  const greens = await post(f.t, token('officer.green.pavilion'), '/api/pacts', {
    title: 'Pavilion for the Greens',
    contest: 'ge2019',
    localParties: [await localPartyId(f.t, 'Brighton Pavilion Green Party'), ldPavilion],
    terms: { standAsides: [{ party: 'ld', constituency: PAVILION, beneficiary: 'green' }] },
    respondBy: inAMonth(),
    propose: true,
  });
  expect([greens.status, JSON.stringify(greens.body.details ?? null)]).toEqual([201, 'null']);
  await ratify(greens.body, 'ldPavilion', ['coord.green.southeast', 'coord.ld.southeast']);
  // Hastings-for-Lewes for GE2019: in 2019 both parties stood in both seats.
  const swap = await f.create({ election: undefined, contest: 'ge2019' });
  await ratify(swap.body, 'officer.lab.lewes', ['coord.ld.southeast', 'coord.lab.southeast']);
  return { greens: greens.body.id as string, swap: swap.body.id as string };
}

interface Leg {
  constituency: string;
  status: string;
  beneficiaryStood: boolean | null;
  breachingCandidates: string[];
}

describe('compliance after nominations', () => {
  it('checks ratified pacts against the shipped GE2019 candidates, and catches a synthetic breach', async () => {
    const { greens, swap } = await ratifiedPacts();
    const before = await get(
      f.t,
      token('officer.green.pavilion'),
      `/api/pacts/${greens}/compliance`,
    );
    expect(before.status).toBe(200);
    expect(before.body.checkedAt).toBeNull();
    expect(before.body.standAsides.map((s: Leg) => s.status)).toEqual(['unknown']);

    // Only admins import; CSV only; something readable only; a contest that exists.
    expect((await importCsv(SHIPPED(), 'coord.ld.southeast')).status).toBe(403);
    expect((await importCsv('{}', 'admin', 'ge2019', 'application/json')).status).toBe(415);
    const garbage = await importCsv('just,some\nwords,here\n');
    expect(garbage.status).toBe(422);
    expect(garbage.body.code).toBe('CANDIDATES_UNREADABLE');
    expect((await importCsv(SHIPPED(), 'admin', 'ge1997')).status).toBe(404);

    const imported = await importCsv(SHIPPED());
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      contest: 'ge2019',
      layout: 'pactroom',
      constituencies: 650,
      pactsChecked: 2,
      pactsBreached: 1,
    });

    const after = await get(
      f.t,
      token('officer.green.pavilion'),
      `/api/pacts/${greens}/compliance`,
    );
    expect(after.body.checkedAt).not.toBeNull();
    expect(after.body.standAsides).toEqual([
      expect.objectContaining({
        constituency: PAVILION,
        constituencyName: 'Brighton, Pavilion',
        status: 'kept',
        beneficiaryStood: true,
        breachingCandidates: [],
      }),
    ]);
    const swapped = await get(f.t, token('officer.ld.hastings'), `/api/pacts/${swap}/compliance`);
    expect(swapped.body.summary).toMatchObject({ total: 2, kept: 0, breached: 2 });
    expect(swapped.body.standAsides.flatMap((s: Leg) => s.breachingCandidates)).toEqual([
      'Nick Perry',
      'Kate Chappell',
    ]);

    // In the audit chain (which still verifies), and news to the officers and coordinators.
    const trail = await get(f.t, token('officer.green.pavilion'), `/api/pacts/${greens}/audit`);
    const last = trail.body.items.at(-1);
    expect(last).toMatchObject({
      action: 'pact.compliance_checked',
      payload: { contest: 'ge2019', summary: { total: 1, kept: 1, breached: 0, unknown: 0 } },
    });
    const verified = await get(
      f.t,
      token('officer.green.pavilion'),
      `/api/pacts/${greens}/audit/verify`,
    );
    expect(verified.body.valid).toBe(true);
    // The fan-out runs after commit, on the job queue: wait for it (at most ten seconds).
    const told = async () =>
      (
        await f.t.dataSource.query<{ email: string }[]>(
          `SELECT u.email FROM inbox_items i JOIN users u ON u.id = i.user_id
             JOIN notification_events e ON e.id = i.event_id
            WHERE i.kind = 'pact.compliance' AND e.pact_id = $1 ORDER BY u.email`,
          [greens],
        )
      ).map((r) => r.email);
    for (let i = 0; i < 100 && (await told()).length < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await told()).toEqual(
      expect.arrayContaining([
        'coord.green.southeast@pactroom.test',
        'coord.ld.southeast@pactroom.test',
        'officer.green.pavilion@pactroom.test',
      ]),
    );

    // The same list again changes nothing: no new event.
    expect((await importCsv(SHIPPED())).body.pactsChecked).toBe(2);
    const events = async () =>
      (
        await f.t.dataSource.query<unknown[]>(
          `SELECT 1 FROM audit_events WHERE pact_id = $1 AND action = 'pact.compliance_checked'`,
          [greens],
        )
      ).length;
    expect(await events()).toBe(1);

    // A synthetic breach: a later statement for Pavilion lists a Lib Dem.
    const breach = await importCsv(
      'ons_code,party,candidate\nE14000598,green,Caroline Lucas\nE14000598,ld,Synthetic Candidate\n',
    );
    expect(breach.body).toMatchObject({ layout: 'minimal', constituencies: 1, pactsChecked: 1 });
    const now = await get(f.t, token('ldPavilion'), `/api/pacts/${greens}/compliance`);
    expect(now.body.standAsides[0]).toMatchObject({
      status: 'breached',
      breachingCandidates: ['Synthetic Candidate'],
    });
    expect(await events()).toBe(2);

    // A pact ratified after the nominations were imported is checked at ratification.
    const again = await post(f.t, token('officer.green.pavilion'), '/api/pacts', {
      title: 'Pavilion for the Greens, again',
      contest: 'ge2019',
      localParties: [
        await localPartyId(f.t, 'Brighton Pavilion Green Party'),
        await localPartyId(f.t, 'Brighton Pavilion Liberal Democrats'),
      ],
      terms: { standAsides: [{ party: 'ld', constituency: PAVILION, beneficiary: 'green' }] },
      respondBy: inAMonth(),
      propose: true,
    });
    await ratify(again.body, 'ldPavilion', ['coord.green.southeast', 'coord.ld.southeast']);
    const againTrail = await get(f.t, token('ldPavilion'), `/api/pacts/${again.body.id}/audit`);
    expect(againTrail.body.items.map((e: { action: string }) => e.action).slice(-2)).toEqual([
      'pact.approved',
      'pact.compliance_checked',
    ]);
    expect(againTrail.body.items.at(-1).payload.summary).toMatchObject({ breached: 1 });

    // A file with a NUL byte is not text: refused before anything is stored.
    const nul = await importCsv('ons_code,party,candidate\nE14000598,ld,A\u0000B\n');
    expect(nul.status).toBe(422);
    expect(nul.body.message).toContain('Line 2');
  });

  it('answers 404 for a pact the caller may not see', async () => {
    const hidden = await f.create({ propose: false });
    const res = await get(
      f.t,
      token('officer.green.pavilion'),
      `/api/pacts/${hidden.body.id}/compliance`,
    );
    expect(res.status).toBe(404);
  });
});
