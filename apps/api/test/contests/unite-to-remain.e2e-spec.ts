import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { electionDataDir } from '../../src/reference/election-files.js';
import { createAccount, login } from '../support/factories.js';
import { branchOf, uniteToRemain } from '../support/unite-to-remain.js';
import { demoPactFixture, get, inAMonth, post } from '../support/pacts.js';

// Issue 14's real-data scenario, as far as it is built: the 2019 Unite to Remain pact (the shipped
// list: 3 parties, 60 seats, 71 stand-asides) as ONE pact for the GE2019 contest on GE2017 results,
// made of every branch concerned. Each party's HQ officer holds all of its party's branches and
// signs for them in one request; every region's coordinators ratify; the projection runs; after
// the shipped GE2019 candidates are imported, every stand-aside was kept. (The party-level
// `national` participant of the issue is not built yet: here HQ acts through officer grants.)

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
    const hq = new Map<string, string>();
    for (const party of ['ld', 'green', 'pc']) {
      hq.set(
        party,
        await tokenFor(ofParty(party).map((localPartyId) => ({ role: 'officer', localPartyId }))),
      );
    }
    const token = (party: string) => hq.get(party) ?? '';

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

    // Each party's HQ signs for all its branches at once (the author's signature is already there).
    let status = '';
    for (const party of ['ld', 'green', 'pc']) {
      const unsigned = ofParty(party).filter((lp) => lp !== author);
      const signed = await post(f.t, token(party), `/api/pacts/${id}/sign`, {
        revision: revision.number,
        hash: revision.hash,
        actingFor: unsigned,
      });
      expect(signed.status).toBe(200);
      status = signed.body.status as string;
    }
    // The three HQs together hold every participating branch: the last of them completes it.
    expect(status).toBe('signed');

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
