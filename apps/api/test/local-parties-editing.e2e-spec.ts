import { describe, expect, it } from '@jest/globals';
import { ISLINGTON_NORTH_2010, localPartyRig } from './support/local-party-rig.js';
import { get, inAMonth, post } from './support/pacts.js';
import { bearer, createAccount, login } from './support/factories.js';

// Issue 14, "local parties across boundary changes": coordinators edit and retire local
// parties in scope (retired ones stay readable, out of new pacts), every change recorded.

const { f, token, patch, retire, create, events, officerOf } = localPartyRig();

describe('editing', () => {
  it('lets a coordinator rename and move seats across boundary sets, recorded with who did it', async () => {
    const made = await create('coord.lab.southeast', {
      party: 'lab',
      name: 'Hove Labour',
      constituencies: ['E14000755'],
    });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const edited = await patch('coord.lab.southeast', id, {
      name: 'Hove and Portslade Labour',
      constituencies: ['E14001296'],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: 'Hove and Portslade Labour',
      boundarySets: ['2024'],
      constituencies: ['E14001296'],
    });
    // The removed seat is marked, not deleted; adding it back unmarks it.
    const rows: { removed: boolean }[] = await f.t.dataSource.query(
      `SELECT lc.removed_at IS NOT NULL AS removed FROM local_party_constituencies lc
         JOIN constituencies c ON c.id = lc.constituency_id WHERE lc.local_party_id = $1 AND c.ons_code = 'E14000755'`,
      [id],
    );
    expect(rows).toEqual([{ removed: true }]);
    const back = await patch('admin', id, { constituencies: ['E14001296', 'E14000755'] });
    expect(back.body.constituencies).toEqual(['E14000755', 'E14001296']);
    const trail = await events(id);
    expect(trail.map((e) => e.action)).toEqual([
      'local_party.created',
      'local_party.edited',
      'local_party.edited',
    ]);
    expect(trail[1]).toMatchObject({
      actorRole: 'coordinator',
      actorName: 'Labour South East Coordinator',
      payload: {
        name: { from: 'Hove Labour', to: 'Hove and Portslade Labour' },
        added: [{ constituency: 'E14001296', boundarySet: '2024' }],
        removed: [{ constituency: 'E14000755', boundarySet: '2010' }],
      },
    });
    expect(trail[2]).toMatchObject({ actorRole: 'admin' });
  });

  it('keeps a local party’s seats in its region', async () => {
    const res = await patch('coord.lab.southeast', f.labLewes, {
      constituencies: ['E14000786', ISLINGTON_NORTH_2010],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('MIXED_REGIONS');
    expect(res.body.message).toContain(ISLINGTON_NORTH_2010);
  });

  it('answers 404 outside your scope, as for one that does not exist', async () => {
    const ldCoord = await patch('coord.ld.southeast', f.labLewes, { name: 'Taken over' });
    expect(ldCoord.status).toBe(404);
    expect(ldCoord.body.code).toBe('LOCAL_PARTY_NOT_FOUND');
    const london = (
      await login(
        f.t,
        (await createAccount(f.t, [{ role: 'coordinator', party: 'lab', region: 'london' }])).email,
      )
    ).accessToken;
    const otherRegion = await f.t.http
      .patch(`/api/local-parties/${f.labLewes}`)
      .set('authorization', bearer(london))
      .send({ name: 'Taken over' });
    expect(otherRegion.status).toBe(404);
    const missing = await patch('admin', '00000000-0000-4000-8000-000000000000', { name: 'X' });
    expect(missing.status).toBe(404);
    expect((await patch('admin', 'not-a-uuid', { name: 'X' })).status).toBe(404);
    expect((await retire('coord.ld.southeast', f.labLewes, 'No')).status).toBe(404);
    expect(
      (await get(f.t, token('coord.ld.southeast'), `/api/local-parties/${f.labLewes}/events`))
        .status,
    ).toBe(404);
    const officer = await patch('officer.lab.lewes', f.labLewes, { name: 'Mine now' });
    expect(officer.status).toBe(403);
    expect((await get(f.t, token('admin'), `/api/local-parties/${f.labLewes}`)).body.name).toBe(
      'Lewes Labour',
    );
  });
});

describe('retiring', () => {
  it('keeps a retired local party readable and in its pacts, but out of new ones', async () => {
    const made = await create('coord.lab.southeast', {
      party: 'lab',
      name: 'Wealden Labour',
      constituencies: ['E14001023'],
    });
    const id = made.body.id as string;
    const officer = await officerOf(id);
    const terms = {
      standAsides: [
        { party: 'ld', constituency: 'E14000735', beneficiary: 'lab' },
        { party: 'lab', constituency: 'E14001023', beneficiary: 'ld' },
      ],
    };
    const before = await post(f.t, officer, '/api/pacts', {
      title: 'Wealden for Hastings',
      election: 'ge2017',
      localParties: [id, f.ldHastings],
      terms,
      respondBy: inAMonth(),
    });
    expect(before.status).toBe(201);

    expect((await retire('coord.lab.southeast', id, '   ')).status).toBe(400);
    const retired = await retire('coord.lab.southeast', id, '  Merged into Bexhill Labour ');
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).toEqual(expect.any(String));
    expect(retired.body.retirementReason).toBe('Merged into Bexhill Labour');
    expect(retired.body.constituencies).toEqual(['E14001023']);

    const listed = async (query: string) =>
      (
        (await get(f.t, token('officer.lab.lewes'), `/api/local-parties?party=lab&${query}`)).body
          .items as { id: string }[]
      ).map((lp) => lp.id);
    expect(await listed('retired=true')).toEqual([id]);
    expect(await listed('retired=false')).not.toContain(id);
    expect(await listed('limit=200')).toContain(id);

    const again = await retire('admin', id, 'Twice');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('LOCAL_PARTY_RETIRED');
    expect((await patch('admin', id, { name: 'Revived' })).body.code).toBe('LOCAL_PARTY_RETIRED');

    const shown = await get(f.t, officer, `/api/pacts/${before.body.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.participants).toContainEqual(
      expect.objectContaining({ localPartyId: id, name: 'Wealden Labour' }),
    );
    const refused = await post(f.t, officer, '/api/pacts', {
      title: 'Wealden again',
      election: 'ge2017',
      localParties: [id, f.ldHastings],
      terms,
      respondBy: inAMonth(),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('LOCAL_PARTY_RETIRED');
    expect(refused.body.message).toContain('Wealden Labour was retired on');

    // Its name and seat are free for the local party that replaces it.
    const successor = await create('coord.lab.southeast', {
      party: 'lab',
      name: 'wealden labour',
      constituencies: ['E14001023'],
    });
    expect(successor.status).toBe(201);
    expect((await events(id)).map((e) => [e.action, e.payload.reason ?? null])).toEqual([
      ['local_party.created', null],
      ['local_party.retired', 'Merged into Bexhill Labour'],
    ]);
  });
});
