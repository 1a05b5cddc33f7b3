// Fuzzes every operation of the served OpenAPI document (GET /api/docs-json) with fast-check: path
// parameters (real fixture ids, random and unicode strings, broken percent-escapes, 6 kB segments),
// the documented query parameters (valid, wrong type, out of range, repeated, unknown), bodies
// built from the documented schema and then mutated (fields dropped, added, duplicated, retyped,
// replaced by huge strings, NUL and lone surrogates, 1e308 / -0 / 1e309, nesting up to 20,000
// deep), invalid JSON and wrong content types — as an admin, a coordinator, two officers, a member,
// anonymously and with malformed tokens. Every answer must be below 500 and every error under /api
// must be exactly the API.md body with `requestId` equal to the `x-request-id` header; a stray path
// outside /api is a web page, and must be an HTML error page (see pageErrorProblems).
//
// PACTROOM_FUZZ_REQUESTS (default 10000) sets the budget, PACTROOM_FUZZ_SEED the seed (printed);
// a failure names its seed, pair and sample so it reproduces, and PACTROOM_FUZZ_ONLY (a regular
// expression over `METHOD /path`, or `stray`) replays just those operations with the same draws.
// Mass assignment is checked apart, on fixtures no fuzz run has touched yet:
// mass-assignment.reliability-spec.ts.
import { describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { get } from '../support/pacts.js';
import { errorBodyProblems, isApiPath, pageErrorProblems } from './support/error-body.js';
import {
  client,
  disposableToken,
  doc,
  ROLE_ACCOUNTS,
  spareTokens,
  t,
  tokenOf,
  useFuzzApp,
} from './support/fuzz-app.js';
import { fuzzTarget } from './support/fuzz-target.js';
import {
  badAuthorization,
  describeBytes,
  requestArb,
  strayArb,
  type FuzzRequest,
} from './support/fuzz-values.js';
import { danglingRefs, operationsOf, type Operation } from './support/openapi.js';
import { runPool, type RawResponse } from './support/raw-http.js';

// The reliability project's `testTimeout` in jest.config.mjs is not applied (tests stop at 5 s).
jest.setTimeout(300_000);

const SEED = Number(process.env.PACTROOM_FUZZ_SEED ?? 20_251_122);
const BUDGET = Number(process.env.PACTROOM_FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 8;
/** Only the operations whose `METHOD /path` matches this regular expression (to reproduce). */
const ONLY = process.env.PACTROOM_FUZZ_ONLY
  ? new RegExp(process.env.PACTROOM_FUZZ_ONLY)
  : undefined;

const log = (line: string) => process.stderr.write(`[fuzz] ${line}\n`);

useFuzzApp();

// ── The OpenAPI document ─────────────────────────────────────────────────────────────────────────

describe('the OpenAPI document', () => {
  it('documents operations to fuzz, and every $ref in it names a schema', () => {
    expect(operationsOf(doc).length).toBeGreaterThan(30);
    expect(danglingRefs(doc)).toEqual([]);
  });
});

// ── The fuzz run ─────────────────────────────────────────────────────────────────────────────────

interface Offender {
  readonly request: FuzzRequest;
  readonly status: number | string;
  /** The answer's `code` (or Fastify's), what was wrong with it, and the start of the body. */
  readonly code: string;
  readonly problems: string;
  readonly body: string;
}

const describeRequest = (r: FuzzRequest): string => {
  const headers = Object.entries(r.headers)
    .map(([k, v]) => `${k}: ${k === 'authorization' && v.length > 40 ? `${v.slice(0, 30)}…` : v}`)
    .join('; ');
  return `[seed ${SEED} pair ${r.pair} sample ${r.sample}] ${r.caller} ${r.mode} ${r.method} ${
    r.path.length > 300 ? `${r.path.slice(0, 300)}…` : r.path
  } {${headers}} ${describeBytes(r.body)}`;
};

function offender(
  request: FuzzRequest,
  status: number | string,
  text: string,
  problems = '',
): Offender {
  let code = '?';
  try {
    const parsed = JSON.parse(text) as { code?: unknown };
    code = typeof parsed.code === 'string' ? parsed.code : '?';
  } catch {
    // not JSON: the problems say so
  }
  return { request, status, code, problems, body: text.slice(0, 300) };
}

/** Offenders grouped by operation, status, code and problem, with a count and the first example. */
function grouped(offenders: readonly Offender[]): string[] {
  const groups = new Map<string, { count: number; example: Offender }>();
  for (const o of offenders) {
    const key = `${o.request.op} → ${o.status} ${o.code}${o.problems ? ` (${o.problems})` : ''}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
    } else {
      groups.set(key, { count: 1, example: o });
    }
  }
  return [...groups.entries()].map(
    ([key, g]) =>
      `${g.count}× ${key}\n    e.g. ${describeRequest(g.example.request)}\n    → ${g.example.body}`,
  );
}

interface Caller {
  readonly name: string;
  authorization(op: Operation | undefined): fc.Arbitrary<string | undefined>;
}

const CALLERS: readonly Caller[] = [
  ...Object.entries(ROLE_ACCOUNTS).map(([role, account]) => ({
    name: role,
    authorization: (op: Operation | undefined) =>
      fc.constant(
        `Bearer ${
          op?.key === 'POST /api/auth/logout'
            ? (spareTokens[account] ?? '')
            : // Both end every session of the caller's account (a password change too, issue 13).
              op?.key === 'POST /api/auth/logout-all' || op?.key === 'POST /api/auth/password'
              ? disposableToken
              : tokenOf(account)
        }`,
      ),
  })),
  { name: 'anonymous', authorization: () => fc.constant(undefined) },
  { name: 'malformed token', authorization: () => badAuthorization },
];

describe('fuzzing every documented operation', () => {
  it(`answers ${BUDGET}+ requests below 500, every error in the API.md shape`, async () => {
    const target = await fuzzTarget();
    const ops = operationsOf(doc);
    const allSlots = [...ops, 'stray'] as const;
    const slotKey = (slot: (typeof allSlots)[number]) => (slot === 'stray' ? slot : slot.key);
    const slots = allSlots.filter((slot) => ONLY === undefined || ONLY.test(slotKey(slot)));
    const pairs = allSlots.length * CALLERS.length;
    const perPair = Math.max(1, Math.ceil(BUDGET / pairs));
    log(
      `seed ${SEED}; ${ops.length} operations + stray × ${CALLERS.length} callers = ${pairs} pairs × ${perPair} = ${pairs * perPair} requests${ONLY ? ` (only ${slots.length * CALLERS.length * perPair} matching ${String(ONLY)})` : ''}, ${CONCURRENCY} in flight`,
    );

    function* requests(): Generator<FuzzRequest> {
      for (const [slotIndex, slot] of allSlots.entries()) {
        if (!slots.includes(slot)) {
          continue;
        }
        for (const [callerIndex, caller] of CALLERS.entries()) {
          // The pair's index in the full run, so a filtered run draws the same requests.
          const pair = slotIndex * CALLERS.length + callerIndex;
          const arb =
            slot === 'stray'
              ? strayArb(target, ops, {
                  name: caller.name,
                  authorization: caller.authorization(undefined),
                })
              : requestArb(target, slot, {
                  name: caller.name,
                  authorization: caller.authorization(slot),
                });
          const samples = fc.sample(arb, { seed: SEED + pair, numRuns: perPair });
          for (const [sample, request] of samples.entries()) {
            yield { ...request, pair, sample };
          }
        }
      }
    }

    const statuses = new Map<number, number>();
    const perOperation = new Map<string, Map<number, number>>();
    const modes = new Map<string, number>();
    const serverErrors: Offender[] = [];
    const transportErrors: Offender[] = [];
    const badErrorBodies: Offender[] = [];
    let sent = 0;
    let slowest = { ms: 0, request: '' };
    const started = performance.now();

    await runPool(requests(), CONCURRENCY, async (request) => {
      let res: RawResponse;
      try {
        res = await client.send(request);
      } catch (error) {
        transportErrors.push(offender(request, 'no answer', String(error)));
        return;
      }
      sent++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const byStatus = perOperation.get(request.op) ?? new Map<number, number>();
      byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
      perOperation.set(request.op, byStatus);
      modes.set(request.mode, (modes.get(request.mode) ?? 0) + 1);
      if (res.ms > slowest.ms) {
        slowest = { ms: res.ms, request: `${request.op} ${request.mode}` };
      }
      if (res.status >= 500) {
        serverErrors.push(offender(request, res.status, res.text));
      }
      // 5xx answers are reported above; the shape of every other error is checked here: the API's
      // JSON body under /api, the HTML 404 page everywhere else (those paths are web pages).
      if (res.status >= 400 && res.status < 500 && request.method !== 'HEAD') {
        const problems = isApiPath(request.path)
          ? errorBodyProblems(res.status, res.headers, res.text)
          : pageErrorProblems(request.method, request.path, res.status, res.headers, res.text);
        if (problems.length > 0) {
          badErrorBodies.push(offender(request, res.status, res.text, problems.join('; ')));
        }
      }
    });

    const seconds = (performance.now() - started) / 1000;
    const histogram = [...statuses.entries()].sort(([a], [b]) => a - b);
    log(
      `${sent} answered, ${transportErrors.length} unanswered in ${seconds.toFixed(1)} s (${(sent / seconds).toFixed(0)}/s); slowest ${slowest.ms.toFixed(0)} ms (${slowest.request})`,
    );
    log(`statuses ${histogram.map(([s, n]) => `${s}×${n}`).join(' ')}`);
    log(`modes ${[...modes.entries()].map(([m, n]) => `${m}×${n}`).join(' ')}`);
    for (const [op, byStatus] of [...perOperation.entries()].sort()) {
      const counts = [...byStatus.entries()].sort(([a], [b]) => a - b);
      log(`  ${op}: ${counts.map(([s, n]) => `${s}×${n}`).join(' ')}`);
    }
    // Every offender with its request (one line each), then the groups the assertion shows.
    const all = { serverErrors, transportErrors, badErrorBodies };
    for (const [kind, offenders] of Object.entries(all)) {
      for (const o of offenders) {
        log(
          `${kind}: ${o.status} ${o.code} ${describeRequest(o.request)} → ${o.body.slice(0, 160)}`,
        );
      }
    }
    const report = {
      serverErrors: grouped(serverErrors),
      transportErrors: grouped(transportErrors),
      badErrorBodies: grouped(badErrorBodies),
    };

    expect(sent + transportErrors.length).toBeGreaterThanOrEqual(ONLY ? 0 : BUDGET);
    expect(report).toEqual({ serverErrors: [], transportErrors: [], badErrorBodies: [] });
    // The run reached every documented operation.
    expect([...perOperation.keys()].sort()).toEqual(slots.map(slotKey).sort());
  });

  it('leaves the callers signed in, the audit chains valid and the app healthy', async () => {
    for (const account of Object.values(ROLE_ACCOUNTS)) {
      expect({ account, status: (await get(t, tokenOf(account), '/api/me')).status }).toEqual({
        account,
        status: 200,
      });
    }
    const verify = await get(t, tokenOf('admin'), '/api/audit/verify');
    expect(verify.status).toBe(200);
    expect(JSON.stringify(verify.body)).not.toContain('"valid":false');
    expect((await t.http.get('/api/health')).status).toBe(200);
  });
});
