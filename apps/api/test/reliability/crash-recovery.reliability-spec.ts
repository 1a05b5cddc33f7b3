import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { canonicalJson } from '@pactroom/audit-chain';
import type pg from 'pg';
import {
  acknowledged,
  demoSession,
  inconsistencies,
  missingAcknowledged,
  PactWriter,
  rowCounts,
  tally,
  verifyAll,
  type DemoSession,
  type PactView,
  type Sent,
} from './support/pact-client.js';
import { call, FaultLab, outcome, sleep, waitFor, type ApiProcess } from './support/processes.js';

// kill -9 of the API in the middle of a write load, then a restart on the same database — three
// times: every acknowledged write is there, nothing half-written is, every chain verifies, and
// retrying a request with its Idempotency-Key returns the stored answer (or, if it never
// committed, runs it once).

const TIMEOUT = 300_000;
const ROUNDS = 3;
const CLIENTS = 8;
const ACKS_PER_ROUND = 100;

const lab = new FaultLab();
let databaseUrl = '';
let db: pg.Client;
let api: ApiProcess;
let session: DemoSession;

const ENV = {
  // A checkpoint every second, so a kill can also land in the middle of one.
  PACTROOM_CHECKPOINT_INTERVAL_SECONDS: '1',
  PACTROOM_DB_POOL_SIZE: '10',
};

beforeAll(async () => {
  const cluster = await lab.cluster();
  databaseUrl = await cluster.createDatabase('pactroom_crash_test');
  api = await lab.api('api#0', databaseUrl, ENV);
  session = await demoSession(api);
  db = await lab.pg(databaseUrl);
}, TIMEOUT);
afterAll(async () => {
  await lab.dispose();
}, TIMEOUT);

/** Sends a recorded write again, with its Idempotency-Key. */
const resend = (target: ApiProcess, original: Sent) =>
  call<PactView>(target, 'POST', original.path, {
    token: original.token,
    body: original.body,
    key: original.key,
  });

