// login: POST /api/auth/login capacity (right passwords) app vs baseline, the argon2id cost per
// hash, and reads under login overload (login-overload.ts). Target: 429s at twice the capacity and
// reads keep p99 ≤ 25 ms.
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { HASH_PARAMS } from '../../apps/api/src/auth/hash-protocol.js';
import { runLoad, statusShare, type LoadSpec } from '../support/load.js';
import type { ServerProcess } from '../support/processes.js';
import { fmt, median, msSince, significant } from '../support/stats.js';
import { withClient } from './client.js';
import { type PhaseResult, recorded, type Stage } from './context.js';
import { measureOverload } from './login-overload.js';
import { cpuFields, med, noise, noiseFields, oursThenBaseline } from './rounds.js';
import { LOGIN, log, PASSWORD, ROUNDS, TARGET } from './settings.js';

/** One argon2id verify with the app's parameters, alone, in this process: median of 10. */
async function hashCostMs(): Promise<number> {
  const stored = await argonHash(PASSWORD, HASH_PARAMS);
  const hashMs: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t = process.hrtime.bigint();
    await argonVerify(stored, PASSWORD);
    hashMs.push(msSince(t));
  }
  return median(hashMs.slice(2));
}

export async function benchLogin(stage: Stage, readRate: number): Promise<PhaseResult> {
  const { lab, appBig, baseBig, database } = stage;
  const phase = process.hrtime.bigint();
  const accounts = await withClient(database.url('pactroom'), async (client) =>
    (await client.query<{ email: string }>('SELECT email FROM users ORDER BY email')).rows.map(
      (r) => r.email,
    ),
  );
  const loginSpec = (server: ServerProcess, label: string, password: string): LoadSpec => ({
    label,
    url: server.url,
    method: 'POST',
    headers: {},
    requests: accounts.map((email) => ({
      path: '/api/auth/login',
      body: JSON.stringify({ email, password }),
    })),
    connections: LOGIN.connections,
  });
  const perHash = await hashCostMs();
  log(`login: argon2id (19 MiB, t=2, p=1) verify ${fmt(perHash)} ms per hash, alone`);
  await runLoad({ ...loginSpec(appBig, 'warm ours', PASSWORD), durationS: LOGIN.warmS });
  await runLoad({ ...loginSpec(baseBig, 'warm baseline', PASSWORD), durationS: LOGIN.warmS });
  const cap = await oursThenBaseline(lab, stage, 'login capacity', (server, side) => ({
    ...loginSpec(server, side, PASSWORD),
    durationS: LOGIN.runS,
  }));
  const { ours: oursCap, base: baseCap } = cap;
  const capacity = med(oursCap, (r) => r.rps);
  const storm = Math.max(2, Math.round(2 * capacity));
  const overload = await measureOverload(
    stage,
    readRate,
    (label, password) => loginSpec(appBig, label, password),
    PASSWORD,
    storm,
  );
  const { kept, floodStart, floodSteady } = overload;
  const alone = kept.map((rec) => rec.alone.value);
  const underSurge = kept.map((rec) => rec.surge.value.value[0]);
  const surges = kept.map((rec) => rec.surge.value.value[1]);
  const [floodRead, flood] = floodSteady.value.value;
  const [floodStartRead, floodStartLogins] = floodStart.value.value;
  const surgeP99 = med(underSurge, (r) => r.p99Ms);
  const share429 = median(surges.map((s) => statusShare(s, 429)));
  const floodShare429 = statusShare(flood, 429);
  const floodPass = floodShare429 > 0.9 && floodRead.p99Ms <= TARGET.readP99;
  const surgePass = share429 > 0 && surgeP99 <= TARGET.readP99;
  const medianOf = (pick: (rec: (typeof kept)[number]) => number) =>
    significant(median(kept.map(pick)));
  log(`login done in ${fmt(msSince(phase) / 1000)} s`);
  return {
    entry: {
      name: 'login',
      ours: significant(capacity),
      baseline: significant(med(baseCap, (r) => r.rps)),
      unit: 'logins/s',
      ratio: significant(capacity / med(baseCap, (r) => r.rps)),
      p50Ms: significant(med(oursCap, (r) => r.p50Ms)),
      p99Ms: significant(med(oursCap, (r) => r.p99Ms)),
      wallMs: significant(perHash),
      target: `429 at 2× capacity; read p99 ≤ ${TARGET.readP99} ms`,
      pass: floodPass && surgePass,
      hashMs: significant(perHash),
      ...cpuFields(oursCap, baseCap),
      stormRps: storm,
      surgeStatuses: surges.map((s) => s.statuses),
      surge429Share: significant(share429),
      floodStartStatuses: floodStartLogins.statuses,
      floodSteadyStatuses: flood.statuses,
      flood429Share: significant(floodShare429),
      floodPass,
      surgePass,
      throttledP50Ms: significant(flood.otherP50Ms),
      throttledP99Ms: significant(flood.otherP99Ms),
      readRateRps: readRate,
      readAloneP50Ms: significant(med(alone, (r) => r.p50Ms)),
      readAloneP99Ms: significant(med(alone, (r) => r.p99Ms)),
      readAloneRps: significant(med(alone, (r) => r.rps)),
      readUnderSurgeP50Ms: significant(med(underSurge, (r) => r.p50Ms)),
      readUnderSurgeP99Ms: significant(surgeP99),
      readUnderSurgeRps: significant(med(underSurge, (r) => r.rps)),
      readUnderFloodStartP99Ms: significant(floodStartRead.p99Ms),
      readUnderFloodP50Ms: significant(floodRead.p50Ms),
      readUnderFloodP99Ms: significant(floodRead.p99Ms),
      eventLoopCpuPctAlone: medianOf((rec) => rec.alone.mainPct),
      eventLoopCpuPctInSurge: medianOf((rec) => rec.surge.mainPct),
      otherThreadsCpuPctInSurge: medianOf((rec) => rec.surge.othersPct),
      eventLoopRunQueueWaitMsPerSAlone: medianOf((rec) => rec.alone.mainWaitMsPerS),
      eventLoopRunQueueWaitMsPerSInSurge: medianOf((rec) => rec.surge.mainWaitMsPerS),
      eventLoopCpuPctInFlood: significant(floodSteady.mainPct),
      eventLoopRunQueueWaitMsPerSInFlood: significant(floodSteady.mainWaitMsPerS),
      dbCpuPctAlone: medianOf((rec) => rec.alone.dbPct),
      dbCpuPctInSurge: medianOf((rec) => rec.surge.dbPct),
      dbCpuPctInFlood: significant(floodSteady.dbPct),
      otherThreadsCpuPctInFlood: significant(floodSteady.othersPct),
      otherThreadsCpuPctInFloodStart: significant(floodStart.othersPct),
      dbLockWaitsInSurge: medianOf((rec) => rec.surge.value.meanLockWaits),
      dbActiveSessionsInFlood: significant(floodSteady.value.meanActive),
      dbLockWaitsInFlood: significant(floodSteady.value.meanLockWaits),
      ...noiseFields(cap.alternation, overload.rounds),
      floodNoisePct: [floodStart, floodSteady].map((f) => significant(noise(f))),
      rounds: ROUNDS,
      notes:
        `ours/baseline = successful logins/s (${LOGIN.connections} connections, the 12 demo ` +
        `accounts in turn, ${LOGIN.runS} s, median of ${ROUNDS} alternating); p50Ms/p99Ms = app ` +
        `login latency at capacity; wallMs = hashMs = one argon2id verify (19 MiB, t=2, p=1) ` +
        `alone. Overload: read-pact at ${readRate} req/s (paced) alone vs under a login surge ` +
        `of ${storm}/s (2× capacity, right passwords, ${LOGIN.stormConnections} connections), ` +
        `${ROUNDS} alternating rounds, then under a wrong-password flood at ${storm}/s twice (start: ` +
        `its first 30 failures are hashed; steady: the bucket is full, 429s only). Default ` +
        `throttle (30 attempts per IP, 5 failures per account, 900 s windows) and sign-in cap ` +
        `(4 in flight per hashing thread; 429 LOGIN_BUSY beyond); all load comes from ` +
        `127.0.0.1, so the per-IP bucket decides. *CpuPct = CPU of the app's main thread ` +
        `(event loop) and of its other threads (argon2 runs on the app's hashing worker ` +
        `threads), % of one core; db* = the app's PostgreSQL sessions sampled every 100 ms ` +
        `(active, waiting on a lock).`,
      ...recorded,
    },
    extraRows: [
      {
        name: '  read under flood',
        ours: floodRead.rps,
        baseline: null,
        unit: 'req/s',
        ratio: null,
        p50Ms: floodRead.p50Ms,
        p99Ms: floodRead.p99Ms,
        wallMs: null,
        target: `${fmt(100 * floodShare429)} % 429; p99 ≤ ${TARGET.readP99} ms`,
        pass: floodPass,
      },
      {
        name: '  read under surge',
        ours: med(underSurge, (r) => r.rps),
        baseline: null,
        unit: 'req/s',
        ratio: null,
        p50Ms: med(underSurge, (r) => r.p50Ms),
        p99Ms: surgeP99,
        wallMs: null,
        target: `${fmt(100 * share429)} % 429; p99 ≤ ${TARGET.readP99} ms`,
        pass: surgePass,
      },
    ],
  };
}
