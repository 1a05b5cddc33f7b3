// Issue 14, national pacts: a party's HQ (a `national` grant, party-wide or for one nation) acts for
// its party's local parties — drafts, proposes and signs for many at once — while those local
// parties see the pact and are told, and their region's coordinators still ratify.
import { describe, expect, it } from '@jest/globals';
import { createAccount, login } from '../support/factories.js';
import { HASTINGS_FOR_LEWES, demoPactFixture, get, inAMonth, post } from '../support/pacts.js';

const f = demoPactFixture([
  'admin',
  'hq.ld',
  'officer.ld.hastings',
  'officer.lab.lewes',
  'coord.ld.southeast',
  'coord.lab.southeast',
]);

async function tokenFor(grants: Parameters<typeof createAccount>[1]): Promise<string> {
  return (await login(f.t, (await createAccount(f.t, grants)).email)).accessToken;
}

const revisionOf = (body: { revision: { number: number; hash: string } }) => ({
  revision: body.revision.number,
  hash: body.revision.hash,
});

describe('national grants', () => {
  it('are given by an admin: a party, optionally a nation, never a local party', async () => {
    const email = `welsh-ld-${Date.now()}@pactroom.test`;
    const created = await post(f.t, f.token('admin'), '/api/users', {
      email,
      name: 'Welsh Liberal Democrats',
      password: 'a long enough password',
      grants: [{ role: 'national', party: 'ld', region: 'wales' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.grants).toEqual([
      { role: 'national', party: 'ld', region: 'wales', localPartyId: null },
    ]);
    const bad = await post(f.t, f.token('admin'), '/api/users', {
      email: `bad-${email}`,
      name: 'Misfiled HQ',
      password: 'a long enough password',
      grants: [{ role: 'national', party: 'ld', localPartyId: f.ldHastings }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'INVALID_GRANT' });
    expect(JSON.stringify(bad.body.details)).toContain('a national grant needs a party');
  });
});

describe('a pact made by a party HQ', () => {
  let id = '';
  let rev = { revision: 0, hash: '' };

  it('is drafted for a local party the HQ names, and must name one', async () => {
    const body = {
      title: 'HQ: Hastings for Lewes',
      contest: 'ge2019',
      localParties: [f.ldHastings, f.labLewes],
      terms: HASTINGS_FOR_LEWES,
      respondBy: inAMonth(),
      propose: true,
    };
    // Lib Dem HQ acts for every Lib Dem local party: which one is the author must be said.
    const ambiguous = await post(f.t, f.token('hq.ld'), '/api/pacts', {
      ...body,
      localParties: [f.ldHastings, f.labLewes, await lewesLd()],
    });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.code).toBe('AMBIGUOUS_ACTOR');
    const created = await post(f.t, f.token('hq.ld'), '/api/pacts', {
      ...body,
      actingFor: f.ldHastings,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'proposed', authorLocalPartyId: f.ldHastings });
    id = created.body.id as string;
    rev = revisionOf(created.body);
  });

  it('is recorded as the HQ acting for the local party', async () => {
    const trail = await get(f.t, f.token('officer.ld.hastings'), `/api/pacts/${id}/audit`);
    expect(trail.status).toBe(200);
    const events = trail.body.items as { action: string; actor: Record<string, unknown> }[];
    expect(events.map((e) => [e.action, e.actor.role, e.actor.localPartyId])).toEqual([
      ['pact.drafted', 'national', f.ldHastings],
      ['pact.proposed', 'national', f.ldHastings],
    ]);
    expect(events[0]?.actor).toMatchObject({ party: 'ld', region: null });
  });

  it('is seen by the local parties it acts for and by the HQ, not by another party’s HQ', async () => {
    const greenHq = await tokenFor([{ role: 'national', party: 'green' }]);
    const welshLabour = await tokenFor([{ role: 'national', party: 'lab', region: 'wales' }]);
    const labourHq = await tokenFor([{ role: 'national', party: 'lab' }]);
    for (const [token, status] of [
      [f.token('hq.ld'), 200],
      [f.token('officer.ld.hastings'), 200],
      [f.token('officer.lab.lewes'), 200],
      [labourHq, 200],
      [greenHq, 404],
      [welshLabour, 404],
    ] as const) {
      expect((await get(f.t, token, `/api/pacts/${id}`)).status).toBe(status);
      const list = await get(f.t, token, '/api/pacts?limit=100');
      const ids = (list.body.items as { id: string }[]).map((p) => p.id);
      expect(ids.includes(id)).toBe(status === 200);
    }
  });

  it('tells the local party’s own officers what its HQ did for it', async () => {
    const told = await waitForInbox(id, 'officer.ld.hastings@pactroom.test');
    expect(told).toEqual(['pact.proposed']);
  });

  it('is signed by the other side and ratified by the coordinators, never by the HQ', async () => {
    const signed = await post(f.t, f.token('officer.lab.lewes'), `/api/pacts/${id}/sign`, rev);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
    const byHq = await post(f.t, f.token('hq.ld'), `/api/pacts/${id}/approve`, rev);
    expect(byHq.status).toBe(403);
    for (const coordinator of ['coord.ld.southeast', 'coord.lab.southeast']) {
      const approved = await post(f.t, f.token(coordinator), `/api/pacts/${id}/approve`, rev);
      expect(approved.status).toBe(200);
    }
    expect((await get(f.t, f.token('hq.ld'), `/api/pacts/${id}`)).body.status).toBe('ratified');
  });
});

describe('a nation’s HQ', () => {
  it('signs only for its own nation’s local parties, naming the one it may not sign for', async () => {
    const welshLd = await tokenFor([{ role: 'national', party: 'ld', region: 'wales' }]);
    const created = await post(f.t, f.token('officer.lab.lewes'), '/api/pacts', {
      // A what-if for 2017 (its own contest): the GE2019 pact above holds these seats for 2019.
      title: 'Lewes for Hastings, asked of Wales',
      contest: 'ge2017',
      localParties: [f.ldHastings, f.labLewes],
      terms: HASTINGS_FOR_LEWES,
      respondBy: inAMonth(),
      propose: true,
    });
    expect(created.status).toBe(201);
    const path = `/api/pacts/${created.body.id as string}`;
    // Hastings is in the South East: the Welsh party neither sees nor signs it.
    expect((await get(f.t, welshLd, path)).status).toBe(404);
    const sign = await post(f.t, welshLd, `${path}/sign`, {
      ...revisionOf(created.body),
      actingFor: [f.ldHastings],
    });
    expect(sign.status).toBe(404);
    // The party-wide HQ may.
    const byHq = await post(f.t, f.token('hq.ld'), `${path}/sign`, revisionOf(created.body));
    expect(byHq.status).toBe(200);
    expect(byHq.body.status).toBe('signed');
  });
});

async function lewesLd(): Promise<string> {
  const rows = await f.t.dataSource.query<{ id: string }[]>(
    `SELECT id FROM local_parties WHERE name = 'Lewes Liberal Democrats'`,
  );
  return rows[0]?.id ?? '';
}

/** The kinds of inbox item `email` has for the pact, once the outbox has been fanned out. */
async function waitForInbox(pactId: string, email: string): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = await f.t.dataSource.query<{ kind: string }[]>(
      `SELECT i.kind FROM inbox_items i JOIN notification_events e ON e.id = i.event_id
         JOIN users u ON u.id = i.user_id
        WHERE e.pact_id = $1 AND u.email = $2 ORDER BY i.created_at`,
      [pactId, email],
    );
    if (rows.length > 0 || Date.now() > deadline) {
      return rows.map((r) => r.kind);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
