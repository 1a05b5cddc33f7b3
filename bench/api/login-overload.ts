// Reads under login overload: read-pact at its paced rate alone vs under a surge of right-password
// logins at twice the login capacity (alternating rounds), then under a wrong-password flood at
// that rate, with the app's thread CPU, the cluster's CPU and the app's lock waits meanwhile.
import type { Disturbance } from '../support/cpu.js';
import { runLoad, type LoadResult, type LoadSpec } from '../support/load.js';
import { fmt } from '../support/stats.js';
import { readSpec, type Stage } from './context.js';
import { sampleSessions, threadUse, type ThreadUse } from './probes.js';
import { alternate, type Alternation, brief, noise, NOISE_LIMIT_PCT } from './rounds.js';
import { LOGIN, log, PACED_INSTANCES } from './settings.js';

type Sessions<T> = Awaited<ReturnType<typeof sampleSessions<T>>>;
/** One run of reads alongside a login load: [reads, logins], with sessions and CPU. */
export type Overloaded = ThreadUse<Sessions<[LoadResult, LoadResult]>>;

export interface Overload {
  /** The surge rounds (for their noise): each is [read alone, read under the surge]. */
  readonly rounds: Alternation<Disturbance>;
  /** The counted rounds. */
  readonly kept: { readonly alone: ThreadUse<LoadResult>; readonly surge: Overloaded }[];
  /** The wrong-password flood: first on an empty bucket, then on a full one (the steady state). */
  readonly floodStart: Overloaded;
  readonly floodSteady: Overloaded;
}

export async function measureOverload(
  stage: Stage,
  readRate: number,
  loginSpec: (label: string, password: string) => LoadSpec,
  password: string,
  storm: number,
): Promise<Overload> {
  const { lab, appBig, database } = stage;
  const readAt = { durationS: LOGIN.overloadS, rate: readRate, connections: PACED_INSTANCES };
  const stormAt = {
    durationS: LOGIN.overloadS,
    rate: storm,
    connections: LOGIN.stormConnections,
    timeoutS: 30,
  };
  const pid = appBig.child.pid;
  /** Reads at their rate next to `logins`, sampling the app's sessions and CPU. */
  const alongside = (readLabel: string, logins: LoadSpec): Promise<Overloaded> =>
    threadUse(lab, pid, () =>
      sampleSessions(database.url('pactroom'), async () => {
        const [read, login] = await Promise.all([
          runLoad({ ...readSpec(stage, appBig, readLabel), ...readAt }),
          runLoad({ ...logins, ...stormAt }),
        ]);
        return [read, login] as [LoadResult, LoadResult];
      }),
    );
  const records: { alone: ThreadUse<LoadResult>; surge: Overloaded }[] = [];
  const rounds = await alternate<Disturbance>('login overload', async (r) => {
    const alone = await threadUse(lab, pid, () =>
      runLoad({ ...readSpec(stage, appBig, 'read alone'), ...readAt }),
    );
    const surge = await alongside('read under surge', loginSpec('login surge', password));
    records.push({ alone, surge });
    const [read, logins] = surge.value.value;
    log(
      `  overload round ${r + 1}: read alone ${brief(alone.value)} | under a login surge ` +
        `${brief(read)} | surge @${storm}/s ${JSON.stringify(logins.statuses)}; ` +
        `app CPU: event loop ${fmt(alone.mainPct)} % alone, ${fmt(surge.mainPct)} % + other ` +
        `threads ${fmt(surge.othersPct)} % in the surge; event loop waiting for a CPU ` +
        `${fmt(alone.mainWaitMsPerS)} → ${fmt(surge.mainWaitMsPerS)} ms/s; PostgreSQL ` +
        `${fmt(alone.dbPct)} → ${fmt(surge.dbPct)} %; load generators ` +
        `${fmt(read.generatorCpuPct + logins.generatorCpuPct)} %; app DB sessions waiting on ` +
        `a lock ${fmt(surge.value.meanLockWaits)}` +
        (Math.max(noise(alone), noise(surge)) > NOISE_LIMIT_PCT
          ? `; other work ${fmt(Math.max(noise(alone), noise(surge)))} %`
          : ''),
    );
    return [alone, surge];
  });
  const used = new Set<Disturbance>(rounds.rounds.flat());
  const kept = records.filter((rec) => used.has(rec.alone));
  // Wrong-password flood: the first run starts on an empty bucket (its first 30 failures are
  // hashed, then 429s), the second finds the bucket full (429s only: the steady state).
  const floods: Overloaded[] = [];
  for (const phaseName of ['start', 'steady'] as const) {
    const f = await alongside(
      `read under flood (${phaseName})`,
      loginSpec('login flood', 'wrong-password'),
    );
    floods.push(f);
    const [read, flood] = f.value.value;
    log(
      `  wrong-password flood (${phaseName}) @${storm}/s ${JSON.stringify(flood.statuses)} ` +
        `(non-2xx p50 ${fmt(flood.otherP50Ms)} ms, p99 ${fmt(flood.otherP99Ms)} ms) | ` +
        `read ${brief(read)}; app CPU: event loop ${fmt(f.mainPct)} % (waiting for a CPU ` +
        `${fmt(f.mainWaitMsPerS)} ms/s), other threads ${fmt(f.othersPct)} %; PostgreSQL ` +
        `${fmt(f.dbPct)} %; load generators ${fmt(read.generatorCpuPct + flood.generatorCpuPct)} ` +
        `%; app DB sessions: ${fmt(f.value.meanActive)} active, ` +
        `${fmt(f.value.meanLockWaits)} waiting on a lock` +
        (noise(f) > NOISE_LIMIT_PCT ? `; other work ${fmt(noise(f))} %` : ''),
    );
  }
  const [floodStart, floodSteady] = floods;
  if (!floodStart || !floodSteady) {
    throw new Error('flood runs missing');
  }
  return { rounds, kept, floodStart, floodSteady };
}
