// Health under a projection flood (issue 10, items 9–10: one account must not slow everyone down):
// GET /api/health paced at HEALTH_RPS alone, then under a bounded flood — eight demo accounts each
// sending 60-stand-aside Monte Carlo runs back to back and two sending 300-stand-aside
// deterministic projections back to back, each account on one connection (closed loop) — in
// alternating rounds; the probe starts FLOOD.leadS seconds into the flood. Target: health p99 under the flood within FLOOD.maxSlowdown × its quiet p99;
// the flood itself gets 200, 429 or 503 and never a 500. The app alone is measured: the baseline
// has no projections, so the entry compares the app with itself (baseline = quiet).
import { runLoad, type LoadResult, type LoadSpec } from '../support/load.js';
import { fmt, median, msSince, significant } from '../support/stats.js';
import { withClient, login } from './client.js';
import type { PhaseResult, Stage } from './context.js';
import { recorded } from './context.js';
import { threadUse } from './probes.js';
import { alternate, brief, column, noiseFields } from './rounds.js';
import { FLOOD, log } from './settings.js';

const FLOODERS = [
  'officer.ld.hastings',
  'officer.lab.hastings',
  'officer.lab.lewes',
  'officer.ld.lewes',
  'officer.green.pavilion',
  'coord.lab.southeast',
  'coord.ld.southeast',
  'coord.green.southeast',
  'member.lab',
  'member.ld',
];
const HEAVY = 2;

export async function benchProjectionFlood(stage: Stage): Promise<PhaseResult> {
  const phase = process.hrtime.bigint();
  const { lab, appBig } = stage;
  log('projection flood: health alone vs under a projection flood');
  const legs = await withClient(stage.database.url('pactroom'), async (db) => {
    const rows = await db.query<{ party_code: string; ons_code: string }>(
      `SELECT v.party_code, c.ons_code FROM constituency_votes v
         JOIN constituencies c ON c.id = v.constituency_id
        WHERE v.election_code = 'ge2017' AND v.party_code IN ('green', 'ld')
        ORDER BY v.party_code, c.ons_code`,
    );
    return rows.rows.map((r) => ({
      party: r.party_code,
      constituency: r.ons_code,
      beneficiary: 'lab',
    }));
  });
  // One at a time: the app caps sign-ins in flight.
  const tokens: string[] = [];
  for (const name of FLOODERS) {
    tokens.push(await login(appBig.url, `${name}@pactroom.test`));
  }
  const health: LoadSpec = {
    label: 'health',
    url: appBig.url,
    method: 'GET',
    headers: {},
    requests: [{ path: '/api/health' }],
    connections: 1,
    rate: FLOOD.healthRps,
    durationS: FLOOD.runS,
  };
  const flooder = (token: string, i: number): LoadSpec => {
    const heavy = i >= tokens.length - HEAVY;
    const body = heavy
      ? { election: 'ge2017', standAsides: legs.slice(0, 300) }
      : { election: 'ge2017', standAsides: legs.slice(0, 60), simulations: 5000 };
    return {
      label: heavy ? 'flood (deterministic, 300 legs)' : 'flood (Monte Carlo)',
      url: appBig.url,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [{ path: '/api/projections', body: JSON.stringify(body) }],
      connections: 1,
      // The flood starts first and outlasts the probe: the probe measures a steady flood, not the
      // start of eleven load-generator processes.
      durationS: FLOOD.runS + FLOOD.leadS + 1,
      timeoutS: 60,
    };
  };
  // Warm-up: the worker and the election data loaded, JIT warm, before anything is counted.
  await runLoad({ ...health, durationS: 1 });
  await runLoad({ ...flooder(tokens[0] ?? '', 0), durationS: 2 });

  const floods: LoadResult[][] = [];
  const rounds = await alternate('projection flood', async (r) => {
    const quiet = await threadUse(lab, appBig.child.pid, () => runLoad(health));
    const loaded = await threadUse(lab, appBig.child.pid, () =>
      Promise.all([
        sleep(FLOOD.leadS * 1000).then(() => runLoad(health)),
        ...tokens.map((t, i) => runLoad(flooder(t, i))),
      ]),
    );
    const [probe, ...flood] = loaded.value;
    if (!probe) {
      throw new Error('health probe missing');
    }
    floods.push(flood);
    log(
      `  flood round ${r + 1}: health alone ${brief(quiet.value)} | under the flood ` +
        `${brief(probe)}; flood answers ${JSON.stringify(statuses(flood))}; app ` +
        `CPU: event loop ${fmt(quiet.mainPct)} → ${fmt(loaded.mainPct)} %, other threads ` +
        `${fmt(loaded.othersPct)} %; event loop waiting for a CPU ${fmt(loaded.mainWaitMsPerS)} ms/s`,
    );
    return [
      { ...quiet, value: quiet.value },
      { ...loaded, value: probe },
    ];
  });
  const quietRuns = column(rounds, 0).map((x) => x.value);
  const floodedRuns = column(rounds, 1).map((x) => x.value);
  const quietP99 = median(quietRuns.map((r) => r.p99Ms));
  const floodP99 = median(floodedRuns.map((r) => r.p99Ms));
  const slowdowns = rounds.rounds.map(
    ([q, f]) => (f?.value.p99Ms ?? NaN) / (q?.value.p99Ms ?? NaN),
  );
  const slowdown = median(slowdowns);
  const all = statuses(floods.flat());
  const serverErrors = Object.keys(all).filter((code) => /^5/.test(code) && code !== '503');
  const healthFailures = [...quietRuns, ...floodedRuns].reduce((n, r) => n + r.failed, 0);
  const pass =
    slowdown <= FLOOD.maxSlowdown &&
    serverErrors.length === 0 &&
    healthFailures === 0 &&
    (all['200'] ?? 0) > 0;
  log(
    `projection flood done in ${fmt(msSince(phase) / 1000)} s: health p99 ${fmt(quietP99)} ms ` +
      `alone, ${fmt(floodP99)} ms under the flood (${fmt(slowdown)}×, target ≤ ${FLOOD.maxSlowdown}×)`,
  );
  return {
    entry: {
      name: 'projection-flood',
      ours: significant(floodP99),
      baseline: significant(quietP99),
      unit: 'ms health p99',
      ratio: significant(quietP99 / floodP99),
      p50Ms: significant(median(floodedRuns.map((r) => r.p50Ms))),
      p99Ms: significant(floodP99),
      wallMs: significant(median(quietRuns.map((r) => r.p50Ms))),
      target: `health p99 under the flood ≤ ${FLOOD.maxSlowdown}× quiet; no 5xx but 503`,
      pass,
      slowdown: significant(slowdown),
      slowdowns: slowdowns.map((x) => significant(x)),
      healthRps: FLOOD.healthRps,
      flooders: { monteCarlo: FLOODERS.length - HEAVY, deterministic300: HEAVY },
      floodStatuses: all,
      healthFailures,
      ...noiseFields(rounds),
      ...recorded,
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function statuses(runs: readonly LoadResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const run of runs) {
    for (const [code, n] of Object.entries(run.statuses)) {
      out[code] = (out[code] ?? 0) + n;
    }
  }
  return out;
}
