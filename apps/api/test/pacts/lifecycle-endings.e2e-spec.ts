// Pact lifecycle to its end: expiry (on read, on a command, in the periodic sweep), declining,
// withdrawing, rejecting and terminating; then lists, revisions and the list index over the pacts
// in every state the file has left by then. Drafts and conflicts: lifecycle-proposals.e2e-spec.ts.
import { describe, expect, it } from '@jest/globals';
import {
  canView,
  listKeysOf,
  matchesListFilter,
  type Grant,
  type Pact,
} from '@pactroom/negotiation';
import { loadPact } from '../../src/pacts/store/index.js';
import { PactScheduler } from '../../src/pacts/pact-scheduler.js';
import { createLocalParty } from '../support/factories.js';
import { LIFECYCLE_ACCOUNTS, useLifecycleApp } from '../support/lifecycle-fixture.js';
import { HASTINGS_FOR_LEWES, get, inAMonth, post } from '../support/pacts.js';

const { f, token, create } = useLifecycleApp();
const pastDeadline = (id: string) =>
  f.t.dataSource.query(`UPDATE pacts SET respond_by = now() - interval '1 minute' WHERE id = $1`, [
    id,
  ]);

describe('expiry', () => {
  it('expires a pact past its deadline on read, and then refuses commands with 409 PACT_EXPIRED', async () => {
    const pact = await create();
    await pastDeadline(pact.body.id);
    const read = await get(f.t, token('officer.lab.lewes'), `/api/pacts/${pact.body.id}`);
    expect(read.body.status).toBe('expired');
    const sign = await post(f.t, token('officer.lab.lewes'), `/api/pacts/${pact.body.id}/sign`, {
      revision: 1,
      hash: pact.body.revision.hash,
    });
    expect(sign.status).toBe(409);
    expect(sign.body.code).toBe('PACT_EXPIRED');
    const audit = await get(f.t, token('officer.lab.lewes'), `/api/pacts/${pact.body.id}/audit`);
    expect(audit.body.items.at(-1)).toMatchObject({
      action: 'pact.expired',
      actor: { role: 'system', userId: null },
    });
  });

  it('expires a due pact when a command arrives, keeping the expiry', async () => {
    const pact = await create();
    await pastDeadline(pact.body.id);
    const sign = await post(f.t, token('officer.lab.lewes'), `/api/pacts/${pact.body.id}/sign`, {
      revision: 1,
      hash: pact.body.revision.hash,
    });
    expect(sign.body.code).toBe('PACT_EXPIRED');
    const rows: { status: string }[] = await f.t.dataSource.query(
      'SELECT status FROM pacts WHERE id = $1',
      [pact.body.id],
    );
    expect(rows[0]?.status).toBe('expired');
  });

  it('expires due pacts in the periodic sweep, but never a signed one', async () => {
    const due = await create();
    const signed = await create();
    await post(f.t, token('officer.lab.lewes'), `/api/pacts/${signed.body.id}/sign`, {
      revision: 1,
      hash: signed.body.revision.hash,
    });
    await pastDeadline(due.body.id);
    await pastDeadline(signed.body.id);
    expect(await f.t.app.get(PactScheduler).sweepExpired()).toBeGreaterThanOrEqual(1);
    const rows: { id: string; status: string }[] = await f.t.dataSource.query(
      'SELECT id, status FROM pacts WHERE id = ANY($1::uuid[])',
      [[due.body.id, signed.body.id]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [due.body.id]: 'expired',
      [signed.body.id]: 'signed',
    });
  });
});

