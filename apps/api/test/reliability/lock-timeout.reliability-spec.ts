import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type pg from 'pg';
import {
  createBody,
  createProposed,
  demoSession,
  HASTINGS_FOR_LEWES,
  inconsistencies,
  tally,
  uniqueKey,
  verifyAll,
  type DemoSession,
  type PactView,
} from './support/pact-client.js';
import {
  call,
  FaultLab,
  outcome,
  waitFor,
  type ApiProcess,
  type Reply,
} from './support/processes.js';

// A stalled client holding a pact's lock: every command on that pact fails within lock_timeout with
// 409 RESOURCE_BUSY (or 503), other pacts and reads are unaffected, nothing hangs, and once the
// lock is gone the command succeeds. The stalled client is first a foreign session that holds
// `SELECT … FOR UPDATE`, then an API process frozen (SIGSTOP) in the middle of a command, whose
// session PostgreSQL ends after idle_in_transaction_session_timeout.

const TIMEOUT = 300_000;
const LOCK_TIMEOUT_MS = 500;
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 1_000;
/** "Does not hang": generous, the machine is noisy; the lock timeout itself is 0.5 s. */
const PROMPT_MS = 10_000;

const lab = new FaultLab();
let databaseUrl = '';
let api: ApiProcess;
let session: DemoSession;
let db: pg.Client;
let holder: pg.Client;

beforeAll(async () => {
  const cluster = await lab.cluster();
  databaseUrl = await cluster.createDatabase('pactroom_locks_test');
  api = await lab.api('api', databaseUrl, {
    PACTROOM_DB_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS),
    PACTROOM_DB_POOL_SIZE: '10',
  });
  session = await demoSession(api);
  db = await lab.pg(databaseUrl);
  holder = await lab.pg(databaseUrl);
}, TIMEOUT);
afterAll(async () => {
  await lab.dispose();
}, TIMEOUT);

const isBusy = (r: Reply) =>
  (r.status === 409 && (r.body as { code?: string } | null)?.code === 'RESOURCE_BUSY') ||
  r.status === 503;

/** Commands on a proposed pact, as Lewes Labour (sign, counter, decline) or the Lib Dems (withdraw). */
function commandsOn(pact: PactView, n: number): { path: string; token: string; body: object }[] {
  const kinds = [
    {
      path: `/api/pacts/${pact.id}/sign`,
      token: session.lab,
      body: { revision: pact.revision.number, hash: pact.revision.hash },
    },
    {
      path: `/api/pacts/${pact.id}/counter`,
      token: session.lab,
      body: {
        baseRevision: pact.revision.number,
        terms: { ...HASTINGS_FOR_LEWES, commitments: [{ party: 'lab', text: 'Leaflet together' }] },
      },
    },
    { path: `/api/pacts/${pact.id}/decline`, token: session.lab, body: { reason: 'no' } },
    { path: `/api/pacts/${pact.id}/withdraw`, token: session.ld, body: { reason: 'no' } },
  ];
  return Array.from({ length: n }, (_v, i) => kinds[i % kinds.length] ?? kinds[0]);
}

