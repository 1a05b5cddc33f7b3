import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { canonicalJson } from '@pactroom/audit-chain';
import { ELECTIONS } from '@pactroom/election-data';
import type pg from 'pg';
import {
  createBody,
  createProposed,
  demoSession,
  HASTINGS_FOR_LEWES,
  inconsistencies,
  login,
  tally,
  verifyAll,
  type DemoSession,
  type PactView,
} from './support/pact-client.js';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { clearOfLoginWindowEdge } from '../support/login-window.js';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.js';
import { call, FaultLab, outcome, type ApiProcess, type Reply } from './support/processes.js';

// Two API processes on one database: what one process guarantees with row locks, keys and
// PostgreSQL-held counters must hold across processes too — conflicting actions sent through both
// give the same exactly-once outcomes as through one.

const TIMEOUT = 300_000;
const FAILURES_PER_ACCOUNT = 5;

const lab = new FaultLab();
let databaseUrl = '';
let a: ApiProcess;
let b: ApiProcess;
let session: DemoSession;
let db: pg.Client;

const ENV = {
  PACTROOM_DB_POOL_SIZE: '20',
  PACTROOM_LOGIN_FAILURES_PER_ACCOUNT: String(FAILURES_PER_ACCOUNT),
  PACTROOM_LOGIN_ATTEMPTS_PER_IP: '1000',
  // No in-flight cap in the way: the login test is about the counters shared in PostgreSQL.
  PACTROOM_LOGINS_IN_FLIGHT: '64',
};

beforeAll(async () => {
  const cluster = await lab.cluster();
  databaseUrl = await cluster.createDatabase('pactroom_twoproc_test');
  // One after the other: the first migrates and seeds, the second finds it done.
  a = await lab.api('api-a', databaseUrl, ENV);
  b = await lab.api('api-b', databaseUrl, ENV);
  session = await demoSession(a);
  db = await lab.pg(databaseUrl);
}, TIMEOUT);
afterAll(async () => {
  await lab.dispose();
}, TIMEOUT);

/** Through process a for even i, b for odd. */
const via = (i: number) => (i % 2 === 0 ? a : b);

async function chain(pactId: string): Promise<{ seq: number; action: string }[]> {
  const { rows } = await db.query<{ seq: number; action: string }>(
    'SELECT seq, action FROM audit_events WHERE pact_id = $1 ORDER BY seq',
    [pactId],
  );
  expect(rows.map((r) => r.seq)).toEqual(rows.map((_r, i) => i + 1));
  return rows;
}

it(
  'lets exactly one of two conflicting counters on one revision win, one through each process',
  async () => {
    const results: string[] = [];
    for (let round = 0; round < 10; round++) {
      const pact = await createProposed(a, session, `Two-process counter ${round}`);
      const counter = (api: ApiProcess, token: string, text: string) =>
        call<PactView>(api, 'POST', `/api/pacts/${pact.id}/counter`, {
          token,
          body: {
            baseRevision: 1,
            terms: { ...HASTINGS_FOR_LEWES, commitments: [{ party: 'ld', text }] },
          },
        });
      // Alternate which process gets which side.
      const [first, second] =
        round % 2 === 0
          ? await Promise.all([
              counter(a, session.lab, 'Offer A'),
              counter(b, session.ld, 'Offer B'),
            ])
          : await Promise.all([
              counter(b, session.lab, 'Offer A'),
              counter(a, session.ld, 'Offer B'),
            ]);
      const outcomes = [outcome(first), outcome(second)].sort();
      results.push(outcomes.join(' + '));
      expect(outcomes).toEqual(['200', '409 STALE_REVISION']);
      const winner = first.status === 200 ? first : second;
      const { rows } = await db.query<{ current_revision: number }>(
        'SELECT current_revision FROM pacts WHERE id = $1',
        [pact.id],
      );
      expect(rows).toEqual([{ current_revision: 2 }]);
      const revision = await db.query<{ hash: string }>(
        'SELECT hash FROM pact_revisions WHERE pact_id = $1 AND number = 2',
        [pact.id],
      );
      expect(revision.rows).toEqual([{ hash: winner.body.revision.hash }]);
      expect((await chain(pact.id)).map((e) => e.action)).toEqual([
        'pact.drafted',
        'pact.proposed',
        'pact.countered',
      ]);
    }
    process.stderr.write(
      `[two-processes] conflicting counters, one per process: ${results.length} rounds, each ${results[0]}\n`,
    );
  },
  TIMEOUT,
);

it(
  'turns 50 identical signatures spread over both processes into one signature row and a gapless chain',
  async () => {
    const pact = await createProposed(b, session, 'Two-process signatures');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_v, i) =>
        call<PactView>(via(i), 'POST', `/api/pacts/${pact.id}/sign`, {
          token: session.lab,
          body: { revision: 1, hash: pact.revision.hash },
        }),
      ),
    );
    process.stderr.write(
      `[two-processes] 50 identical signatures: ${JSON.stringify(tally(results))}\n`,
    );
    expect(results.filter((r) => r.status !== 200).map(outcome)).toEqual([]);
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pact_signatures WHERE pact_id = $1 AND local_party_id = $2',
      [pact.id, session.labLewes],
    );
    expect(rows).toEqual([{ n: 1 }]);
    expect((await chain(pact.id)).map((e) => e.action)).toEqual([
      'pact.drafted',
      'pact.proposed',
      'pact.signed',
    ]);
    expect(results.every((r) => r.body.status === 'signed')).toBe(true);
  },
  TIMEOUT,
);

