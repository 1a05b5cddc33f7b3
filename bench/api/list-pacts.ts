// list-pacts: GET /api/pacts as the Lewes Labour officer (the first page and keyset pages at
// 10/50/90 % depth), one connection, at 1,000 and at 100,000 pacts, app and baseline; then the
// plan of the app's own list query for every demo account at both sizes.
// Target: p50 at 100,000 over p50 at 1,000 ≤ 1.3.
import type { Principal } from '../../apps/api/src/auth/principal.js';
import type { ListPactsQueryDto } from '../../apps/api/src/pacts/dto/pact-queries.dto.js';
import type { LoadSpec } from '../support/load.js';
import { runLoad } from '../support/load.js';
import type { ServerProcess } from '../support/processes.js';
import { loadWorld } from '../support/seed.js';
import { fmt, msSince, significant } from '../support/stats.js';
import { withClient } from './client.js';
import { type PhaseResult, recorded, type Stage } from './context.js';
import type { Run } from './lab.js';
import { explainList, type Plan } from './probes.js';
import {
  alternate,
  column,
  failures,
  med,
  noise,
  NOISE_LIMIT_PCT,
  noiseFields,
  perRequest,
} from './rounds.js';
import { LIST, log, ROUNDS, SMALL, TARGET } from './settings.js';

/** Keyset cursors at 10/50/90 % depth of the Lewes Labour officer's list in database `db`. */
function cursors(stage: Stage, db: string): Promise<string[]> {
  return withClient(stage.database.url(db), async (client) => {
    const { rows } = await client.query<{ created_at: Date; id: string }>(
      `WITH visible AS (
         SELECT p.created_at, p.id, row_number() OVER (ORDER BY p.created_at DESC, p.id DESC) AS n,
                count(*) OVER () AS total
           FROM pacts p
          WHERE p.proposed_at IS NOT NULL AND EXISTS (SELECT 1 FROM pact_participants pp
                  JOIN local_parties lp ON lp.id = pp.local_party_id
                 WHERE pp.pact_id = p.id AND lp.name = 'Lewes Labour'))
       SELECT created_at, id FROM visible
        WHERE n IN (ceil(total * 0.1), ceil(total * 0.5), ceil(total * 0.9)) ORDER BY n`,
    );
    return rows.map((r) =>
      Buffer.from(JSON.stringify([r.created_at.toISOString(), r.id])).toString('base64url'),
    );
  });
}

/** EXPLAIN ANALYZE of the first page for every demo account (each role takes its own keys). */
async function plansByAccount(
  stage: Stage,
): Promise<Map<string, { small: Plan; big: Plan; principal: Principal }>> {
  const world = await withClient(stage.database.url('pactroom'), loadWorld);
  const principalOf = (email: string): Principal => ({
    userId: world.actors.get(email)?.userId ?? '',
    email,
    name: email,
    grants: (world.actors.get(email)?.grants ?? []) as Principal['grants'],
    sessionId: '',
  });
  const plans = new Map<string, { small: Plan; big: Plan; principal: Principal }>();
  for (const email of [...world.actors.keys()].sort()) {
    const principal = principalOf(email);
    const small = await explainList(stage.database.url('pactroom_small'), principal);
    const big = await explainList(stage.database.url('pactroom'), principal);
    plans.set(email, { small, big, principal });
    log(
      `    ${email.padEnd(34)} ${fmt(small.executionMs).padStart(7)} ms → ` +
        `${fmt(big.executionMs).padStart(7)} ms (hashed rows ${big.hashedRows})`,
    );
  }
  return plans;
}

/**
 * A filtered list reads the user's keys qualified by the filter's most selective term: EXPLAIN of
 * the first page, at both sizes, for filters that match many, few and none of the Lewes Labour
 * officer's pacts (before those keys, one matching none walked all 60 % of the pacts it sees).
 */
const FILTERS: Record<string, ListPactsQueryDto> = {
  'status=proposed': { status: 'proposed' },
  'status=declined': { status: 'declined' },
  'constituency=E14000786 (Lewes, in use)': { constituency: 'E14000786' },
  'constituency=E14000530 (in no pact)': { constituency: 'E14000530' },
  'party=green (none visible)': { party: 'green' },
};

