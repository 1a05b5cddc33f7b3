import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { canonicalJson } from '@pactroom/audit-chain';
import type pg from 'pg';
import {
  acknowledged,
  demoSession,
  inconsistencies,
  missingAcknowledged,
  PactWriter,
  createBody,
  rowCounts,
  tally,
  verifyAll,
  type DemoSession,
  type PactView,
  type Sent,
} from './support/pact-client.js';
import {
  call,
  FaultLab,
  outcome,
  sleep,
  waitFor,
  type ApiProcess,
  type Reply,
  type TestCluster,
} from './support/processes.js';

// PostgreSQL stopped immediately (SIGQUIT to the postmaster, what `pg_ctl stop -m immediate`
// sends) in the middle of a write load, kept down a few seconds, started again. The same API
// process must answer 503 while it is down — promptly, never a hang — and 2xx again after, and no
// write answered 2xx may be missing. The scenario runs once (beforeAll); each test checks one
// property of what was recorded.

const TIMEOUT = 300_000;
const CLIENTS = 6;
const ACKS_BEFORE_CRASH = 40;
const ACKS_AFTER_RESTART = 40;
const DOWN_MS = 4_000;
/** "Promptly": an answer within this while the database is down (the pool's connect timeout is 5 s). */
const PROMPT_MS = 10_000;

interface Probe {
  readonly sentAt: number;
  readonly reply: Reply;
}

const lab = new FaultLab();
let cluster: TestCluster;
let databaseUrl = '';
let api: ApiProcess;
let session: DemoSession;
let db: pg.Client;
const run = {
  pid: 0,
  sent: [] as Sent[],
  health: [] as Probe[],
  read: [] as Probe[],
  crashAt: 0,
  downAt: 0,
  restartAt: 0,
  upAt: 0,
  healthyAfterMs: 0,
};
const failed = () => run.sent.filter((s) => !acknowledged(s));
const whileDown = (p: Probe) => p.sentAt >= run.downAt && p.sentAt + p.reply.ms < run.restartAt;
const describeWrite = (s: Sent) => `${s.kind} ${outcome(s.reply)}`;

beforeAll(async () => {
  cluster = await lab.cluster();
  databaseUrl = await cluster.createDatabase('pactroom_dbrestart_test');
  api = await lab.api('api', databaseUrl, { PACTROOM_DB_POOL_SIZE: '10' });
  session = await demoSession(api);
  run.pid = api.pid;

  const writers = Array.from(
    { length: CLIENTS },
    (_v, i) => new PactWriter(() => api, session, `dbr-c${i}`, 20_000),
  );
  let stopped = false;
  const load = Promise.all(writers.map((w) => w.run(() => stopped, 100)));
  // Health and a read, polled throughout.
  const polling = (async () => {
    while (!stopped) {
      const sentAt = Date.now();
      const [health, read] = await Promise.all([
        call(api, 'GET', '/api/health', { timeoutMs: 20_000 }),
        call(api, 'GET', '/api/pacts?limit=5', { token: session.ld, timeoutMs: 20_000 }),
      ]);
      run.health.push({ sentAt, reply: health });
      run.read.push({ sentAt, reply: read });
      await sleep(100);
    }
  })();
  const acksSince = (t: number) =>
    writers.reduce((n, w) => n + w.sent.filter((s) => acknowledged(s) && s.at > t).length, 0);

  try {
    await waitFor('writes before the crash', () => acksSince(0) >= ACKS_BEFORE_CRASH, 120_000);
    run.crashAt = Date.now();
    await cluster.crash();
    run.downAt = Date.now();
    await sleep(DOWN_MS);
    run.restartAt = Date.now();
    await cluster.restart();
    run.upAt = Date.now();
    run.healthyAfterMs = await waitFor(
      'health 200 after the restart',
      () => run.health.some((p) => p.sentAt >= run.upAt && p.reply.status === 200),
      60_000,
    );
    await waitFor(
      'writes after the restart',
      () => acksSince(run.upAt) >= ACKS_AFTER_RESTART,
      60_000,
    );
  } finally {
    stopped = true;
    await Promise.all([load, polling]);
    run.sent = writers.flatMap((w) => w.sent);
  }
  db = await lab.pg(databaseUrl);

  const firstWriteAfterUp = Math.min(
    ...run.sent.filter((s) => acknowledged(s) && s.at - s.reply.ms >= run.upAt).map((s) => s.at),
  );
  process.stderr.write(
    `[database-restart] ${CLIENTS} clients; crash after ${run.sent.filter((s) => acknowledged(s) && s.at < run.crashAt).length} acknowledged writes; ` +
      `postmaster gone ${run.downAt - run.crashAt} ms after SIGQUIT; down ${run.restartAt - run.downAt} ms; restart took ${run.upAt - run.restartAt} ms; ` +
      `health 200 ${run.healthyAfterMs} ms and first acknowledged write ${firstWriteAfterUp - run.upAt} ms after the server was up;\n` +
      `  writes ${JSON.stringify(tally(run.sent.map((s) => s.reply)))} (slowest failure ${Math.max(0, ...failed().map((s) => s.reply.ms))} ms); ` +
      `health while down ${JSON.stringify(tally(run.health.filter(whileDown).map((p) => p.reply)))}; ` +
      `reads while down ${JSON.stringify(tally(run.read.filter(whileDown).map((p) => p.reply)))};\n` +
      `  API errors logged ${JSON.stringify(api.unhandledErrors())}\n`,
  );
}, TIMEOUT);
afterAll(async () => {
  await lab.dispose();
}, TIMEOUT);

