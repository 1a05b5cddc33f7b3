import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createAccount, login } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let token: string;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  token = (await login(t, (await createAccount(t, [{ role: 'member', party: 'lab' }])).email))
    .accessToken;
  admin = (await login(t, (await createAccount(t, [{ role: 'admin' }])).email)).accessToken;
});
afterAll(async () => {
  await t.close();
});

const get = (path: string, as = token) => t.http.get(path).set('authorization', bearer(as));

describe('reference data', () => {
  it('gives Hastings and Rye 2017 as published', async () => {
    const res = await get('/api/elections/ge2017/constituencies/E14000735');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      election: 'ge2017',
      onsCode: 'E14000735',
      name: 'Hastings and Rye',
      region: 'south-east',
      votes: { con: 25668, lab: 25322, ld: 1885, ukip: 1479, ind: 412 },
      electorate: 78319,
      validVotes: 54766,
      winner: 'con',
      majority: 346,
    });
    expect(res.body.turnout).toBeCloseTo(54766 / 78319, 4);
  });

  it('lists the four elections with their real seat totals', async () => {
    const res = await get('/api/elections');
    expect(res.body.items.map((e: { code: string }) => e.code)).toEqual([
      'ge2015',
      'ge2017',
      'ge2019',
      'ge2024',
    ]);
    const ge2017 = res.body.items.find((e: { code: string }) => e.code === 'ge2017');
    expect(ge2017).toMatchObject({
      constituencies: 650,
      boundarySet: '2010',
      seats: {
        con: 317,
        lab: 262,
        snp: 35,
        ld: 12,
        dup: 10,
        sf: 7,
        pc: 4,
        green: 1,
        speaker: 1,
        ind: 1,
      },
    });
  });

  it('lists parties and the 12 regions with slugs', async () => {
    const regions = await get('/api/regions');
    expect(regions.body.items).toHaveLength(12);
    expect(regions.body.items.map((r: { slug: string }) => r.slug)).toEqual(
      expect.arrayContaining(['south-east', 'london', 'scotland', 'wales', 'northern-ireland']),
    );
    const parties = await get('/api/parties');
    expect(parties.body.items).toEqual(
      expect.arrayContaining([
        { code: 'ld', name: 'Liberal Democrats', colour: expect.any(String) },
      ]),
    );
  });

  it('pages through all 650 constituencies with keyset cursors', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(
        `/api/elections/ge2019/constituencies?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      for (const c of res.body.items as { onsCode: string }[]) {
        seen.add(c.onsCode);
      }
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.size).toBe(650);
    expect(pages).toBe(4);
  });

  it('filters constituencies by region and name', async () => {
    const res = await get('/api/elections/ge2017/constituencies?region=south-east&q=hastings');
    expect(res.body.items).toEqual([
      {
        onsCode: 'E14000735',
        name: 'Hastings and Rye',
        region: 'south-east',
        country: 'England',
        winner: 'con',
        majority: 346,
      },
    ]);
    const se = await get('/api/elections/ge2017/constituencies?region=south-east&limit=200');
    expect(se.body.items).toHaveLength(84);
  });

  // The 2017 file spells it `Ynys Mon`, the 2024 one `Ynys Môn`: either query finds both.
  it.each([
    ['hastings & rye', /^Hastings and Rye$/],
    ['HASTINGS AND RYE', /^Hastings and Rye$/],
    ['ynys mon', /^Ynys M[oô]n$/],
    ['Ynys Môn', /^Ynys M[oô]n$/],
    ['môn', /^Ynys M[oô]n$/],
  ])('finds %j whatever its accents, case and punctuation', async (q, name) => {
    for (const election of ['ge2017', 'ge2024']) {
      const res = await get(
        `/api/elections/${election}/constituencies?q=${encodeURIComponent(q)}&limit=200`,
      );
      expect(res.status).toBe(200);
      const names: string[] = res.body.items.map((c: { name: string }) => c.name);
      expect({ election, found: names.some((n) => name.test(n)) }).toEqual({
        election,
        found: true,
      });
    }
  });

  it('treats a query of punctuation alone as no name filter, and a wildcard as a character', async () => {
    const all = await get('/api/elections/ge2017/constituencies?q=%21%21%21&limit=200');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(200);
    const none = await get('/api/elections/ge2017/constituencies?q=ha%25s');
    expect(none.body.items).toEqual([]);
  });

  it.each([
    ['/api/elections/ge1997/constituencies', 'ELECTION_NOT_FOUND'],
    ['/api/elections/ge2017/constituencies/E99999999', 'CONSTITUENCY_NOT_FOUND'],
    ['/api/elections/ge2024/constituencies/E14000735', 'CONSTITUENCY_NOT_FOUND'],
  ])('answers 404 for %s', async (path, code) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(code);
  });

  it.each([['limit=0'], ['limit=201'], ['limit=abc'], ['cursor=%%%'], ['unknown=1']])(
    'refuses ?%s with 400',
    async (query) => {
      const res = await get(`/api/elections/ge2017/constituencies?${query}`);
      expect(res.status).toBe(400);
    },
  );

  it('needs a token', async () => {
    expect((await t.http.get('/api/parties')).status).toBe(401);
  });
});

describe('local parties', () => {
  it('lets an admin create one; the region comes from its constituencies', async () => {
    const res = await get('/api/local-parties').send();
    expect(res.status).toBe(200);
    const created = await t.http
      .post('/api/local-parties')
      .set('authorization', bearer(admin))
      .send({ party: 'green', name: 'Lewes Greens', constituencies: ['E14000786'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      party: 'green',
      name: 'Lewes Greens',
      region: 'south-east',
      boundarySets: ['2010'],
      boundarySet: '2010',
      constituencies: ['E14000786'],
      seats: [{ constituency: 'E14000786', name: 'Lewes', boundarySet: '2010' }],
      retiredAt: null,
    });
    const listed = await get('/api/local-parties?party=green&region=south-east');
    expect(listed.body.items.map((l: { id: string }) => l.id)).toContain(created.body.id);
  });

  it.each([
    [
      { party: 'green', name: 'Mixed', constituencies: ['E14000786', 'E14000763'] },
      422,
      'MIXED_REGIONS',
    ],
    [
      { party: 'green', name: 'Nowhere', constituencies: ['E14999999'] },
      422,
      'UNKNOWN_CONSTITUENCY',
    ],
    [{ party: 'zzz', name: 'Nobody', constituencies: ['E14000786'] }, 422, 'UNKNOWN_PARTY'],
    [{ party: 'green', name: 'Bad', constituencies: ['not-a-code'] }, 400, 'VALIDATION_FAILED'],
  ])('refuses %j', async (body, status, code) => {
    const res = await t.http
      .post('/api/local-parties')
      .set('authorization', bearer(admin))
      .send(body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('lets a coordinator create only in their own party and region', async () => {
    const coord = (
      await login(
        t,
        (await createAccount(t, [{ role: 'coordinator', party: 'ld', region: 'south-east' }]))
          .email,
      )
    ).accessToken;
    const ok = await t.http
      .post('/api/local-parties')
      .set('authorization', bearer(coord))
      .send({ party: 'ld', name: 'Brighton Pavilion Lib Dems', constituencies: ['E14000598'] });
    expect(ok.status).toBe(201);
    const otherRegion = await t.http
      .post('/api/local-parties')
      .set('authorization', bearer(coord))
      .send({ party: 'ld', name: 'Islington LD', constituencies: ['E14000763'] });
    expect(otherRegion.status).toBe(403);
    expect(otherRegion.body.code).toBe('LOCAL_PARTY_OUT_OF_SCOPE');
    const member = await t.http
      .post('/api/local-parties')
      .set('authorization', bearer(token))
      .send({ party: 'lab', name: 'X', constituencies: ['E14000598'] });
    expect(member.status).toBe(403);
  });
});
