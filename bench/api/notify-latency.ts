// notify-latency: how long after a sign commits the other side hears of it — in the browser (the
// `pact-<id>` event on the Hastings LD officer's `GET /live` stream) and by mail (the "Signed by
// everyone" mail to that officer reaching the bench's SMTP sink, support/mail-sink.ts). The Lewes
// Labour officer signs seeded proposed pacts one at a time (each sign completes its pact); the clock
// starts when the sign's HTTP response arrives (it commits before answering). Measured first on the
// idle app (the baseline), then while the sign-pact load — paced signs of other pacts from a
// separate process — runs against the same app. The job queue is drained before each part, so
// neither inherits an earlier phase's backlog, and after, so later phases do not inherit this one's.
import { withClient, pageSession } from './client.js';
import { Arrivals } from './notify-arrivals.js';
import { type PhaseResult, recorded, type Stage } from './context.js';
import type { Run } from './lab.js';
import { brief } from './rounds.js';
import { log, NOTIFY, PACED_INSTANCES, SIGN } from './settings.js';
import type { SignTarget } from '../support/seed.js';
import { fmt, msSince, percentile, significant } from '../support/stats.js';

const LISTENER = 'officer.ld.hastings@pactroom.test';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const msBetween = (from: bigint, to: bigint) => Number(to - from) / 1e6;

/** What one condition (idle, under load) measured, in ms from each sign's response. */
interface Measured {
  readonly sse: number[];
  readonly smtp: number[];
  /** Signs whose event or mail never came within NOTIFY.waitS. */
  readonly sseLost: number;
  readonly smtpLost: number;
  /** Events that arrived before the sign's own response (counted as 0 ms). */
  readonly sseBeforeResponse: number;
  readonly signFailures: number;
  /** Sample signs' own response time. */
  readonly signP50Ms: number;
}