describe('endings', () => {
  it('declines, withdraws, rejects and terminates with reasons in the trail', async () => {
    const declined = await create();
    expect(
      (
        await post(f.t, token('officer.lab.lewes'), `/api/pacts/${declined.body.id}/decline`, {
          reason: 'Not this time',
        })
      ).body.status,
    ).toBe('declined');

    const withdrawn = await create();
    expect(
      (
        await post(f.t, token('officer.ld.hastings'), `/api/pacts/${withdrawn.body.id}/withdraw`, {
          reason: 'Changed our mind',
        })
      ).body.status,
    ).toBe('withdrawn');
    expect(
      (
        await post(f.t, token('officer.lab.lewes'), `/api/pacts/${withdrawn.body.id}/sign`, {
          revision: 1,
          hash: withdrawn.body.revision.hash,
        })
      ).body.code,
    ).toBe('WRONG_STATE');

    const rejected = await create();
    await post(f.t, token('officer.lab.lewes'), `/api/pacts/${rejected.body.id}/sign`, {
      revision: 1,
      hash: rejected.body.revision.hash,
    });
    const reject = await post(
      f.t,
      token('coord.ld.southeast'),
      `/api/pacts/${rejected.body.id}/reject`,
      { reason: 'Regional strategy' },
    );
    expect(reject.body.status).toBe('rejected');

    const ratified = await create();
    const hash = ratified.body.revision.hash;
    await post(f.t, token('officer.lab.lewes'), `/api/pacts/${ratified.body.id}/sign`, {
      revision: 1,
      hash,
    });
    await post(f.t, token('coord.ld.southeast'), `/api/pacts/${ratified.body.id}/approve`, {
      revision: 1,
      hash,
    });
    expect(
      (
        await post(f.t, token('coord.lab.southeast'), `/api/pacts/${ratified.body.id}/approve`, {
          revision: 1,
          hash,
        })
      ).body.status,
    ).toBe('ratified');
    const terminate = await post(
      f.t,
      token('officer.lab.lewes'),
      `/api/pacts/${ratified.body.id}/terminate`,
      { reason: 'Candidate selected after all' },
    );
    expect(terminate.body.status).toBe('terminated');
    expect((await get(f.t, token('member.ld'), `/api/pacts/${ratified.body.id}`)).status).toBe(200);
    const trail = await get(f.t, token('member.ld'), `/api/pacts/${ratified.body.id}/audit`);
    expect(trail.body.items.at(-1)).toMatchObject({
      action: 'pact.terminated',
      payload: { reason: 'Candidate selected after all' },
    });
  });

  it('shows a required approval slot without a coordinator account as pending', async () => {
    const lpIslingtonLab = await createLocalParty(f.t, 'lab', 'E14000763');
    const email = 'officer.lab.islington@pactroom.test';
    const created = await post(f.t, token('admin'), '/api/users', {
      email,
      name: 'Islington Labour',
      password: 'a-long-enough-password',
      grants: [{ role: 'officer', localPartyId: lpIslingtonLab }],
    });
    expect(created.status).toBe(201);
    const pact = await post(f.t, token('officer.ld.hastings'), '/api/pacts', {
      title: 'Hastings for Islington North',
      election: 'ge2017',
      localParties: [f.ldHastings, lpIslingtonLab],
      terms: {
        standAsides: [
          { party: 'ld', constituency: 'E14000735', beneficiary: 'lab' },
          { party: 'lab', constituency: 'E14000763', beneficiary: 'ld' },
        ],
      },
      respondBy: inAMonth(),
      propose: true,
    });
    expect(pact.status).toBe(201);
    expect(pact.body.requiredApprovals).toEqual([
      { party: 'lab', region: 'london', status: 'pending', hasCoordinator: false },
      { party: 'lab', region: 'south-east', status: 'pending', hasCoordinator: true },
      { party: 'ld', region: 'london', status: 'pending', hasCoordinator: false },
      { party: 'ld', region: 'south-east', status: 'pending', hasCoordinator: true },
    ]);
  });
});

