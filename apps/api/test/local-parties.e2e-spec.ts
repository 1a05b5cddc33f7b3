import { describe, expect, it } from '@jest/globals';
import { PasswordHasher } from '../src/auth/password-hasher.js';
import { seedDemo } from '../src/demo/demo-seed.js';
import {
  EASTBOURNE_2010,
  EASTBOURNE_2024,
  ISLINGTON_NORTH_2010,
  localPartyRig,
} from './support/local-party-rig.js';
import { get, inAMonth, post } from './support/pacts.js';

// Issue 14, "local parties across boundary changes": seats on several boundary sets,
// names trimmed / non-blank / unique per party and region, one active local party per party on a
// seat, and pacts taking only a participant's seats on their boundary set. Editing and retiring:
// local-parties-editing.e2e-spec.ts.

const { f, token, patch, create, officerOf } = localPartyRig();

describe('a local party covers seats on several boundary sets', () => {
  it('gives the demo branches their 2024 seats too, with each seat’s boundary set', async () => {
    const res = await get(f.t, token('officer.ld.hastings'), `/api/local-parties/${f.ldHastings}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Hastings and Rye Liberal Democrats',
      region: 'south-east',
      boundarySets: ['2010', '2024'],
      boundarySet: '2010',
      constituencies: ['E14000735', 'E14001274'],
      seats: [
        { constituency: 'E14000735', name: 'Hastings and Rye', boundarySet: '2010' },
        { constituency: 'E14001274', name: 'Hastings and Rye', boundarySet: '2024' },
      ],
      retiredAt: null,
    });
  });

  it('seeds the demo idempotently (a second run adds no seat and records nothing)', async () => {
    const count = async () =>
      (
        await f.t.dataSource.query(
          `SELECT (SELECT count(*) FROM local_party_constituencies)::int AS seats,
                  (SELECT count(*) FROM local_party_events)::int AS events,
                  (SELECT count(*) FROM local_parties)::int AS parties`,
        )
      )[0] as { seats: number; events: number; parties: number };
    const before = await count();
    expect(await seedDemo(f.t.dataSource, f.t.app.get(PasswordHasher))).toEqual({ created: 0 });
    expect(await count()).toEqual(before);
  });

  it('creates a local party whose seats mix boundary sets, in one region', async () => {
    const res = await create('admin', {
      party: 'green',
      name: 'Eastbourne Greens',
      constituencies: [EASTBOURNE_2024, EASTBOURNE_2010],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      region: 'south-east',
      boundarySets: ['2010', '2024'],
      constituencies: [EASTBOURNE_2010, EASTBOURNE_2024],
    });
    const mixed = await create('admin', {
      party: 'green',
      name: 'Nowhere Greens',
      constituencies: [EASTBOURNE_2024, ISLINGTON_NORTH_2010],
    });
    expect(mixed.status).toBe(422);
    expect(mixed.body.code).toBe('MIXED_REGIONS');
  });

  it('takes a pact only the participants’ seats on its boundary set (ge2024: 2024 codes)', async () => {
    const res = await post(f.t, token('officer.ld.hastings'), '/api/pacts', {
      title: 'Hastings for Lewes, next time',
      election: 'ge2024',
      localParties: [f.ldHastings, f.labLewes],
      terms: {
        standAsides: [
          { party: 'ld', constituency: 'E14001274', beneficiary: 'lab' },
          { party: 'lab', constituency: 'E14001330', beneficiary: 'ld' },
        ],
      },
      respondBy: inAMonth(),
      propose: true,
    });
    expect(res.status).toBe(201);
    const seatsOf = (id: string) =>
      (res.body.participants as { localPartyId: string; constituencies: string[] }[]).find(
        (p) => p.localPartyId === id,
      )?.constituencies;
    expect(seatsOf(f.ldHastings)).toEqual(['E14001274']);
    expect(seatsOf(f.labLewes)).toEqual(['E14001330']);
  });

  it('refuses a participant with no seats on the pact’s boundary set, saying how to fix it', async () => {
    const bexhill = await create('coord.green.southeast', {
      party: 'green',
      name: 'Bexhill and Battle Green Party',
      constituencies: ['E14000557'],
    });
    expect(bexhill.status).toBe(201);
    const pact = {
      title: 'Bexhill for Lewes',
      election: 'ge2024',
      localParties: [bexhill.body.id, f.labLewes],
      terms: {
        standAsides: [{ party: 'lab', constituency: 'E14001330', beneficiary: 'green' }],
      },
      respondBy: inAMonth(),
    };
    const refused = await post(f.t, await officerOf(bexhill.body.id), '/api/pacts', pact);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('LOCAL_PARTY_BOUNDARY_MISMATCH');
    expect(refused.body.message).toContain(
      'Bexhill and Battle Green Party has no seats on the 2024 boundaries',
    );
    expect(refused.body.message).toContain('its seats are on 2010');
    expect(refused.body.message).toMatch(/coordinator .* can add its 2024 seats/);
    expect(refused.body.details).toMatchObject({
      boundarySet: '2024',
      localParties: [bexhill.body.id],
      localPartyNames: ['Bexhill and Battle Green Party'],
    });
    // The fix the message names: a coordinator adds the 2024 seat; then the same pact is accepted.
    const fixed = await patch('coord.green.southeast', bexhill.body.id, {
      constituencies: ['E14000557', 'E14001088'],
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.boundarySets).toEqual(['2010', '2024']);
    const accepted = await post(f.t, await officerOf(bexhill.body.id), '/api/pacts', pact);
    expect(accepted.status).toBe(201);
  });
});

describe('names', () => {
  it('trims names and refuses a blank one', async () => {
    const trimmed = await create('admin', {
      party: 'lab',
      name: '   Eastbourne Labour  ',
      constituencies: [EASTBOURNE_2010],
    });
    expect(trimmed.status).toBe(201);
    expect(trimmed.body.name).toBe('Eastbourne Labour');
    const blank = await create('admin', {
      party: 'lab',
      name: '   ',
      constituencies: ['E14001023'],
    });
    expect(blank.status).toBe(400);
    expect(blank.body.code).toBe('VALIDATION_FAILED');
    expect(blank.body.details).toEqual([{ field: 'name', problems: ['name must not be blank'] }]);
    const blankEdit = await patch('admin', trimmed.body.id, { name: ' \t ' });
    expect(blankEdit.status).toBe(400);
  });

  it('keeps names unique per party and region whatever the case, not across regions', async () => {
    const clash = await create('coord.lab.southeast', {
      party: 'lab',
      name: 'lewes LABOUR',
      constituencies: ['E14001023'],
    });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('LOCAL_PARTY_EXISTS');
    expect(clash.body.message).toContain('Lewes Labour');
    const otherParty = await create('admin', {
      party: 'green',
      name: 'Lewes Labour',
      constituencies: ['E14001023'],
    });
    expect(otherParty.status).toBe(201);
    const otherRegion = await create('admin', {
      party: 'lab',
      name: 'Lewes Labour',
      constituencies: [ISLINGTON_NORTH_2010],
    });
    expect(otherRegion.status).toBe(201);
    const renamed = await patch('admin', otherRegion.body.id, { name: 'HASTINGS AND RYE LABOUR' });
    expect(renamed.status).toBe(200);
    const renameClash = await patch('coord.lab.southeast', f.labLewes, {
      name: 'Hastings and Rye labour',
    });
    expect(renameClash.status).toBe(409);
    expect(renameClash.body.code).toBe('LOCAL_PARTY_EXISTS');
  });
});

describe('one active local party per party on a seat', () => {
  it('refuses a second local party of the party on a seat, naming the one that covers it', async () => {
    const res = await create('coord.ld.southeast', {
      party: 'ld',
      name: 'Rother Liberal Democrats',
      constituencies: ['E14001274'],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('LOCAL_PARTY_SEAT_TAKEN');
    expect(res.body.message).toContain(
      'E14001274 is already covered by Hastings and Rye Liberal Democrats',
    );
    expect(res.body.details).toEqual({
      seats: [
        {
          constituency: 'E14001274',
          localPartyId: f.ldHastings,
          name: 'Hastings and Rye Liberal Democrats',
        },
      ],
    });
  });

  it('refuses it on an edit too, and in the database whoever writes', async () => {
    const wealden = await create('coord.ld.southeast', {
      party: 'ld',
      name: 'Wealden Liberal Democrats',
      constituencies: ['E14001023'],
    });
    expect(wealden.status).toBe(201);
    const res = await patch('coord.ld.southeast', wealden.body.id, {
      constituencies: ['E14001023', 'E14000735'],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('LOCAL_PARTY_SEAT_TAKEN');
    // The trigger is the backstop behind the service's check.
    await expect(
      f.t.dataSource.query(
        `INSERT INTO local_party_constituencies (local_party_id, constituency_id)
         SELECT $1, id FROM constituencies WHERE boundary_set = '2010' AND ons_code = 'E14000735'`,
        [wealden.body.id],
      ),
    ).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'uq_local_parties_active_seat' },
    });
  });

  it('lets only one of two concurrent claims on a free seat through', async () => {
    const claim = (name: string) =>
      create('admin', { party: 'ld', name, constituencies: ['E14000755'] });
    const results = await Promise.all([claim('Hove Lib Dems A'), claim('Hove Lib Dems B')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});
