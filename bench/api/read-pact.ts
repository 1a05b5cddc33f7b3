// read-pact: GET /api/pacts/:id as the Hastings LD officer, app vs baseline. Closed-loop maximum
// rate, then both paced at half the baseline's maximum (support/load-child.ts).
// Target: ratio ≥ 0.6, p99 ≤ 25 ms at that rate.
import { runLoad } from '../support/load.js';
import { fmt, msSince } from '../support/stats.js';
import { type PhaseResult, readSpec, recorded, type Stage } from './context.js';
import { failures, med, noiseFields, oursThenBaseline, rateFields, rateHead } from './rounds.js';
import { log, PACED_INSTANCES, READ, ROUNDS, TARGET } from './settings.js';

export interface ReadPactResult {
  /** Half the baseline's maximum rate: the rate the login phase reads at, too. */
  readonly readRate: number;
  readonly result: PhaseResult;
}

export async function benchReadPact(stage: Stage): Promise<ReadPactResult> {
  const { lab, appBig, baseBig, big } = stage;
  const phase = process.hrtime.bigint();
  log(`read-pact: warm-up ${READ.warmS} s each`);
  await runLoad({ ...readSpec(stage, appBig, 'warm ours'), durationS: READ.warmS });
  await runLoad({ ...readSpec(stage, baseBig, 'warm baseline'), durationS: READ.warmS });
  const max = await oursThenBaseline(lab, stage, 'read-pact max rate', (server, side) => ({
    ...readSpec(stage, server, side),
    durationS: READ.maxS,
  }));
  const { ours: oursMax, base: baseMax } = max;
  const readRate = Math.max(1, Math.round(med(baseMax, (r) => r.rps) / 2));
  const at = { durationS: READ.rateS, rate: readRate, connections: PACED_INSTANCES };
  const paced = await oursThenBaseline(
    lab,
    stage,
    `read-pact at ${readRate} req/s`,
    (server, side) => ({
      ...readSpec(stage, server, `${side} @rate`),
      ...at,
    }),
  );
  const { ours: oursRate, base: baseRate } = paced;
  const ours = med(oursMax, (r) => r.rps);
  const base = med(baseMax, (r) => r.rps);
  const p99 = med(oursRate, (r) => r.p99Ms);
  const failed = failures([...oursMax, ...oursRate]);
  log(`read-pact done in ${fmt(msSince(phase) / 1000)} s`);
  return {
    readRate,
    result: {
      entry: {
        ...rateHead('read-pact', 'req/s', oursMax, baseMax, oursRate),
        target: `ratio ≥ ${TARGET.readRatio}, p99 ≤ ${TARGET.readP99} ms @ ½ baseline max`,
        pass: ours / base >= TARGET.readRatio && p99 <= TARGET.readP99 && failed === 0,
        rateRps: readRate,
        ...rateFields(oursMax, baseMax, oursRate, baseRate),
        ...noiseFields(max.alternation, paced.alternation),
        failed,
        notes:
          `GET /api/pacts/:id as the Hastings LD officer over ${big.readable.length} pacts of ` +
          `${big.pacts} (all statuses). ours/baseline = median req/s of ${ROUNDS} alternating ` +
          `closed-loop runs (${READ.connections} connections, ${READ.maxS} s); ratio = ` +
          `ours/baseline; p50Ms/p99Ms = app latency at half the baseline's max rate ` +
          `(${readRate} req/s paced by ${PACED_INSTANCES} staggered single-connection autocannon ` +
          `instances, ${READ.rateS} s, median of ${ROUNDS}); wallMs = app p50 at max rate. ` +
          `*CpuMsPerRequest = CPU of the server process / of the whole PostgreSQL cluster per ` +
          `request at max rate. Baseline: fastify + pg, same JWT check, same principal/pact/view ` +
          `SQL and the same impact projection (bodies checked equal). App LOG_LEVEL=warn; pool ` +
          `10 on both; load generator on the same 2 cores.`,
        ...recorded,
      },
    },
  };
}
