// Each API process keeps the contests and their current scenarios (ContestCache) instead of asking
// on every pact read. These tests run two apps on one database, as two processes would, and check
// that a contest's change made through one — its current scenario, its polling day — is seen at once
// by the one that made it and, once PostgreSQL announces it (LISTEN/NOTIFY), by the other; and that
// a read with the cache warm asks the database nothing about contests.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { ChangeFeed } from '../../src/database/change-feed.js';
import { demoPactFixture, get, post } from '../support/pacts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const f = demoPactFixture(['officer.ld.hastings', 'officer.lab.lewes', 'admin']);
let b: TestApp;

beforeAll(async () => {
  b = await createTestApp({ databaseUrl: f.t.databaseUrl });
});
afterAll(async () => {
  await b.close();
});

const put = (t: TestApp, token: string, path: string, body: object) =>
  t.http.put(path).set('authorization', `Bearer ${token}`).send(body);

/** Asks `app` until `done` holds of its answer (the other process hears of a change by NOTIFY). */
async function eventually(
  app: TestApp,
  path: string,
  done: (res: Response) => boolean,
): Promise<Response> {
  for (let i = 0; i < 200; i++) {
    const res = await get(app, f.token('officer.ld.hastings'), path);
    if (done(res)) {
      return res;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the change never reached the other process (${path})`);
}

const scenarioOf = (res: Response) =>
  (res.body as { impact: { scenario: { id: string } | null } | null }).impact?.scenario?.id ?? null;

/** Resolves when `t` next hears PostgreSQL announce a contest's change (its cache is empty then). */
function nextAnnouncement(t: TestApp): Promise<void> {
  return new Promise((resolve) => t.app.get(ChangeFeed).on('pactroom_contests', () => resolve()));
}

/** The SQL `t` sends through TypeORM while `act` runs. */
async function queriesDuring(t: TestApp, act: () => Promise<unknown>): Promise<string[]> {
  const logger = t.dataSource.logger;
  const original = logger.logQuery.bind(logger);
  const seen: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    seen.push(query);
    original(query, parameters, runner);
  };
  try {
    await act();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}

/** The look-up of a contest's current scenario (ScenariosService.currentOf), by its join. */
const scenarioLookUp = (sql: string) => sql.includes('ON c.current_scenario_id = s.id');

async function publishedScenario(): Promise<string> {
  const res = await post(f.t, f.token('admin'), '/api/scenarios', {
    name: 'Polls, December 2019',
    source: 'Final polling average',
    asOf: '2019-12-11',
    election: 'ge2017',
    swing: { model: 'uniform', shares: { con: 44, lab: 32, ld: 12 } },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('the contest cache across two processes', () => {
  it('runs on the change feed in both', () => {
    expect(f.t.app.get(ChangeFeed).live).toBe(true);
    expect(b.app.get(ChangeFeed).live).toBe(true);
  });

  it('projects the next pact read on a scenario set in either process', async () => {
    const scenario = await publishedScenario();
    const pact = await f.create({ contest: 'ge2019', election: undefined });
    expect(pact.status).toBe(201);
    const path = `/api/pacts/${pact.body.id as string}`;
    // Both processes have the contest's scenario (none) cached now.
    expect(scenarioOf(await get(f.t, f.token('officer.ld.hastings'), path))).toBeNull();
    expect(scenarioOf(await get(b, f.token('officer.ld.hastings'), path))).toBeNull();

    const set = await put(f.t, f.token('admin'), '/api/contests/ge2019/scenario', { scenario });
    expect(set.status).toBe(200);
    expect(scenarioOf(await get(f.t, f.token('officer.ld.hastings'), path))).toBe(scenario);
    await eventually(b, path, (res) => scenarioOf(res) === scenario);

    const cleared = await put(b, f.token('admin'), '/api/contests/ge2019/scenario', {
      scenario: null,
    });
    expect(cleared.status).toBe(200);
    expect(scenarioOf(await get(b, f.token('officer.ld.hastings'), path))).toBeNull();
    await eventually(f.t, path, (res) => scenarioOf(res) === null);
  });

  it('shows a polling day set in one process in the other', async () => {
    const path = '/api/contests/next-general';
    const before = (await get(b, f.token('officer.ld.hastings'), path)).body.pollingDay as string;
    const pollingDay = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    expect(pollingDay).not.toBe(before);
    const res = await put(f.t, f.token('admin'), `${path}/polling-day`, { pollingDay });
    expect(res.status).toBe(200);
    expect((await get(f.t, f.token('officer.ld.hastings'), path)).body.pollingDay).toBe(pollingDay);
    await eventually(b, path, (r) => r.body.pollingDay === pollingDay);
  });

  it('reads a pact without asking for its contest’s scenario until the contest changes', async () => {
    const scenario = await publishedScenario();
    const pact = await f.create({ contest: 'ge2019', election: undefined, title: 'Cached' });
    const path = `/api/pacts/${pact.body.id as string}`;
    const read = () => get(b, f.token('officer.lab.lewes'), path);
    await read();
    expect((await queriesDuring(b, read)).filter(scenarioLookUp)).toEqual([]);

    // Changed in the other process: once told, this one asks again, once.
    const heard = nextAnnouncement(b);
    await put(f.t, f.token('admin'), '/api/contests/ge2019/scenario', { scenario });
    await heard;
    let after: Response | undefined;
    const asked = await queriesDuring(b, async () => {
      after = await read();
    });
    expect(asked.filter(scenarioLookUp)).toHaveLength(1);
    expect(after && scenarioOf(after)).toBe(scenario);
    expect((await queriesDuring(b, read)).filter(scenarioLookUp)).toEqual([]);
  });
});