describe('lists and revisions', () => {
  it('lists only visible pacts, filtered, with keyset pages', async () => {
    const a = await create();
    const b = await create({ propose: false });
    const ldView = await get(f.t, token('officer.ld.hastings'), '/api/pacts?limit=200');
    const ids = ldView.body.items.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([a.body.id, b.body.id]));
    const labView = await get(f.t, token('officer.lab.lewes'), '/api/pacts?limit=200');
    const labIds = labView.body.items.map((p: { id: string }) => p.id);
    expect(labIds).toContain(a.body.id);
    expect(labIds).not.toContain(b.body.id);
    for (const id of labIds as string[]) {
      expect((await get(f.t, token('officer.lab.lewes'), `/api/pacts/${id}`)).status).toBe(200);
    }
    const drafts = await get(
      f.t,
      token('officer.ld.hastings'),
      '/api/pacts?status=draft&constituency=E14000786&party=lab&region=south-east',
    );
    expect(drafts.body.items.every((p: { status: string }) => p.status === 'draft')).toBe(true);
    expect(drafts.body.items.map((p: { id: string }) => p.id)).toContain(b.body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        f.t,
        token('officer.ld.hastings'),
        `/api/pacts?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect(
      (await get(f.t, token('member.ld'), '/api/pacts')).body.items.every((p: { status: string }) =>
        ['ratified', 'terminated'].includes(p.status),
      ),
    ).toBe(true);
  });

  it('keeps every revision and diffs them', async () => {
    const pact = await create();
    await post(f.t, token('officer.lab.lewes'), `/api/pacts/${pact.body.id}/counter`, {
      baseRevision: 1,
      terms: { ...HASTINGS_FOR_LEWES, commitments: [{ party: 'lab', text: 'Joint leaflet' }] },
    });
    const revisions = await get(
      f.t,
      token('officer.ld.hastings'),
      `/api/pacts/${pact.body.id}/revisions`,
    );
    expect(revisions.body.items.map((r: { number: number }) => r.number)).toEqual([1, 2]);
    expect(
      (await get(f.t, token('officer.ld.hastings'), `/api/pacts/${pact.body.id}/revisions/1`)).body
        .hash,
    ).toBe(pact.body.revision.hash);
    const diff = await get(
      f.t,
      token('officer.ld.hastings'),
      `/api/pacts/${pact.body.id}/revisions/2/diff?against=1`,
    );
    expect(diff.body).toMatchObject({
      revision: 2,
      against: 1,
      diff: {
        commitments: { added: [{ party: 'lab', text: 'Joint leaflet' }], removed: [] },
        standAsides: { added: [], removed: [], changed: [] },
      },
    });
    expect(
      (await get(f.t, token('officer.ld.hastings'), `/api/pacts/${pact.body.id}/revisions/9`))
        .status,
    ).toBe(404);
  });
});

// Runs last: by now this file has made pacts in every state.
/** Unfiltered, each dimension (matching some pacts and none), and two dimensions at once. */
const LIST_FILTERS: Record<string, string>[] = [
  {},
  { status: 'ratified' },
  { status: 'draft' },
  { party: 'lab' },
  { party: 'green' },
  { region: 'south-east' },
  { constituency: 'E14000735' },
  { constituency: 'E14000530' },
  { status: 'proposed', party: 'ld' },
];

describe('the list index', () => {
  it('files every pact under exactly the keys of its current state, and lists exactly what canView and the filters allow', async () => {
    // A spread of its own (draft, proposed, ratified), so the test also stands alone.
    await create({ propose: false });
    await create();
    const ratified = await create();
    const accept = { revision: 1, hash: ratified.body.revision.hash };
    await post(f.t, token('officer.lab.lewes'), `/api/pacts/${ratified.body.id}/sign`, accept);
    await post(f.t, token('coord.ld.southeast'), `/api/pacts/${ratified.body.id}/approve`, accept);
    const done = await post(
      f.t,
      token('coord.lab.southeast'),
      `/api/pacts/${ratified.body.id}/approve`,
      accept,
    );
    expect(done.body.status).toBe('ratified');
    type KeyRow = { key: string; pact_id: string };
    const ids = await f.t.dataSource.query<{ id: string }[]>('SELECT id FROM pacts');
    const stored = await f.t.dataSource.query<KeyRow[]>('SELECT key, pact_id FROM pact_list_keys');
    const pacts: Pact[] = [];
    for (const { id } of ids) {
      const pact = await loadPact(f.t.dataSource.manager, id, false);
      if (!pact) {
        throw new Error(`pact ${id} not loaded`);
      }
      pacts.push(pact);
      // Exactly the keys of its current state: none of a state it has left, none missing.
      const keys = stored.filter((r) => r.pact_id === id).map((r) => r.key);
      expect({ id, keys: [...keys].sort() }).toEqual({ id, keys: listKeysOf(pact) });
    }
    expect(new Set(pacts.map((p) => p.status)).size).toBeGreaterThanOrEqual(3);
    for (const name of LIFECYCLE_ACCOUNTS) {
      const me = await get(f.t, token(name), '/api/me');
      const actor = { userId: me.body.id as string, grants: me.body.grants as Grant[] };
      for (const filter of LIST_FILTERS) {
        const listed: string[] = [];
        let cursor: string | null = null;
        do {
          const query = new URLSearchParams({ ...filter, limit: '7', ...(cursor && { cursor }) });
          const page = await get(f.t, token(name), `/api/pacts?${query.toString()}`);
          expect(page.status).toBe(200);
          listed.push(...page.body.items.map((p: { id: string }) => p.id));
          cursor = page.body.nextCursor;
        } while (cursor);
        const visible = pacts
          .filter((p) => canView(p, actor) && matchesListFilter(p, filter))
          .map((p) => p.id);
        expect({ name, filter, listed: [...listed].sort() }).toEqual({
          name,
          filter,
          listed: visible.sort(),
        });
        expect(new Set(listed).size).toBe(listed.length);
      }
    }
  });
});