async function filteredPlans(
  stage: Stage,
  principal: Principal,
): Promise<Record<string, { at1kMs: number; at100kMs: number }>> {
  const out: Record<string, { at1kMs: number; at100kMs: number }> = {};
  for (const [name, query] of Object.entries(FILTERS)) {
    const small = await explainList(stage.database.url('pactroom_small'), principal, query);
    const big = await explainList(stage.database.url('pactroom'), principal, query);
    out[name] = { at1kMs: significant(small.executionMs), at100kMs: significant(big.executionMs) };
    log(
      `    filter ${name.padEnd(38)} ${fmt(small.executionMs).padStart(7)} ms → ` +
        `${fmt(big.executionMs).padStart(7)} ms`,
    );
  }
  return out;
}

export async function benchListPacts(
  stage: Stage & { appSmall: ServerProcess; baseSmall: ServerProcess },
): Promise<PhaseResult> {
  const { lab, appBig, baseBig, appSmall, baseSmall, big, tokens } = stage;
  const phase = process.hrtime.bigint();
  const listSpec = (server: ServerProcess, label: string, pages: string[]): LoadSpec => ({
    label,
    url: server.url,
    method: 'GET',
    headers: { authorization: `Bearer ${tokens.labLewes}` },
    requests: [{ path: '/api/pacts' }, ...pages.map((c) => ({ path: `/api/pacts?cursor=${c}` }))],
    connections: LIST.connections,
  });
  const variants = [
    { key: 'ours 1k', server: appSmall, pages: await cursors(stage, 'pactroom_small') },
    { key: 'ours 100k', server: appBig, pages: await cursors(stage, 'pactroom') },
    { key: 'baseline 1k', server: baseSmall, pages: await cursors(stage, 'pactroom_small') },
    { key: 'baseline 100k', server: baseBig, pages: await cursors(stage, 'pactroom') },
  ];
  log(`list-pacts: 4 variants, first page + 3 keyset pages, ${LIST.connections} connection`);
  for (const v of variants) {
    await runLoad({ ...listSpec(v.server, v.key, v.pages), durationS: LIST.warmS });
  }
  const listRounds = await alternate('list-pacts', async (r) => {
    const line: string[] = [];
    const runs: Run[] = [];
    for (const v of variants) {
      const result = await lab.measure(v.server, {
        ...listSpec(v.server, v.key, v.pages),
        durationS: LIST.runS,
      });
      runs.push(result);
      line.push(
        `${v.key} p50 ${fmt(result.p50Ms)} ms (db ${fmt(perRequest(result, (x) => x.dbCpuMs))} ms/req)` +
          (noise(result) > NOISE_LIMIT_PCT ? ` (other work ${fmt(noise(result))} %)` : ''),
      );
    }
    log(`  round ${r + 1}: ${line.join(', ')}`);
    return runs;
  });
  const results = new Map<string, Run[]>(variants.map((v, i) => [v.key, column(listRounds, i)]));
  const get = (key: string) => results.get(key) ?? [];
  const p50 = (key: string) => med(get(key), (r) => r.p50Ms);
  const rps = (key: string) => med(get(key), (r) => r.rps);
  const dbPerReq = (key: string) => med(get(key), (r) => perRequest(r, (x) => x.dbCpuMs));
  const growth = p50('ours 100k') / p50('ours 1k');
  const failed = failures([...results.values()].flat());
  // Where the time goes: the plan of the app's own query at both sizes, for every demo account.
  const plans = await plansByAccount(stage);
  const byAccount = Object.fromEntries(
    [...plans].map(([email, p]) => [
      email,
      {
        at1kMs: significant(p.small.executionMs),
        at100kMs: significant(p.big.executionMs),
        hashedRows: p.big.hashedRows,
      },
    ]),
  );
  const lewes = plans.get('officer.lab.lewes@pactroom.test');
  if (!lewes) {
    throw new Error('no plan for the Lewes Labour officer');
  }
  log(
    `  EXPLAIN ANALYZE of the list query (first page) as the Lewes Labour officer: ` +
      `${fmt(lewes.small.executionMs)} ms at ${SMALL.pacts} pacts, ${fmt(lewes.big.executionMs)} ` +
      `ms at ${big.pacts}; rows hashed in full per call (hashed subplans): ` +
      `${lewes.small.hashedRows} vs ${lewes.big.hashedRows}`,
  );
  log(
    `  EXPLAIN ANALYZE of filtered first pages as the Lewes Labour officer ` +
      `(${SMALL.pacts} → ${big.pacts} pacts):`,
  );
  const byFilter = await filteredPlans(stage, lewes.principal);
  log(`list-pacts done in ${fmt(msSince(phase) / 1000)} s (growth ${fmt(growth)})`);
  return {
    entry: {
      name: 'list-pacts',
      ours: significant(rps('ours 100k')),
      baseline: significant(rps('baseline 100k')),
      unit: 'req/s',
      ratio: significant(rps('ours 100k') / rps('baseline 100k')),
      p50Ms: significant(p50('ours 100k')),
      p99Ms: significant(med(get('ours 100k'), (r) => r.p99Ms)),
      wallMs: significant(p50('ours 100k')),
      target: `p50(100k)/p50(1k) ≤ ${TARGET.listGrowth}`,
      pass: growth <= TARGET.listGrowth && failed === 0,
      growth: significant(growth),
      p50At1kMs: significant(p50('ours 1k')),
      p99At1kMs: significant(med(get('ours 1k'), (r) => r.p99Ms)),
      baselineP50At100kMs: significant(p50('baseline 100k')),
      baselineP50At1kMs: significant(p50('baseline 1k')),
      baselineGrowth: significant(p50('baseline 100k') / p50('baseline 1k')),
      dbCpuMsPerRequestAt100k: significant(dbPerReq('ours 100k')),
      dbCpuMsPerRequestAt1k: significant(dbPerReq('ours 1k')),
      appCpuMsPerRequestAt100k: significant(
        med(get('ours 100k'), (r) => perRequest(r, (x) => x.appCpuMs)),
      ),
      explain: {
        executionMsAt1k: significant(lewes.small.executionMs),
        executionMsAt100k: significant(lewes.big.executionMs),
        hashedSubplanRowsAt1k: lewes.small.hashedRows,
        hashedSubplanRowsAt100k: lewes.big.hashedRows,
        byAccount,
        lewesByFilter: byFilter,
      },
      ...noiseFields(listRounds),
      failed,
      pacts: { small: SMALL.pacts, big: big.pacts },
      rounds: ROUNDS,
      notes:
        `GET /api/pacts as the Lewes Labour officer (sees the proposed-or-later pacts of one of ` +
        `the two pairings, ~60 % of all), cycling the first page and keyset pages at 10/50/90 % ` +
        `depth; ${LIST.connections} connection (latency, not throughput), ${LIST.runS} s per run, ` +
        `${ROUNDS} rounds alternating 1k/100k and app/baseline. growth = app p50 at ` +
        `${big.pacts} pacts / at ${SMALL.pacts}. ours/baseline = req/s at ${big.pacts}; p50Ms, ` +
        `p99Ms, wallMs at ${big.pacts}. explain = EXPLAIN ANALYZE of the app's list query ` +
        `(first page) at both sizes; hashedSubplanRows = rows PostgreSQL reads to build hashed ` +
        `subplans of the visibility predicate on every call.`,
      ...recorded,
    },
    extraRows: [
      {
        name: `  at ${SMALL.pacts.toLocaleString('en-GB')} pacts`,
        ours: rps('ours 1k'),
        baseline: rps('baseline 1k'),
        unit: 'req/s',
        ratio: rps('ours 1k') / rps('baseline 1k'),
        p50Ms: p50('ours 1k'),
        p99Ms: med(get('ours 1k'), (r) => r.p99Ms),
        wallMs: p50('ours 1k'),
        target: `growth ${fmt(growth)}`,
        pass: null,
      },
    ],
  };
}