it(
  'keeps the same API process serving, and answers every request while PostgreSQL is down promptly (no hang)',
  () => {
    expect(api.running).toBe(true);
    expect(api.pid).toBe(run.pid);
    expect(run.sent.filter((s) => s.reply.status <= 0).map(describeWrite)).toEqual([]);
    expect(
      failed()
        .filter((s) => s.reply.ms > PROMPT_MS)
        .map(describeWrite),
    ).toEqual([]);
    for (const list of [run.health, run.read]) {
      const down = list.filter(whileDown);
      expect(down.length).toBeGreaterThan(0);
      expect(down.filter((p) => p.reply.status <= 0 || p.reply.ms > PROMPT_MS)).toEqual([]);
    }
  },
  TIMEOUT,
);

it(
  'fails writes only around the outage, and then with 503 (retry later), never 500',
  () => {
    expect(
      failed()
        .filter((s) => s.at < run.crashAt)
        .map(describeWrite),
    ).toEqual([]);
    expect(
      failed()
        .filter((s) => s.reply.status !== 503)
        .map(describeWrite),
    ).toEqual([]);
    expect(
      run.health
        .filter(whileDown)
        .filter((p) => p.reply.status !== 503)
        .map((p) => outcome(p.reply)),
    ).toEqual([]);
    expect(
      run.read
        .filter(whileDown)
        .filter((p) => p.reply.status !== 503)
        .map((p) => outcome(p.reply)),
    ).toEqual([]);
  },
  TIMEOUT,
);

it(
  'serves health, reads and writes again after PostgreSQL is back, without an API restart',
  () => {
    const after = (p: Probe) => p.sentAt >= run.upAt && p.reply.status === 200;
    expect(run.health.some(after)).toBe(true);
    expect(run.read.some(after)).toBe(true);
    expect(
      run.sent.filter((s) => acknowledged(s) && s.at - s.reply.ms >= run.upAt).length,
    ).toBeGreaterThanOrEqual(ACKS_AFTER_RESTART);
  },
  TIMEOUT,
);

it(
  'has every write answered 2xx in the database, nothing half-written, and valid chains',
  async () => {
    expect(await missingAcknowledged(db, run.sent.filter(acknowledged))).toEqual([]);
    expect(await inconsistencies(db)).toEqual({});
    expect((await verifyAll(api, session.admin)).valid).toBe(true);
  },
  TIMEOUT,
);

it(
  'runs each failed write exactly once when it is retried with its Idempotency-Key',
  async () => {
    // A failure leaves the client unsure: retried with the same key, each failed write replays what
    // committed after all, or runs now; a second retry answers the same and writes nothing.
    const list = failed();
    const committed = await db.query(
      'SELECT key FROM idempotency_keys WHERE key = ANY($1::varchar[])',
      [list.map((s) => s.key)],
    );
    const resend = (s: Sent) =>
      call<PactView>(api, 'POST', s.path, { token: s.token, body: s.body, key: s.key });
    const retries: Reply<PactView>[] = [];
    for (const s of list) {
      retries.push(await resend(s));
    }
    process.stderr.write(
      `[database-restart] failed writes that had committed after all: ${committed.rowCount}/${list.length}; ` +
        `their retries ${JSON.stringify(tally(retries))}\n`,
    );
    // A retried step of a pact whose earlier step failed may be refused by the rules (409/422),
    // never by the database.
    expect(retries.filter((r) => r.status >= 500 || r.status <= 0).map((r) => outcome(r))).toEqual(
      [],
    );
    const counts = await rowCounts(db);
    for (const [i, s] of list.entries()) {
      expect(canonicalJson((await resend(s)).body)).toBe(canonicalJson(retries[i]?.body));
    }
    expect(await rowCounts(db)).toEqual(counts);
    expect(await inconsistencies(db)).toEqual({});
    expect((await verifyAll(api, session.admin)).valid).toBe(true);
  },
  TIMEOUT,
);

it(
  'answers 503 within statement_timeout plus a margin while PostgreSQL is frozen, and serves again when it resumes',
  async () => {
    // Frozen, not stopped (SIGSTOP: connections stay open, nothing answers — a network partition or
    // a hung host): statement_timeout is enforced by the server, so only a client-side bound can
    // answer in time.
    const statementTimeoutMs = 2_000;
    const bounded = await lab.api('api-frozen-db', databaseUrl, {
      PACTROOM_DB_STATEMENT_TIMEOUT_MS: String(statementTimeoutMs),
    });
    const token = session.ld;
    // Open a few pooled connections first: those are what a partition leaves hanging.
    await Promise.all(
      Array.from({ length: 5 }, () => call(bounded, 'GET', '/api/pacts?limit=5', { token })),
    );
    const margin = 10_000;
    cluster.freeze();
    let replies: Reply[];
    try {
      replies = await Promise.all([
        call(bounded, 'GET', '/api/health', { timeoutMs: 30_000 }),
        call(bounded, 'GET', '/api/pacts?limit=5', { token, timeoutMs: 30_000 }),
        call(bounded, 'POST', '/api/pacts', {
          token,
          body: { ...createBody(session, 'Written to a frozen database'), propose: false },
          timeoutMs: 30_000,
        }),
      ]);
    } finally {
      cluster.thaw();
    }
    process.stderr.write(
      `[database-restart] frozen PostgreSQL (statement_timeout ${statementTimeoutMs} ms): ` +
        `${replies.map((r) => `${outcome(r)} after ${r.ms} ms`).join(', ')}\n`,
    );
    const after = await call(bounded, 'GET', '/api/health');
    expect(outcome(after)).toBe('200');
    expect(
      replies.map((r) =>
        r.status === 503 && r.ms < statementTimeoutMs + margin ? 'prompt 503' : outcome(r),
      ),
    ).toEqual(['prompt 503', 'prompt 503', 'prompt 503']);
  },
  TIMEOUT,
);