it(
  'answers commands on a pact another session holds with RESOURCE_BUSY within lock_timeout, and leaves other pacts alone',
  async () => {
    const locked = await createProposed(api, session, 'Locked pact');
    const other = await createProposed(api, session, 'Other pact');
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM pacts WHERE id = $1 FOR UPDATE', [locked.id]);
    try {
      // Three times the pool size at once: each waits at most lock_timeout for the row, so even
      // queued behind one another for a connection they all answer.
      const key = uniqueKey('busy-sign');
      const [first, ...rest] = await Promise.all([
        call<PactView>(api, 'POST', `/api/pacts/${locked.id}/sign`, {
          token: session.lab,
          body: { revision: 1, hash: locked.revision.hash },
          key,
        }),
        ...commandsOn(locked, 29).map((c) =>
          call(api, 'POST', c.path, { token: c.token, body: c.body }),
        ),
      ]);
      const busy = [first as Reply, ...rest];
      // Meanwhile: the other pact, reads of the locked one, and health are unaffected.
      const [otherSign, read, health] = await Promise.all([
        call<PactView>(api, 'POST', `/api/pacts/${other.id}/sign`, {
          token: session.lab,
          body: { revision: 1, hash: other.revision.hash },
        }),
        call<PactView>(api, 'GET', `/api/pacts/${locked.id}`, { token: session.ld }),
        call(api, 'GET', '/api/health'),
      ]);
      process.stderr.write(
        `[lock-timeout] 30 commands on a locked pact: ${JSON.stringify(tally(busy))} in ` +
          `${Math.min(...busy.map((r) => r.ms))}–${Math.max(...busy.map((r) => r.ms))} ms ` +
          `(lock_timeout ${LOCK_TIMEOUT_MS} ms, pool 10); other pact ${outcome(otherSign)} in ${otherSign.ms} ms, ` +
          `read ${outcome(read)} in ${read.ms} ms\n`,
      );
      expect(busy.filter((r) => !isBusy(r)).map(outcome)).toEqual([]);
      expect(busy.filter((r) => r.ms > PROMPT_MS).map((r) => r.ms)).toEqual([]);
      // Each waited for the lock (about lock_timeout), not a shortcut.
      expect(Math.min(...busy.map((r) => r.ms))).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS * 0.8);
      expect(outcome(otherSign)).toBe('200');
      expect(otherSign.body.status).toBe('signed');
      expect(outcome(read)).toBe('200');
      expect(read.body.status).toBe('proposed');
      expect(outcome(health)).toBe('200');
      // The refused commands changed nothing.
      const events = await db.query(
        'SELECT count(*)::int AS n FROM audit_events WHERE pact_id = $1',
        [locked.id],
      );
      expect(events.rows).toEqual([{ n: 2 }]);

      // Released: the same request (same Idempotency-Key) now succeeds — RESOURCE_BUSY did not
      // use the key up.
      await holder.query('ROLLBACK');
      const after = await call<PactView>(api, 'POST', `/api/pacts/${locked.id}/sign`, {
        token: session.lab,
        body: { revision: 1, hash: locked.revision.hash },
        key,
      });
      expect(outcome(after)).toBe('200');
      expect(after.body.status).toBe('signed');
    } finally {
      await holder.query('ROLLBACK');
    }
  },
  TIMEOUT,
);

