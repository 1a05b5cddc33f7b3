// sign-pact: POST /api/pacts/:id/sign as the Lewes Labour officer, each pact of the seeded pool
// signed exactly once, app vs a bare pg transaction with the same statements. Closed-loop maximum
// rate, then paced at half the baseline's maximum. Target: ratio ≥ 0.4, p99 ≤ 100 ms.
import { runLoad, type LoadSpec } from '../support/load.js';
import type { ServerProcess } from '../support/processes.js';
import type { SignTarget } from '../support/seed.js';
import { fmt, msSince } from '../support/stats.js';
import { getJson } from './client.js';
import { type PhaseResult, recorded, type Stage } from './context.js';
import {
  brief,
  failures,
  med,
  noiseFields,
  oursThenBaseline,
  rateFields,
  rateHead,
} from './rounds.js';
import { log, PACED_INSTANCES, ROUNDS, SIGN, TARGET } from './settings.js';

export async function benchSignPact(stage: Stage): Promise<PhaseResult> {
  const { lab, appBig, baseBig, big, tokens } = stage;
  const phase = process.hrtime.bigint();
  const pool = [...stage.signPool];
  const take = (n: number): SignTarget[] => {
    if (pool.length < n) {
      throw new Error(`sign pool exhausted (${pool.length} left, ${n} wanted)`);
    }
    return pool.splice(0, n);
  };
  const signSpec = (server: ServerProcess, label: string, targets: SignTarget[]): LoadSpec => ({
    label,
    url: server.url,
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.labLewes}` },
    requests: targets.map((t) => ({
      path: `/api/pacts/${t.id}/sign`,
      body: JSON.stringify({ revision: t.revision, hash: t.hash }),
    })),
    connections: SIGN.connections,
    amount: targets.length,
  });
  log(`sign-pact: ${pool.length} proposed pacts awaiting Lewes Labour; warm-up ${SIGN.warm} each`);
  for (const [server, label] of [
    [appBig, 'warm ours'],
    [baseBig, 'warm baseline'],
  ] as const) {
    // A few signs one at a time first, so the warm-up measures steady work, not the first
    // command's one-off load of election geography.
    await runLoad({ ...signSpec(server, label, take(5)), connections: 1 });
    const warm = await runLoad(signSpec(server, label, take(SIGN.warm)));
    if (warm.ok !== SIGN.warm) {
      // With the server's last output: a 500's stack is there, not in the load's counts.
      throw new Error(`sign-pact warm-up on ${label}: ${brief(warm)}\n${server.output()}`);
    }
  }
  const signedBy = { ours: [] as string[], baseline: [] as string[] };
  const max = await oursThenBaseline(lab, stage, 'sign-pact max rate', (server, side) => {
    const targets = take(SIGN.max);
    signedBy[side].push(...targets.slice(0, 3).map((t) => t.id));
    return signSpec(server, side, targets);
  });
  const { ours: oursMax, base: baseMax } = max;
  // Every chain written — seeded, appended by the app, appended by the baseline — must verify.
  const chains = [...signedBy.ours, ...signedBy.baseline, ...big.readable.slice(0, 9)];
  for (const id of chains) {
    const token = big.readable.includes(id) ? tokens.ldHastings : tokens.labLewes;
    const check = (await getJson(`${appBig.url}/api/pacts/${id}/audit/verify`, token)) as {
      valid?: boolean;
      events?: number;
    };
    if (check.valid !== true) {
      throw new Error(`audit chain of pact ${id} does not verify: ${JSON.stringify(check)}`);
    }
  }
  log(
    `  check: audit chains verify (GET /api/pacts/:id/audit/verify) for ${chains.length} ` +
      `pacts: seeded, signed by the app, signed by the baseline`,
  );
  const base = med(baseMax, (r) => r.rps);
  // Half the baseline's max rate, as for reads, within what is left of the pool.
  const signRate = Math.max(
    1,
    Math.min(Math.round(base / 2), Math.floor(pool.length / (2 * (ROUNDS + 2) * SIGN.rateS))),
  );
  const n = signRate * SIGN.rateS;
  const at = { rate: signRate, connections: PACED_INSTANCES };
  const paced = await oursThenBaseline(
    lab,
    stage,
    `sign-pact at ${signRate} signs/s`,
    (server, side) => ({
      ...signSpec(server, `${side} @rate`, take(n)),
      ...at,
    }),
  );
  const { ours: oursRate, base: baseRate } = paced;
  const ours = med(oursMax, (r) => r.rps);
  const p99 = med(oursRate, (r) => r.p99Ms);
  const failed = failures([...oursMax, ...oursRate]);
  log(`sign-pact done in ${fmt(msSince(phase) / 1000)} s`);
  return {
    entry: {
      ...rateHead('sign-pact', 'signs/s', oursMax, baseMax, oursRate),
      target: `ratio ≥ ${TARGET.signRatio}, p99 ≤ ${TARGET.signP99} ms`,
      pass: ours / base >= TARGET.signRatio && p99 <= TARGET.signP99 && failed === 0,
      rateRps: signRate,
      ...rateFields(oursMax, baseMax, oursRate, baseRate),
      ...noiseFields(max.alternation, paced.alternation),
      failed,
      notes:
        `POST /api/pacts/:id/sign as the Lewes Labour officer, every pact signed exactly once ` +
        `(distinct proposed pacts among ${big.pacts}); each sign completes the pact (status ` +
        `signed). ours/baseline = median signs/s of ${ROUNDS} alternating closed-loop runs of ` +
        `${SIGN.max} signs (${SIGN.connections} connections); p50Ms/p99Ms = app latency at ` +
        `${signRate} signs/s (half the baseline max, bounded by the pool; paced, ` +
        `${SIGN.rateS} s, median of ${ROUNDS}); wallMs = app p50 at max rate. Baseline: one pg ` +
        `transaction — SELECT … FOR UPDATE, the same load query, INSERT signature, UPDATE pact, ` +
        `SELECT chain head, INSERT audit event (SHA-256 of canonical JSON), the same view query ` +
        `and impact — with the same JWT check and principal query.`,
      ...recorded,
    },
  };
}