it(
  'executes a request sent with one Idempotency-Key to both processes at once exactly once, with one answer',
  async () => {
    // A command: eight concurrent copies, four through each process.
    const pact = await createProposed(a, session, 'Two-process idempotent counter');
    const counterBody = {
      baseRevision: 1,
      terms: { ...HASTINGS_FOR_LEWES, commitments: [{ party: 'lab', text: 'Once only' }] },
    };
    const counters = await Promise.all(
      Array.from({ length: 8 }, (_v, i) =>
        call<PactView>(via(i), 'POST', `/api/pacts/${pact.id}/counter`, {
          token: session.lab,
          body: counterBody,
          key: 'two-process-counter',
        }),
      ),
    );
    expect(counters.map(outcome)).toEqual(Array<string>(8).fill('200'));
    expect(new Set(counters.map((r) => canonicalJson(r.body))).size).toBe(1);
    expect((await chain(pact.id)).map((e) => e.action)).toEqual([
      'pact.drafted',
      'pact.proposed',
      'pact.countered',
    ]);

    // A create: one pact, whichever process got there first.
    const body = createBody(session, 'Two-process idempotent create');
    const creates = await Promise.all(
      Array.from({ length: 8 }, (_v, i) =>
        call<PactView>(via(i), 'POST', '/api/pacts', {
          token: session.ld,
          body,
          key: 'two-process-create',
        }),
      ),
    );
    process.stderr.write(
      `[two-processes] same key to both: counters ${JSON.stringify(tally(counters))}, creates ${JSON.stringify(tally(creates))}\n`,
    );
    expect(creates.map(outcome)).toEqual(Array<string>(8).fill('201'));
    expect(new Set(creates.map((r) => canonicalJson(r.body))).size).toBe(1);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pacts WHERE title = 'Two-process idempotent create'`,
    );
    expect(rows).toEqual([{ n: 1 }]);
    expect(await inconsistencies(db)).toEqual({});
    expect((await verifyAll(b, session.admin)).valid).toBe(true);
  },
  TIMEOUT,
);

it(
  'counts failed logins across both processes: the limit lives in PostgreSQL',
  async () => {
    // One after the other, alternating processes: the sixth failure is refused wherever it lands,
    // and then the right password too.
    await clearOfLoginWindowEdge();
    const sequential: Reply[] = [];
    for (let i = 0; i < FAILURES_PER_ACCOUNT + 1; i++) {
      sequential.push(await login(via(i), 'member.green', 'wrong-password'));
    }
    const rightOnA = await login(a, 'member.green');
    const rightOnB = await login(b, 'member.green');
    expect(sequential.map(outcome)).toEqual([
      ...Array<string>(FAILURES_PER_ACCOUNT).fill('401 INVALID_CREDENTIALS'),
      '429 THROTTLED',
    ]);
    expect(outcome(rightOnA)).toBe('429 THROTTLED');
    expect(outcome(rightOnB)).toBe('429 THROTTLED');

    // At once: twelve wrong guesses at another account, six through each process, overshoot by
    // nothing.
    const concurrent = await Promise.all(
      Array.from({ length: 12 }, (_v, i) => login(via(i), 'member.ld', 'wrong-password')),
    );
    process.stderr.write(
      `[two-processes] logins: sequential ${JSON.stringify(tally(sequential))}, then right password ${outcome(rightOnA)} / ${outcome(rightOnB)}; ` +
        `12 concurrent guesses ${JSON.stringify(tally(concurrent))}\n`,
    );
    expect(tally(concurrent)).toEqual({
      '401 INVALID_CREDENTIALS': FAILURES_PER_ACCOUNT,
      '429 THROTTLED': 12 - FAILURES_PER_ACCOUNT,
    });
    // An account nobody guessed at still signs in through both.
    expect(outcome(await login(a, 'member.lab'))).toBe('200');
    expect(outcome(await login(b, 'member.lab'))).toBe('200');
  },
  TIMEOUT,
);

it(
  'starts three processes at the same moment on an empty database: all come up, with the schema and data once',
  async () => {
    // Replicas rolled out together on a new (or not yet migrated) database: migrations, election
    // data and demo seeding must not race each other. Three, to make the race likely to show.
    const cluster = await lab.cluster();
    const url = await cluster.createDatabase('pactroom_twoproc_fresh_test');
    const started = await Promise.allSettled([
      lab.api('fresh-a', url, ENV, 120_000),
      lab.api('fresh-b', url, ENV, 120_000),
      lab.api('fresh-c', url, ENV, 120_000),
    ]);
    const failures = started
      .filter((s): s is PromiseRejectedResult => s.status === 'rejected')
      .map((s) =>
        String(s.reason)
          .split('\n')
          .filter((l) => /failed|error/i.test(l))
          .slice(0, 3)
          .join(' | '),
      );
    process.stderr.write(
      `[two-processes] simultaneous start on an empty database: ${started.map((s) => s.status).join(', ')}${failures.length > 0 ? `: ${failures.join('; ')}` : ''}\n`,
    );
    expect(failures).toEqual([]);
    const fresh = await lab.pg(url);
    const { rows } = await fresh.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM migrations) AS migrations, (SELECT count(*)::int FROM elections) AS elections,
              (SELECT count(*)::int FROM users) AS users`,
    );
    expect(rows).toEqual([
      { migrations: MIGRATIONS.length, elections: ELECTIONS.length, users: DEMO_ACCOUNTS.length },
    ]);
  },
  TIMEOUT,
);
