// startup: `npm start` to healthy, cold (fresh data folder) and warm (the same folder again), vs
// the embedded PostgreSQL + bare server floor (support/baseline-start.ts). No target.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../apps/api/src/database/free-port.js';
import {
  clusterCpuMs,
  groupCpuMs,
  openWindow,
  postmasterPid,
  processGroup,
  type Disturbance,
} from '../support/cpu.js';
import { startServer, stopLeftoverPostgres } from '../support/processes.js';
import { fmt, median, msSince, significant } from '../support/stats.js';
import { type PhaseResult, recorded } from './context.js';
import type { Lab } from './lab.js';
import { alternate, column, noiseFields } from './rounds.js';
import { log, ROUNDS } from './settings.js';

type Start = Disturbance & { readonly ms: number };

async function startOnce(lab: Lab, kind: 'ours' | 'baseline', dataDir: string): Promise<Start> {
  const port = await freePort();
  const pgPort = await freePort();
  const env: Record<string, string | undefined> = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !k.startsWith('npm_') && !k.startsWith('PACTROOM_') && k !== 'DATABASE_URL',
      ),
    ),
    PORT: String(port),
    PACTROOM_DATA_DIR: dataDir,
    PACTROOM_EMBEDDED_PG_PORT: String(pgPort),
  };
  // Both start as the leader of a new process group: the group (npm, sh, node, initdb,
  // PostgreSQL) is what the start cost, anything else busy meanwhile is other work.
  let group = 0;
  const window = openWindow(() => {
    if (group === 0) {
      return 0;
    }
    const pm = postmasterPid(join(dataDir, 'pg'));
    const outside = pm !== undefined && processGroup(pm) !== group;
    return groupCpuMs(group) + (outside ? clusterCpuMs(pm) : 0);
  });
  const t = process.hrtime.bigint();
  const server = await startServer({
    name: `${kind} start`,
    command: kind === 'ours' ? 'npm' : process.execPath,
    args:
      kind === 'ours'
        ? ['start']
        : [join(lab.root, 'dist', 'bench', 'support', 'baseline-start.js')],
    env,
    port,
    cwd: lab.root,
    group: true,
    timeoutMs: 120_000,
  });
  const ms = msSince(t);
  group = server.child.pid ?? 0;
  const disturbance = window.close();
  await server.stop();
  await stopLeftoverPostgres(join(dataDir, 'pg'));
  return { ...disturbance, ms };
}

export async function benchStartup(lab: Lab): Promise<PhaseResult> {
  const phase = process.hrtime.bigint();
  log('startup: `npm start` to healthy (cold: fresh data folder; warm: the same folder again)');
  const startRounds = await alternate<Start>('startup', async (r) => {
    const oursDir = join(lab.workDir, `start-ours-${r}`);
    const baseDir = join(lab.workDir, `start-base-${r}`);
    const runs = [
      await startOnce(lab, 'ours', oursDir),
      await startOnce(lab, 'baseline', baseDir),
      await startOnce(lab, 'ours', oursDir),
      await startOnce(lab, 'baseline', baseDir),
    ];
    const [oc, bc, ow, bw] = runs.map((x) => fmt(x.ms));
    log(
      `  round ${r + 1}: cold ours ${oc} ms, baseline ${bc} ms; warm ours ${ow} ms, ` +
        `baseline ${bw} ms`,
    );
    rmSync(oursDir, { recursive: true, force: true });
    rmSync(baseDir, { recursive: true, force: true });
    return runs;
  });
  const times = {
    oursCold: column(startRounds, 0).map((x) => x.ms),
    baseCold: column(startRounds, 1).map((x) => x.ms),
    oursWarm: column(startRounds, 2).map((x) => x.ms),
    baseWarm: column(startRounds, 3).map((x) => x.ms),
  };
  const cold = median(times.oursCold);
  const warm = median(times.oursWarm);
  const baseCold = median(times.baseCold);
  const baseWarm = median(times.baseWarm);
  log(`startup done in ${fmt(msSince(phase) / 1000)} s`);
  return {
    entry: {
      name: 'startup',
      ours: significant(cold),
      baseline: significant(baseCold),
      unit: 'ms',
      ratio: significant(baseCold / cold),
      p50Ms: significant(cold),
      p99Ms: significant(Math.max(...times.oursCold)),
      wallMs: significant(cold),
      target: '-',
      pass: null,
      coldMs: significant(cold),
      warmMs: significant(warm),
      warmMaxMs: significant(Math.max(...times.oursWarm)),
      baselineColdMs: significant(baseCold),
      baselineWarmMs: significant(baseWarm),
      warmRatio: significant(baseWarm / warm),
      samples: Object.fromEntries(
        Object.entries(times).map(([k, v]) => [k, v.map((ms) => significant(ms))]),
      ),
      ...noiseFields(startRounds),
      rounds: ROUNDS,
      notes:
        `ours = \`npm start\` (build, embedded PostgreSQL, migrations, election data, demo ` +
        `accounts, Nest boot) from spawn to the first 200 of GET /api/health, in ms (lower is ` +
        `better; ratio = baseline/ours): cold = fresh data folder (initdb), warm = the same folder ` +
        `again. Baseline = the same embedded PostgreSQL (initdb when cold) + a bare fastify server ` +
        `answering health with SELECT 1. p50Ms = wallMs = cold median, p99Ms = cold max; ` +
        `${ROUNDS} alternating rounds. Default env otherwise (development, pretty logs).`,
      ...recorded,
    },
    extraRows: [
      {
        name: '  warm',
        ours: warm,
        baseline: baseWarm,
        unit: 'ms',
        ratio: baseWarm / warm,
        p50Ms: warm,
        p99Ms: Math.max(...times.oursWarm),
        wallMs: warm,
        target: '-',
        pass: null,
      },
    ],
  };
}
