import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { electionDataDir } from '../../src/reference/election-files.js';
import { createAccount, login } from '../support/factories.js';
import { branchOf, uniteToRemain } from '../support/unite-to-remain.js';
import { demoPactFixture, get, inAMonth, post } from '../support/pacts.js';

// Issue 14's real-data scenario: the 2019 Unite to Remain pact (the shipped list: 3 parties, 60
// seats, 71 stand-asides) as ONE pact for the GE2019 contest on GE2017 results, made of every branch
// concerned. Each party's HQ — a `national` grant: the Lib Dems' and the Greens' for the whole
// party, the Welsh Liberal Democrats' and Plaid Cymru's for Wales — signs for its local parties in
// one request; the branches see it; every region's coordinators ratify; the projection runs; after
// the shipped GE2019 candidates are imported, every stand-aside was kept.

const f = demoPactFixture(['admin']);
const data = (file: string) => readFileSync(join(electionDataDir(), file), 'utf8');

async function tokenFor(grants: Parameters<typeof createAccount>[1]): Promise<string> {
  return (await login(f.t, (await createAccount(f.t, grants)).email)).accessToken;
}

describe('Unite to Remain 2019 as one pact', () => {
  it('is proposed, signed by each party in one request, ratified, projected, and kept in all 60 seats', async () => {
    const { seats, legs } = uniteToRemain();
    expect(seats).toHaveLength(60);
    expect(legs).toHaveLength(71);
    expect(new Set(legs.map((l) => l.party))).toEqual(new Set(['ld', 'green', 'pc']));

    // Every branch concerned takes part: those standing aside and those benefiting.
    const branches = new Map<string, string>();
    for (const { party, constituency } of [
      ...legs,
      ...seats.map((s) => ({ party: s.beneficiary, constituency: s.onsCode })),
    ]) {
      const key = `${party}:${constituency}`;
      if (!branches.has(key)) {
        branches.set(key, await branchOf(f.t, party, constituency));
      }
    }
    const ofParty = (party: string) => [
      ...new Set([...branches].filter(([k]) => k.startsWith(`${party}:`)).map(([, id]) => id)),
    ];
    const participants = [...new Set(branches.values())];
    const regionOf = new Map(
      (
        await f.t.dataSource.query<{ id: string; region: string }[]>(
          'SELECT id, region_slug AS region FROM local_parties WHERE id = ANY($1)',
          [participants],
        )
      ).map((r) => [r.id, r.region]),
    );
    const hq = new Map<string, string>();
    for (const [name, party, region] of [
      ['ld', 'ld', undefined],
      ['welsh-ld', 'ld', 'wales'],
      ['green', 'green', undefined],
      ['pc', 'pc', 'wales'],
    ] as const) {
      hq.set(name, await tokenFor([{ role: 'national', party, ...(region ? { region } : {}) }]));
    }
    const token = (name: string) => hq.get(name) ?? '';

    const [author] = ofParty('ld');
    const created = await post(f.t, token('ld'), '/api/pacts', {
      title: 'Unite to Remain',
      contest: 'ge2019',
      localParties: participants,
      terms: { standAsides: legs, commitments: [] },
      respondBy: inAMonth(),
      propose: true,
      actingFor: author,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      contest: 'ge2019',
      election: 'ge2017',
      status: 'proposed',
    });
    const { id, revision } = created.body as {
      id: string;
      revision: { number: number; hash: string };
    };

    // Each HQ signs for its branches at once (the author's signature is already there): the Welsh
    // Liberal Democrats for the Welsh ones, then the Lib Dem HQ for the rest.
    const welsh = (lp: string) => regionOf.get(lp) === 'wales';
    const signing: [string, string[]][] = [
      ['welsh-ld', ofParty('ld').filter((lp) => welsh(lp) && lp !== author)],
      ['ld', ofParty('ld').filter((lp) => !welsh(lp) && lp !== author)],
      ['green', ofParty('green')],
      ['pc', ofParty('pc')],
    ];
    expect(signing[0]?.[1].length).toBeGreaterThan(0);
    // A nation's HQ cannot sign for a branch outside its nation: the item is named.
    const english = signing[1]?.[1][0] ?? '';
    const outside = await post(f.t, token('welsh-ld'), `/api/pacts/${id}/sign`, {
      revision: revision.number,
      hash: revision.hash,
      actingFor: [...(signing[0]?.[1] ?? []), english],
    });
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('NOT_PARTICIPANT');
    let status = '';
    for (const [name, unsigned] of signing) {
      const signed = await post(f.t, token(name), `/api/pacts/${id}/sign`, {
        revision: revision.number,
        hash: revision.hash,
        actingFor: unsigned,
      });
      expect(signed.status).toBe(200);
      status = signed.body.status as string;
    }
    // Together the HQs hold every participating branch: the last of them completes it.
    expect(status).toBe('signed');
    // One signature event per branch, each recorded as its HQ acting for it.
    const signatures = await f.t.dataSource.query(
      `SELECT actor_role AS role, count(*)::int AS n FROM audit_events
        WHERE pact_id = $1 AND action = 'pact.signed' GROUP BY actor_role`,
      [id],
    );
    expect(signatures).toEqual([{ role: 'national', n: participants.length - 1 }]);
    // A branch's own officer sees the pact its HQ signed for it.
    const branchOfficer = await tokenFor([{ role: 'officer', localPartyId: english }]);
    expect((await get(f.t, branchOfficer, `/api/pacts/${id}`)).status).toBe(200);

    // Every (party, region) asked to stand aside ratifies, through that region's coordinator.
    const pact = await get(f.t, token('ld'), `/api/pacts/${id}`);
    const slots = pact.body.requiredApprovals as { party: string; region: string }[];
    expect(new Set(slots.map((s) => s.region)).size).toBeGreaterThan(5);
    for (const { party, region } of slots) {
      const slot = { party, region };
      const coordinator = await tokenFor([{ role: 'coordinator', ...slot }]);
      const approved = await post(f.t, coordinator, `/api/pacts/${id}/approve`, {
        revision: revision.number,
        hash: revision.hash,
        actingFor: slot,
      });
      expect(approved.status).toBe(200);
      status = approved.body.status as string;
    }
    expect(status).toBe('ratified');

    // Its projection on GE2017 results.
    const impact = await get(f.t, token('green'), `/api/pacts/${id}/impact`);
    expect(impact.status).toBe(200);
    expect(impact.body).toMatchObject({ election: 'ge2017' });

    // After nominations: the shipped GE2019 candidates — every stand-aside was kept.
    const admin = f.token('admin');
    const imported = await f.t.http
      .post('/api/contests/ge2019/candidates?source=shipped')
      .set('authorization', `Bearer ${admin}`)
      .set('content-type', 'text/csv')
      .send(data('ge2019_candidates.csv'));
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ pactsChecked: 1, pactsBreached: 0 });
    const compliance = await get(f.t, token('pc'), `/api/pacts/${id}/compliance`);
    expect(compliance.body.summary).toMatchObject({ total: 71, kept: 71, breached: 0, unknown: 0 });
    expect(
      new Set(compliance.body.standAsides.map((s: { constituency: string }) => s.constituency))
        .size,
    ).toBe(60);
    expect(
      compliance.body.standAsides.every((s: { beneficiaryStood: boolean }) => s.beneficiaryStood),
    ).toBe(true);
  }, 180_000);
});
