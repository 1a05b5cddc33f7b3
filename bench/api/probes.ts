// Where a benchmark's time goes: the plan of the app's own list query, the app's PostgreSQL
// sessions during a run, and the CPU of the app's threads and the cluster during a run.
import type { Principal } from '../../apps/api/src/auth/principal.js';
import type { ListPactsQueryDto } from '../../apps/api/src/pacts/dto/pact-queries.dto.js';
import { PactQueriesService } from '../../apps/api/src/pacts/pact-queries.service.js';
import { clusterCpuMs, openWindow, threadCpuMs, type Disturbance } from '../support/cpu.js';
import { msSince } from '../support/stats.js';
import { withClient } from './client.js';
import type { Lab } from './lab.js';

/** One EXPLAIN ANALYZE of the list query. */
export type Plan = { executionMs: number; planningMs: number; hashedRows: number; plan: string };

/**
 * EXPLAIN ANALYZE of the app's own list query (captured from PactQueriesService) for `principal`:
 * execution time, and the rows of any subplan PostgreSQL hashes in full on every call.
 */
export async function explainList(
  url: string,
  principal: Principal,
  query: ListPactsQueryDto = {},
): Promise<Plan> {
  let captured: { sql: string; params: unknown[] } | undefined;
  const capture: {
    query: (sql: string, params: unknown[]) => Promise<unknown[]>;
    manager?: unknown;
  } = {
    query: (sql: string, params: unknown[]) => {
      captured = { sql, params };
      return Promise.resolve([]);
    },
  };
  // The service reads through `dataSource.manager` (the store's functions take a manager).
  capture.manager = capture;
  await new PactQueriesService(capture as never, undefined as never, undefined as never).listPacts(
    principal,
    query,
  );
  if (!captured) {
    throw new Error('list query not captured');
  }
  const { sql, params } = captured;
  const lines = await withClient(url, async (client) => {
    await client.query(sql, params); // warm the caches as the benchmark does
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
      params,
    );
    return rows.map((r) => r['QUERY PLAN']);
  });
  const plan = lines.join('\n');
  const time = (label: string) =>
    Number(new RegExp(`${label}: ([\\d.]+) ms`).exec(plan)?.[1] ?? NaN);
  let hashedRows = 0;
  for (const [, n] of plan.matchAll(/hashed SubPlan (\d+)/g)) {
    const at = lines.findIndex((l) => l.trim() === `SubPlan ${n}`);
    const rows = /actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(lines[at + 1] ?? '');
    hashedRows += Number(rows?.[1] ?? 0);
  }
  return {
    executionMs: time('Execution Time'),
    planningMs: time('Planning Time'),
    hashedRows,
    plan,
  };
}

/**
 * Runs `work` while sampling the app's PostgreSQL sessions every 100 ms: how many were active and
 * how many of those waited on a lock (e.g. login attempts queued on one throttle bucket row).
 */
export async function sampleSessions<T>(
  url: string,
  work: () => Promise<T>,
): Promise<{ value: T; meanActive: number; meanLockWaits: number; maxLockWaits: number }> {
  return withClient(url, async (client) => {
    const active: number[] = [];
    const waits: number[] = [];
    let done = false;
    const poll = (async () => {
      while (!done) {
        const { rows } = await client.query<{ active: string; waits: string }>(
          `SELECT count(*) FILTER (WHERE state = 'active') AS active,
                  count(*) FILTER (WHERE wait_event_type = 'Lock') AS waits
             FROM pg_stat_activity WHERE application_name = 'pactroom'`,
        );
        active.push(Number(rows[0]?.active ?? 0));
        waits.push(Number(rows[0]?.waits ?? 0));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      return {
        value: await work(),
        meanActive: active.reduce((a, b) => a + b, 0) / Math.max(1, active.length),
        meanLockWaits: waits.reduce((a, b) => a + b, 0) / Math.max(1, waits.length),
        maxLockWaits: Math.max(0, ...waits),
      };
    } finally {
      done = true;
      await poll;
    }
  });
}

export type ThreadUse<T> = Disturbance & {
  readonly value: T;
  /** CPU of the app's main thread (the event loop), % of one core. */
  readonly mainPct: number;
  /** CPU of the app's other threads (hashing workers, libuv pool, GC), % of one core. */
  readonly othersPct: number;
  /** ms per second the event loop thread was runnable but had no CPU. */
  readonly mainWaitMsPerS: number;
  /** CPU of the whole PostgreSQL cluster, % of one core. */
  readonly dbPct: number;
};

/** Runs `work` and returns what the app (process `pid`) and the cluster used meanwhile. */
export async function threadUse<T>(
  lab: Lab,
  pid: number | undefined,
  work: () => Promise<T>,
): Promise<ThreadUse<T>> {
  const before = threadCpuMs(pid);
  const db0 = clusterCpuMs(lab.postmaster);
  const t = process.hrtime.bigint();
  const window = openWindow(lab.serversCpuMs);
  const value = await work();
  const disturbance = window.close();
  const after = threadCpuMs(pid);
  const wall = msSince(t);
  return {
    ...disturbance,
    value,
    mainPct: (100 * (after.main - before.main)) / wall,
    othersPct: (100 * (after.others - before.others)) / wall,
    mainWaitMsPerS: (1000 * (after.mainWait - before.mainWait)) / wall,
    dbPct: (100 * (clusterCpuMs(lab.postmaster) - db0)) / wall,
  };
}