it(
  'bounds the wait for a seat lock by lock_timeout too, when proposing over a seat another session holds',
  async () => {
    // Propose and counter take a transaction advisory lock per seat of the pact's contest
    // (store/seats.ts); Hastings-for-Lewes on GE2017 results is for the GE2019 contest.
    await holder.query('BEGIN');
    await holder.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('pactroom:seat:' || 'ge2019' || ':' || 'E14000735', 0))`,
    );
    try {
      const proposing = await call(api, 'POST', '/api/pacts', {
        token: session.ld,
        body: createBody(session, 'Seat-locked proposal'),
      });
      // A draft takes no seat lock.
      const draft = await call(api, 'POST', '/api/pacts', {
        token: session.ld,
        body: { ...createBody(session, 'Seat-free draft'), propose: false },
      });
      process.stderr.write(
        `[lock-timeout] proposal over a held seat: ${outcome(proposing)} in ${proposing.ms} ms; draft ${outcome(draft)} in ${draft.ms} ms\n`,
      );
      expect(isBusy(proposing)).toBe(true);
      expect(proposing.ms).toBeLessThan(PROMPT_MS);
      expect(outcome(draft)).toBe('201');
      const created = await db.query(`SELECT count(*)::int AS n FROM pacts WHERE title = $1`, [
        'Seat-locked proposal',
      ]);
      expect(created.rows).toEqual([{ n: 0 }]);
    } finally {
      await holder.query('ROLLBACK');
    }
    const again = await call(api, 'POST', '/api/pacts', {
      token: session.ld,
      body: createBody(session, 'Seat-locked proposal'),
    });
    expect(outcome(again)).toBe('201');
  },
  TIMEOUT,
);

it(
  'ends the session of an API process frozen mid-command after idle_in_transaction_session_timeout, releasing the pact',
  async () => {
    // The process that will freeze waits long for locks, so that it is still waiting when frozen.
    const frozen = await lab.api('frozen', databaseUrl, {
      PACTROOM_DB_LOCK_TIMEOUT_MS: '60000',
      PACTROOM_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: String(IDLE_IN_TRANSACTION_TIMEOUT_MS),
    });
    const pact = await createProposed(api, session, 'Frozen-holder pact');
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM pacts WHERE id = $1 FOR UPDATE', [pact.id]);
    let inFlight: Promise<Reply<PactView>> | undefined;
    try {
      // 1. The frozen-to-be process starts a command on the pact and waits for the row lock.
      inFlight = call<PactView>(frozen, 'POST', `/api/pacts/${pact.id}/sign`, {
        token: session.lab,
        body: { revision: 1, hash: pact.revision.hash },
        timeoutMs: 120_000,
      });
      let backend = 0;
      await waitFor(
        'the command to wait for the row lock',
        async () => {
          const { rows } = await db.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database()
               AND application_name = 'pactroom' AND wait_event_type = 'Lock'`,
          );
          backend = rows.length === 1 ? (rows[0]?.pid ?? 0) : 0;
          return backend > 0;
        },
        30_000,
      );
      // 2. Freeze the process, then let its session have the lock: the session now sits idle in
      //    its transaction, holding the pact, with nobody to continue it.
      frozen.signal('SIGSTOP');
      await holder.query('ROLLBACK');
      const frozenAt = Date.now();
      await waitFor(
        'the frozen session to hold the lock, idle in transaction',
        async () => {
          const { rows } = await db.query<{ state: string }>(
            'SELECT state FROM pg_stat_activity WHERE pid = $1',
            [backend],
          );
          return rows[0]?.state === 'idle in transaction';
        },
        10_000,
        10,
      );
      // 3. Meanwhile the healthy process is refused promptly (the frozen one holds the pact)...
      const whileFrozen = await call<PactView>(api, 'POST', `/api/pacts/${pact.id}/withdraw`, {
        token: session.ld,
        body: { reason: 'still there?' },
      });
      // 4. ...until PostgreSQL ends the idle session and the lock with it.
      await waitFor(
        'PostgreSQL to end the idle-in-transaction session',
        async () => {
          const { rowCount } = await db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [
            backend,
          ]);
          return rowCount === 0;
        },
        30_000,
        20,
      );
      const endedAfterMs = Date.now() - frozenAt;
      const released = await call<PactView>(api, 'POST', `/api/pacts/${pact.id}/sign`, {
        token: session.lab,
        body: { revision: 1, hash: pact.revision.hash },
      });
      // 5. Thawed, the frozen process answers its stale request (its connection is gone) and then
      //    serves normally again on fresh connections.
      frozen.signal('SIGCONT');
      const stale = await inFlight;
      const health = await call(frozen, 'GET', '/api/health');
      const later = await call<PactView>(frozen, 'GET', `/api/pacts/${pact.id}`, {
        token: session.lab,
      });
      process.stderr.write(
        `[lock-timeout] frozen API: its session ended ${endedAfterMs} ms after it got the lock ` +
          `(idle_in_transaction_session_timeout ${IDLE_IN_TRANSACTION_TIMEOUT_MS} ms); healthy process while frozen ${outcome(whileFrozen)} in ${whileFrozen.ms} ms, ` +
          `after ${outcome(released)}; the frozen request, thawed: ${outcome(stale)}; then health ${outcome(health)}, read ${outcome(later)}\n` +
          `  frozen API errors logged ${JSON.stringify(frozen.unhandledErrors())}\n`,
      );
      expect(isBusy(whileFrozen)).toBe(true);
      expect(whileFrozen.ms).toBeLessThan(PROMPT_MS);
      expect(endedAfterMs).toBeLessThan(IDLE_IN_TRANSACTION_TIMEOUT_MS + PROMPT_MS);
      expect(outcome(released)).toBe('200');
      expect(released.body.status).toBe('signed');
      expect(outcome(health)).toBe('200');
      expect(outcome(later)).toBe('200');
      expect(later.body.status).toBe('signed');
      expect(await inconsistencies(db)).toEqual({});
      expect((await verifyAll(api, session.admin)).valid).toBe(true);
      // The cut-off command was not applied, and its client is told to retry, not that the server
      // failed.
      expect(outcome(stale)).toMatch(/^503/);
    } finally {
      frozen.signal('SIGCONT');
      await holder.query('ROLLBACK');
      await inFlight;
    }
  },
  TIMEOUT,
);
