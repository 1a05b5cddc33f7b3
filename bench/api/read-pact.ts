// read-pact: GET /api/pacts/:id as the Hastings LD officer, app vs baseline. Closed-loop maximum
// rate, then both paced at half the baseline's maximum (support/load-child.ts).
// Target: ratio ≥ 0.6, p99 ≤ 25 ms at that rate.
import { runLoad } from '../support/load.js';
import { fmt, msSince, significant } from '../support/stats.js';
import { type PhaseResult, readSpec, recorded, type Stage } from './context.js';
import { alternate, brief, column, failures, med, noiseFields, rateFields } from './rounds.js';
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
  const maxRounds = await alternate('read-pact max rate', async (r) => {
    const ours = await lab.measure(appBig, {
      ...readSpec(stage, appBig, 'ours'),
      durationS: READ.maxS,
    });
    const base = await lab.measure(baseBig, {
      ...readSpec(stage, baseBig, 'baseline'),
      durationS: READ.maxS,
    });
    log(`  max rate round ${r + 1}: ours ${brief(ours)} | baseline ${brief(base)}`);
    return [ours, base];
  });
  const oursMax = column(maxRounds, 0);
  const baseMax = column(maxRounds, 1);
  const readRate = Math.max(1, Math.round(med(baseMax, (r) => r.rps) / 2));
  const at = { durationS: READ.rateS, rate: readRate, connections: PACED_INSTANCES };
  const rateRounds = await alternate('read-pact at rate', async (r) => {
    const ours = await lab.measure(appBig, { ...readSpec(stage, appBig, 'ours @rate'), ...at });
    const base = await lab.measure(baseBig, {
      ...readSpec(stage, baseBig, 'baseline @rate'),
      ...at,
    });
    log(`  at ${readRate} req/s round ${r + 1}: ours ${brief(ours)} | baseline ${brief(base)}`);
    return [ours, base];
  });
  const oursRate = column(rateRounds, 0);
  const baseRate = column(rateRounds, 1);
  const ours = med(oursMax, (r) => r.rps);
  const base = med(baseMax, (r) => r.rps);
  const p99 = med(oursRate, (r) => r.p99Ms);
  const failed = failures([...oursMax, ...oursRate]);
  log(`read-pact done in ${fmt(msSince(phase) / 1000)} s`);
  return {
    readRate,
    result: {
      entry: {
        name: 'read-pact',
        ours: significant(ours),
        baseline: significant(base),
        unit: 'req/s',
        ratio: significant(ours / base),
        p50Ms: significant(med(oursRate, (r) => r.p50Ms)),
        p99Ms: significant(p99),
        wallMs: significant(med(oursMax, (r) => r.p50Ms)),
        target: `ratio ≥ ${TARGET.readRatio}, p99 ≤ ${TARGET.readP99} ms @ ½ baseline max`,
        pass: ours / base >= TARGET.readRatio && p99 <= TARGET.readP99 && failed === 0,
        rateRps: readRate,
        ...rateFields(oursMax, baseMax, oursRate, baseRate),
        ...noiseFields(maxRounds, rateRounds),
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
