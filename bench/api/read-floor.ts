// read-pact-floor: GET /api/pacts/:id, the app against the floor for a read on this machine — a
// bare server that checks the same JWT and answers the app's own body from one primary-key look-up
// (support/floor-server.ts). Closed-loop maximum rate, alternating rounds. Target: ratio ≥ 0.35.
import { fmt, msSince, significant } from '../support/stats.js';
import { withClient } from './client.js';
import { type PhaseResult, readSpec, recorded, type Stage } from './context.js';
import { cpuFields, failures, med, noiseFields, oursThenBaseline } from './rounds.js';
import { log, READ, ROUNDS, TARGET } from './settings.js';

/** Stores the app's answer for every pact the read phases request, for the floor to serve. */
async function storeBodies(stage: Stage): Promise<number> {
  const { appBig, big, database, tokens } = stage;
  const ids = big.readable;
  let stored = 0;
  await withClient(database.url('pactroom'), async (client) => {
    await client.query(
      'CREATE TABLE IF NOT EXISTS bench_floor_bodies (id uuid PRIMARY KEY, body text NOT NULL)',
    );
    await client.query('TRUNCATE bench_floor_bodies');
    for (let i = 0; i < ids.length; i += 16) {
      const chunk = ids.slice(i, i + 16);
      const bodies = await Promise.all(
        chunk.map(async (id) => {
          const res = await fetch(`${appBig.url}/api/pacts/${id}`, {
            headers: { authorization: `Bearer ${tokens.ldHastings}` },
          });
          if (res.status !== 200) {
            throw new Error(`GET /api/pacts/${id}: ${res.status}`);
          }
          return res.text();
        }),
      );
      await client.query(
        'INSERT INTO bench_floor_bodies (id, body) SELECT * FROM unnest($1::uuid[], $2::text[])',
        [chunk, bodies],
      );
      stored += chunk.length;
    }
    await client.query('VACUUM ANALYZE bench_floor_bodies');
  });
  return stored;
}

export async function benchReadFloor(stage: Stage): Promise<PhaseResult> {
  const { lab, appBig, database } = stage;
  const phase = process.hrtime.bigint();
  const stored = await storeBodies(stage);
  const floor = await lab.startFloor('floor (100k)', database.url('pactroom'));
  log(`read-pact-floor: ${stored} app bodies stored for the floor; warm-up ${READ.warmS} s`);
  try {
    await lab.measure(floor, { ...readSpec(stage, floor, 'warm floor'), durationS: READ.warmS });
    const max = await oursThenBaseline(
      lab,
      { appBig, baseBig: floor },
      'read-pact vs floor',
      (server, side) => ({ ...readSpec(stage, server, side), durationS: READ.maxS }),
    );
    const ours = med(max.ours, (r) => r.rps);
    const base = med(max.base, (r) => r.rps);
    const failed = failures([...max.ours, ...max.base]);
    log(`read-pact-floor done in ${fmt(msSince(phase) / 1000)} s: ratio ${fmt(ours / base)}`);
    return {
      entry: {
        name: 'read-pact-floor',
        ours: significant(ours),
        baseline: significant(base),
        unit: 'req/s',
        ratio: significant(ours / base),
        p50Ms: significant(med(max.ours, (r) => r.p50Ms)),
        p99Ms: significant(med(max.ours, (r) => r.p99Ms)),
        wallMs: significant(med(max.ours, (r) => r.p50Ms)),
        target: `ratio ≥ ${TARGET.floorRatio} (0.5 later)`,
        pass: ours / base >= TARGET.floorRatio && failed === 0,
        floorP50Ms: significant(med(max.base, (r) => r.p50Ms)),
        floorP99Ms: significant(med(max.base, (r) => r.p99Ms)),
        ...cpuFields(max.ours, max.base),
        ...noiseFields(max.alternation),
        failed,
        rounds: ROUNDS,
        notes:
          `GET /api/pacts/:id as the Hastings LD officer over the read phase's pacts; floor = ` +
          `fastify + pg checking the same JWT and answering the app's stored body by one ` +
          `primary-key look-up (bench/support/floor-server.ts). Median req/s of ${ROUNDS} ` +
          `alternating closed-loop runs (${READ.connections} connections, ${READ.maxS} s); ` +
          `p50Ms/p99Ms = the app's at that rate; baseline* CPU fields = the floor's.`,
        ...recorded,
      },
    };
  } finally {
    await lab.stopServer(floor);
  }
}