it(
  'keeps every acknowledged write and no partial one across kill -9 and restart, and replays by Idempotency-Key',
  async () => {
    const started = Date.now();
    const everAcked: Sent[] = [];
    const report: string[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      const target = api;
      const writers = Array.from(
        { length: CLIENTS },
        (_v, i) => new PactWriter(() => target, session, `r${round}-c${i}`),
      );
      const acks = () => writers.reduce((n, w) => n + w.sent.filter(acknowledged).length, 0);
      let killed = false;
      const load = Promise.all(writers.map((w) => w.run(() => killed)));

      // Let the load build up, then kill -9 at a slightly different moment each round.
      await waitFor(
        `${ACKS_PER_ROUND} acknowledged writes`,
        () => acks() >= ACKS_PER_ROUND,
        120_000,
      );
      await sleep(Math.floor(Math.random() * 40));
      const killedAt = Date.now();
      const exit = await api.kill9();
      killed = true;
      await load;
      expect(exit.signal).toBe('SIGKILL');

      const all = writers.flatMap((w) => w.sent);
      const acked = all.filter(acknowledged);
      const unanswered = all.filter((s) => s.reply.status <= 0);
      everAcked.push(...acked);
      // Before the kill nothing failed (the load itself is clean); after it nothing was answered.
      expect(
        all.filter((s) => s.reply.status > 0 && !acknowledged(s)).map((s) => outcome(s.reply)),
      ).toEqual([]);
      expect(unanswered.filter((s) => s.at < killedAt).map((s) => outcome(s.reply))).toEqual([]);

      // Restart on the same database (a new port: no client socket to the dead process is reused).
      const restartStarted = Date.now();
      api = await lab.api(`api#${round}`, databaseUrl, ENV);
      const restartMs = Date.now() - restartStarted;

      // 1. Every write acknowledged so far (this round and earlier ones) is there, with the
      //    acknowledged state or a later one.
      expect(await missingAcknowledged(db, everAcked)).toEqual([]);
      // 2. No partial pact, revision, signature, approval or audit row; no bare idempotency claim.
      expect(await inconsistencies(db)).toEqual({});
      // 3. Every pact chain, the audit log and its signed tree heads verify.
      const verification = await verifyAll(api, session.admin);
      expect(verification.pacts.filter((p) => !p.valid)).toEqual([]);
      expect(verification.log.valid).toBe(true);
      expect(verification.missingPacts).toEqual([]);
      expect(verification.valid).toBe(true);

      // 4. Acknowledged writes of each kind sent again with the same key: the stored answer —
      //    compared canonically, jsonb reorders keys — and nothing written.
      const before = await rowCounts(db);
      const sample = (['create', 'counter', 'sign', 'approve'] as const).flatMap((kind) =>
        acked.filter((s) => s.kind === kind).slice(-3),
      );
      for (const original of sample) {
        const again = await resend(api, original);
        expect(`${original.kind} ${again.status}`).toBe(
          `${original.kind} ${original.reply.status}`,
        );
        expect(canonicalJson(again.body)).toBe(canonicalJson(original.reply.body));
      }
      expect(await rowCounts(db)).toEqual(before);

      // 5. The requests the kill cut off are unknown to their clients. Retried with the same key,
      //    each replays what had committed or runs now — once: a second retry changes nothing.
      const committed = await db.query(
        'SELECT key FROM idempotency_keys WHERE key = ANY($1::varchar[])',
        [unanswered.map((s) => s.key)],
      );
      const retried: { original: Sent; reply: Awaited<ReturnType<typeof resend>> }[] = [];
      for (const original of unanswered) {
        retried.push({ original, reply: await resend(api, original) });
      }
      expect(
        retried
          .filter((r) => r.reply.status !== 200 && r.reply.status !== 201)
          .map((r) => `${r.original.kind} ${outcome(r.reply)}`),
      ).toEqual([]);
      everAcked.push(...retried.map((r) => ({ ...r.original, reply: r.reply, at: Date.now() })));
      const afterRetries = await rowCounts(db);
      for (const r of retried) {
        const twice = await resend(api, r.original);
        expect(canonicalJson(twice.body)).toBe(canonicalJson(r.reply.body));
      }
      expect(await rowCounts(db)).toEqual(afterRetries);
      // One pact per create key, including creates that were in flight when the process died.
      const duplicated = await db.query(
        'SELECT title, count(*)::int AS n FROM pacts GROUP BY title HAVING count(*) > 1',
      );
      expect(duplicated.rows).toEqual([]);
      expect(await inconsistencies(db)).toEqual({});

      report.push(
        `round ${round}: kill -9 after ${acked.length} acknowledged writes ${JSON.stringify(tally(acked.map((s) => s.reply)))}, ` +
          `${unanswered.length} cut off (${committed.rowCount} of them had committed; retries ${JSON.stringify(tally(retried.map((r) => r.reply)))}), ` +
          `restart to healthy ${restartMs} ms, ${verification.pacts.length} chains valid`,
      );
    }

    expect((await verifyAll(api, session.admin)).valid).toBe(true);

    // The checks are not vacuous: an acknowledgement whose event is not stored, and a signature
    // without its audit event (inserted, then rolled back), are both reported.
    const [someAck] = everAcked;
    if (someAck) {
      const forged = { ...someAck.reply.body, auditHead: { seq: 10_000, hash: 'f'.repeat(64) } };
      expect(
        await missingAcknowledged(db, [{ ...someAck, reply: { ...someAck.reply, body: forged } }]),
      ).toHaveLength(1);
    }
    await db.query('BEGIN');
    try {
      await db.query(
        `INSERT INTO pact_signatures (pact_id, revision_number, local_party_id, hash, user_id, signed_at)
         SELECT pact_id, number, $1, hash, created_by, now() FROM pact_revisions WHERE number = 1 LIMIT 1`,
        [session.labLewes],
      );
      expect(Object.keys(await inconsistencies(db))).toEqual(['signature without its audit event']);
    } finally {
      await db.query('ROLLBACK');
    }

    process.stderr.write(
      `[crash-recovery] ${CLIENTS} clients\n  ${report.join('\n  ')}\n  rows ${JSON.stringify(await rowCounts(db))}; ${Date.now() - started} ms\n`,
    );
  },
  TIMEOUT,
);