/** Notification jobs not yet done (digests, scheduled daily, excepted). */
async function pendingJobs(stage: Stage): Promise<number> {
  return withClient(stage.database.url('pactroom'), async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job
        WHERE name IN ('notify.fanout', 'notify.email', 'notify.webhook')
          AND state IN ('created', 'retry', 'active')`,
    );
    return rows[0]?.n ?? 0;
  });
}

/**
 * Cancels the notification jobs still queued from earlier phases (sign-pact's thousands of signs
 * owe tens of thousands of mails, far more than the pipeline sends in the bench's time), so the
 * idle run is idle; returns how many. Jobs already running are left to finish (drain).
 */
async function cancelBacklog(stage: Stage): Promise<number> {
  return withClient(stage.database.url('pactroom'), async (client) => {
    const { rowCount } = await client.query(
      `UPDATE pgboss.job SET state = 'cancelled', completed_on = now()
        WHERE name IN ('notify.fanout', 'notify.email', 'notify.webhook')
          AND state IN ('created', 'retry')`,
    );
    return rowCount ?? 0;
  });
}

/** Waits for the notification queues to empty; returns the seconds it took (NaN: gave up). */
async function drain(stage: Stage, why: string): Promise<number> {
  const start = process.hrtime.bigint();
  let shown = 0;
  for (;;) {
    const pending = await pendingJobs(stage);
    const s = msSince(start) / 1000;
    if (pending === 0) {
      log(`  notify: job queue empty ${why} (after ${fmt(s)} s)`);
      return s;
    }
    if (s > NOTIFY.drainS) {
      log(`  notify: ${pending} jobs still pending ${why} after ${fmt(s)} s; going on`);
      return Number.NaN;
    }
    if (s - shown >= 15) {
      shown = s;
      log(`  notify: ${pending} notification jobs pending ${why} (${fmt(s)} s)`);
    }
    await sleep(250);
  }
}

/**
 * Signs `targets` one every NOTIFY.intervalMs, or (`oneAtATime`) each once the last one's event
 * and mail have arrived; returns when each sign's response arrived.
 */
async function sampleSigns(
  stage: Stage,
  arrivals: Arrivals,
  targets: readonly SignTarget[],
  oneAtATime: boolean,
) {
  const start = process.hrtime.bigint();
  const signs: { id: string; committedAt: bigint; ms: number; ok: boolean }[] = [];
  for (const [i, t] of targets.entries()) {
    const wait = i * NOTIFY.intervalMs - msSince(start);
    const last = signs.at(-1);
    if (oneAtATime && last?.ok) {
      await arrivals.settled([last.id], Date.now() + NOTIFY.waitS * 1000);
    } else if (wait > 0) {
      await sleep(wait);
    }
    const sent = process.hrtime.bigint();
    const res = await fetch(`${stage.appBig.url}/api/pacts/${t.id}/sign`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stage.tokens.labLewes}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ revision: t.revision, hash: t.hash }),
    });
    const committedAt = process.hrtime.bigint();
    await res.arrayBuffer();
    signs.push({ id: t.id, committedAt, ms: msBetween(sent, committedAt), ok: res.status === 200 });
  }
  return signs;
}

/** Signs `targets` and times their deliveries (see sampleSigns). */
async function measure(
  stage: Stage,
  arrivals: Arrivals,
  targets: readonly SignTarget[],
  oneAtATime: boolean,
): Promise<Measured> {
  const signs = await sampleSigns(stage, arrivals, targets, oneAtATime);
  const ok = signs.filter((s) => s.ok);
  await arrivals.settled(
    ok.map((s) => s.id),
    Date.now() + NOTIFY.waitS * 1000,
  );
  if (arrivals.closed) {
    throw new Error(`the live stream closed: ${arrivals.closed}`);
  }
  const since = (seen: Map<string, bigint>) =>
    ok.flatMap((s) => {
      const at = seen.get(s.id);
      return at === undefined ? [] : [msBetween(s.committedAt, at)];
    });
  const sse = since(arrivals.sse);
  const smtp = since(arrivals.mail);
  return {
    sse: sse.map((ms) => Math.max(0, ms)),
    smtp,
    sseLost: ok.length - sse.length,
    smtpLost: ok.length - smtp.length,
    sseBeforeResponse: sse.filter((ms) => ms < 0).length,
    signFailures: signs.length - ok.length,
    signP50Ms: percentile(
      signs.map((s) => s.ms),
      0.5,
    ),
  };
}

const p = (xs: readonly number[], q: number) => significant(percentile(xs, q));

export async function benchNotifyLatency(stage: Stage): Promise<PhaseResult[]> {
  const { lab, appBig, tokens, notifyPool: pool } = stage;
  const phase = process.hrtime.bigint();
  const sink = lab.mail;
  if (!sink) {
    throw new Error('notify-latency needs the SMTP sink (started with the stage)');
  }
  const take = (n: number): SignTarget[] => {
    if (pool.length < n) {
      throw new Error(`notify pool exhausted (${pool.length} left, ${n} wanted)`);
    }
    return pool.splice(0, n);
  };
  const sampleS = (NOTIFY.samples * NOTIFY.intervalMs) / 1000;
  // The load runs from before the first sample to a second after the last.
  const loadRate = Math.max(
    1,
    Math.min(
      NOTIFY.loadRate,
      Math.floor((pool.length - 2 * NOTIFY.samples - 5) / (NOTIFY.leadS + sampleS + 1)),
    ),
  );
  const loadSigns = Math.round(loadRate * (NOTIFY.leadS + sampleS + 1));

  const arrivals = new Arrivals();
  sink.watch(LISTENER, arrivals.onMail);
  const stop = new AbortController();
  try {
    await arrivals.listen(appBig.url, await pageSession(appBig.url, LISTENER), stop.signal);
    log(
      `notify-latency: ${NOTIFY.samples} signs as the Lewes Labour officer idle (one at a time), ` +
        `then as many under ${loadRate} signs/s of load (one every ${NOTIFY.intervalMs} ms), ` +
        `heard by ${LISTENER} (GET /live, SMTP sink ${sink.url})`,
    );
    const cancelled = await cancelBacklog(stage);
    if (cancelled > 0) {
      log(`  notify: cancelled ${cancelled} notification jobs queued by earlier phases`);
    }
    const idleDrainS = await drain(stage, 'before the idle run');
    // A few untimed signs first (waiting for their deliveries): one-off loads, mail connections.
    await measure(stage, arrivals, take(5), true);
    const idle = await measure(stage, arrivals, take(NOTIFY.samples), true);
    log(
      `  idle: SSE p50 ${fmt(percentile(idle.sse, 0.5))} / p99 ${fmt(percentile(idle.sse, 0.99))} ms, ` +
        `SMTP p50 ${fmt(percentile(idle.smtp, 0.5))} / p99 ${fmt(percentile(idle.smtp, 0.99))} ms`,
    );
    await drain(stage, 'before the loaded run');
    const mailBefore = sink.received();
    const targets = take(NOTIFY.samples);
    const loadTargets = take(loadSigns);
    const loadStart = process.hrtime.bigint();
    const loadRun: Promise<Run> = lab.measure(appBig, {
      label: `sign load @${loadRate}/s`,
      url: appBig.url,
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.labLewes}` },
      requests: loadTargets.map((t) => ({
        path: `/api/pacts/${t.id}/sign`,
        body: JSON.stringify({ revision: t.revision, hash: t.hash }),
      })),
      connections: Math.min(PACED_INSTANCES, SIGN.connections * 2),
      amount: loadTargets.length,
      rate: loadRate,
    });
    await sleep(NOTIFY.leadS * 1000);
    const loaded = await measure(stage, arrivals, targets, false);
    const load = await loadRun;
    const mailsUnderLoad = sink.received() - mailBefore;
    log(
      `  under load: SSE p50 ${fmt(percentile(loaded.sse, 0.5))} / p99 ` +
        `${fmt(percentile(loaded.sse, 0.99))} ms, SMTP p50 ${fmt(percentile(loaded.smtp, 0.5))} / ` +
        `p99 ${fmt(percentile(loaded.smtp, 0.99))} ms; load ${brief(load)}`,
    );
    const backlogS = await drain(stage, 'after the load (its backlog)');
    // Mail the SMTP server took from the load's start until the queue was empty again.
    const mailRate = (sink.received() - mailBefore) / (msSince(loadStart) / 1000);
    log(`  mail delivered at ${fmt(mailRate)} mails/s from the load's start to an empty queue`);
    log(`notify-latency done in ${fmt(msSince(phase) / 1000)} s`);

    const common = {
      samples: NOTIFY.samples,
      intervalMs: NOTIFY.intervalMs,
      loadRateRps: loadRate,
      loadSigns: load.ok,
      loadAchievedRps: significant(load.rps),
      otherWorkPct: significant(load.foreignPct),
      mailsPerSecond: significant(mailRate),
      loadFailed: load.failed,
      loadSignP50Ms: significant(load.p50Ms),
      loadSignP99Ms: significant(load.p99Ms),
      sampleSignP50Ms: { idle: significant(idle.signP50Ms), load: significant(loaded.signP50Ms) },
      signFailures: idle.signFailures + loaded.signFailures,
      mailsUnderLoad,
      appCpuPctUnderLoad: significant((100 * load.appCpuMs) / load.wallMs),
      dbCpuPctUnderLoad: significant((100 * load.dbCpuMs) / load.wallMs),
      backlogCancelled: cancelled,
      idleDrainS: significant(idleDrainS),
      backlogDrainS: significant(backlogS),
      ...recorded,
    };
    const how =
      `The Lewes Labour officer signs ${NOTIFY.samples} seeded proposed pacts (Hastings LD ↔ ` +
      `Lewes Labour) over HTTP from the bench process; each ` +
      `sign completes its pact (idle: each once the last one's event and mail arrived; under load: ` +
      `one every ${NOTIFY.intervalMs} ms). Latency runs from the sign's HTTP response (the transaction has ` +
      `committed) to `;
    const conditions =
      ` ours = p99 under the sign-pact load (other pacts signed by the same officer, paced at ` +
      `${loadRate} signs/s by ${Math.min(PACED_INSTANCES, SIGN.connections * 2)} autocannon ` +
      `instances in a separate process, from ${NOTIFY.leadS} s before the first sample to the ` +
      `end); baseline = p99 on the idle app, same run; ratio = idle/load; p50Ms/p99Ms under ` +
      `load, idleP50Ms/idleP99Ms idle. The notification job queue (pg-boss) is drained before ` +
      `each part (jobs still queued by earlier phases are cancelled first: backlogCancelled). One app process (2 fan-out and 2 mail workers), the 100k-pact database.`;
    const entry = (
      name: string,
      what: string,
      target: number,
      idleMs: number[],
      loadMs: number[],
      lost: number,
      extra: Record<string, unknown>,
    ) => {
      const idleP99 = percentile(idleMs, 0.99);
      const loadP99 = percentile(loadMs, 0.99);
      return {
        entry: {
          name,
          ours: significant(loadP99),
          baseline: significant(idleP99),
          unit: 'ms p99',
          ratio: significant(idleP99 / loadP99),
          p50Ms: p(loadMs, 0.5),
          p99Ms: p(loadMs, 0.99),
          wallMs: p(idleMs, 0.5),
          target: `p99 under load ≤ ${target} ms; none lost`,
          pass: loadP99 <= target && lost === 0 && common.signFailures === 0,
          idleP50Ms: p(idleMs, 0.5),
          idleP99Ms: p(idleMs, 0.99),
          maxMs: significant(Math.max(...loadMs)),
          lost,
          ...extra,
          ...common,
          notes: `${how}${what}${conditions}`,
        },
      };
    };
    return [
      entry(
        'notify-latency-sse',
        `the \`pact-<id>\` Server-Sent Event arriving on the Hastings LD officer's GET /live ` +
          `stream (browser session cookie), read as its bytes arrive; an event that beats the ` +
          `response counts as 0 ms (sseBeforeResponse). wallMs = idle p50.`,
        NOTIFY.sseP99,
        idle.sse,
        loaded.sse,
        idle.sseLost + loaded.sseLost,
        { sseBeforeResponse: { idle: idle.sseBeforeResponse, load: loaded.sseBeforeResponse } },
      ),
      entry(
        'notify-latency-smtp',
        `the "Signed by everyone" mail to the Hastings LD officer ending its DATA at an SMTP ` +
          `server (smtp-server in the bench process, PACTROOM_SMTP_URL): outbox row → pg-boss ` +
          `fan-out job → mail job → nodemailer. Every sign also mails the Lewes Labour officer ` +
          `and the coordinators (mailsUnderLoad); mailsPerSecond = mail the SMTP server took ` +
          `from the load's start until the job queue was empty. wallMs = idle p50.`,
        NOTIFY.smtpP99,
        idle.smtp,
        loaded.smtp,
        idle.smtpLost + loaded.smtpLost,
        {},
      ),
    ];
  } finally {
    stop.abort();
    sink.unwatch();
  }
}
