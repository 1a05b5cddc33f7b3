// large-pact: what a pact's size costs, to set the API's limits from (issue 14, national pacts).
// On its own scratch PostgreSQL, the app booted as the other phases boot it (migrations, election
// data, demo accounts), pacts of (participants, stand-asides) from (2, 2) to the limits are played
// through the API: create+propose as one officer, a sign by each other participant (the first one,
// and the final one, which takes the seat locks and runs the cross-pact conflict check), an approval
// by the coordinator of each required slot (the last ratifies and issues the certificate), then
// reads — GET /api/pacts/:id, the pact page GET /pact/:id, GET /api/pacts/:id/impact — and a
// terminate (which frees the seats for the next pact). Each step's p50 is reported as a ratio to
// the (2, 2) pact measured in the same run (before the others and again after them), with bodies'
// sizes, the drafted audit event's payload and the pact's list-key rows.
import {
  type ScratchCluster,
  startScratchCluster,
} from '../../apps/api/src/database/scratch-cluster.js';
import { fmt, median, msSince, significant } from '../support/stats.js';
import type { TableRow } from '../support/table.js';
import { login, pageSession, withClient } from './client.js';
import { type PhaseResult, recorded } from './context.js';
import type { Lab } from './lab.js';
import {
  createCoordinator,
  createWorld,
  freeSeats,
  type LargePactWorld,
  retireWorld,
  type Seat,
} from './large-pact-world.js';
import { LARGE, type LargeSize, log } from './settings.js';

/** One step's timing over a size's pacts. */
type Step =
  | 'create'
  | 'sign'
  | 'finalSign'
  | 'approve'
  | 'ratify'
  | 'firstRead'
  | 'read'
  | 'page'
  | 'impact'
  | 'terminate';
const STEPS: Step[] = [
  'create',
  'sign',
  'finalSign',
  'approve',
  'ratify',
  'firstRead',
  'read',
  'page',
  'impact',
  'terminate',
];

interface SizeResult {
  readonly label: string;
  readonly participants: number;
  readonly standAsides: number;
  readonly approvals: number;
  readonly pacts: number;
  readonly ms: Record<Step, number[]>;
  readonly bytes: Record<string, number>;
}

interface Http {
  readonly url: string;
}

async function call(
  http: Http,
  method: 'GET' | 'POST',
  path: string,
  auth: { token?: string; cookie?: string },
  body?: object,
): Promise<{ ms: number; status: number; text: string; sent: number }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (auth.token) {
    headers.authorization = `Bearer ${auth.token}`;
  }
  if (auth.cookie) {
    headers.cookie = auth.cookie;
  }
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const t = process.hrtime.bigint();
  const res = await fetch(`${http.url}${path}`, { method, headers, body: payload });
  const text = await res.text();
  const ms = msSince(t);
  return {
    ms,
    status: res.status,
    text,
    sent: payload === undefined ? 0 : Buffer.byteLength(payload),
  };
}

async function ok(
  step: string,
  p: Promise<{ ms: number; status: number; text: string; sent: number }>,
  want = 200,
) {
  const r = await p;
  if (r.status !== want) {
    throw new Error(`large-pact ${step}: ${r.status} ${r.text.slice(0, 500)}`);
  }
  return r;
}

interface PactBody {
  id: string;
  status: string;
  revision: { number: number; hash: string };
  requiredApprovals: { party: string; region: string }[];
}

/** `size.commitments` commitments of the longest text, owed by the participating parties in turn. */
function commitmentsFor(world: LargePactWorld, size: LargeSize): { party: string; text: string }[] {
  const parties = [...new Set(world.branches.map((b) => b.party))];
  return Array.from({ length: size.commitments ?? 0 }, (_, i) => {
    const head = `Commitment ${i + 1}: campaign jointly. `;
    return {
      party: parties[i % parties.length] ?? 'ld',
      text: head.padEnd(LARGE.commitmentChars, 'x'),
    };
  });
}

/** Plays one pact of the world through the API and records each step. */
async function playPact(
  http: Http,
  db: string,
  world: LargePactWorld,
  tokens: Map<string, string>,
  coordinators: (party: string, region: string) => Promise<string>,
  cookie: string,
  size: LargeSize,
  into: SizeResult,
): Promise<void> {
  const [author, ...others] = world.branches;
  const token = (email: string) => tokens.get(email) ?? '';
  if (!author) {
    throw new Error('large-pact: no participants');
  }
  const created = await ok(
    'create',
    call(
      http,
      'POST',
      '/api/pacts',
      { token: token(author.officerEmail) },
      {
        title: `Bench pact of ${world.branches.length}`,
        contest: 'ge2019',
        election: 'ge2017',
        localParties: world.branches.map((b) => b.id),
        terms: { standAsides: world.standAsides, commitments: commitmentsFor(world, size) },
        respondBy: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        propose: true,
      },
    ),
    201,
  );
  into.ms.create.push(created.ms);
  into.bytes.createRequest = created.sent;
  let pact = JSON.parse(created.text) as PactBody;
  const accept = { revision: pact.revision.number, hash: pact.revision.hash };
  for (const [i, branch] of others.entries()) {
    const signed = await ok(
      'sign',
      call(
        http,
        'POST',
        `/api/pacts/${pact.id}/sign`,
        { token: token(branch.officerEmail) },
        accept,
      ),
    );
    (i === others.length - 1 ? into.ms.finalSign : into.ms.sign).push(signed.ms);
    into.bytes.signResponse = signed.text.length;
    pact = JSON.parse(signed.text) as PactBody;
  }
  if (pact.status !== 'signed') {
    throw new Error(`large-pact: after every sign the pact is ${pact.status}`);
  }
  for (const [i, slot] of pact.requiredApprovals.entries()) {
    const approved = await ok(
      'approve',
      call(
        http,
        'POST',
        `/api/pacts/${pact.id}/approve`,
        { token: await coordinators(slot.party, slot.region) },
        accept,
      ),
    );
    (i === pact.requiredApprovals.length - 1 ? into.ms.ratify : into.ms.approve).push(approved.ms);
  }
  (into as { approvals: number }).approvals = pact.requiredApprovals.length;
  for (let r = 0; r < LARGE.reads; r++) {
    const read = await ok(
      'read',
      call(http, 'GET', `/api/pacts/${pact.id}`, { token: token(author.officerEmail) }),
    );
    (r === 0 ? into.ms.firstRead : into.ms.read).push(read.ms);
    into.bytes.readResponse = read.text.length;
    const page = await ok('page', call(http, 'GET', `/pact/${pact.id}`, { cookie }));
    into.ms.page.push(page.ms);
    into.bytes.page = Buffer.byteLength(page.text);
    const impact = await ok(
      'impact',
      call(http, 'GET', `/api/pacts/${pact.id}/impact`, { token: token(author.officerEmail) }),
    );
    into.ms.impact.push(impact.ms);
    into.bytes.impactResponse = impact.text.length;
  }
  const ended = await ok(
    'terminate',
    call(
      http,
      'POST',
      `/api/pacts/${pact.id}/terminate`,
      { token: token(author.officerEmail) },
      {
        reason: 'bench: frees the seats for the next pact',
      },
    ),
  );
  into.ms.terminate.push(ended.ms);
  await withClient(db, async (client) => {
    const events = await client.query<{ bytes: string }>(
      `SELECT octet_length(payload::text) AS bytes FROM audit_events
        WHERE pact_id = $1 AND action = 'pact.drafted'`,
      [pact.id],
    );
    into.bytes.draftedEvent = Number(events.rows[0]?.bytes ?? 0);
    const keys = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM pact_list_keys WHERE pact_id = $1',
      [pact.id],
    );
    into.bytes.listKeyRows = Number(keys.rows[0]?.n ?? 0);
  });
}

/** One size: its local parties and officers, `LARGE.pacts` pacts, then its parties retired. */
async function benchSize(
  http: Http,
  db: string,
  seats: readonly Seat[],
  size: LargeSize,
  tag: string,
  passwordHash: string,
  coordinators: (party: string, region: string) => Promise<string>,
): Promise<SizeResult> {
  const world = await withClient(db, (c) => createWorld(c, seats, size, tag, passwordHash));
  const tokens = new Map<string, string>();
  for (const b of world.branches) {
    tokens.set(b.officerEmail, await login(http.url, b.officerEmail));
  }
  const cookie = await pageSession(http.url, world.branches[0]?.officerEmail ?? '');
  const result: SizeResult = {
    label:
      `(${size.participants}, ${size.standAsides}` +
      `${size.commitments ? `, ${size.commitments} commitments` : ''})`,
    participants: size.participants,
    standAsides: size.standAsides,
    approvals: 0,
    pacts: size.pacts,
    ms: Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>,
    bytes: {},
  };
  const t = process.hrtime.bigint();
  for (let i = 0; i < size.pacts; i++) {
    await playPact(http, db, world, tokens, coordinators, cookie, size, result);
  }
  await withClient(db, (c) => retireWorld(c, world));
  log(
    `  ${result.label}: ${size.pacts} pacts in ${fmt(msSince(t) / 1000)} s; ` +
      STEPS.map((s) => `${s} ${fmt(median(result.ms[s]))}`).join(', ') +
      ` ms; ${JSON.stringify(result.bytes)}`,
  );
  return result;
}

export async function benchLargePact(lab: Lab): Promise<PhaseResult> {
  const phase = process.hrtime.bigint();
  const cluster: ScratchCluster = await startScratchCluster(undefined, (m) => log(`  ${m}`));
  lab.cluster = cluster;
  await cluster.database.ensureDatabase('pactroom_large');
  const db = cluster.database.url('pactroom_large');
  // Officers sign in one after another from one address: more than the per-address allowance.
  const app = await lab.startApp('app (large pacts)', db, false, {
    PACTROOM_LOGIN_ATTEMPTS_PER_IP: '1000000',
  });
  const http = { url: app.url };
  const { seats, passwordHash } = await withClient(db, async (c) => ({
    seats: await freeSeats(c),
    passwordHash:
      (
        await c.query<{ password_hash: string }>(
          `SELECT password_hash FROM users WHERE email = 'officer.ld.hastings@pactroom.test'`,
        )
      ).rows[0]?.password_hash ?? '',
  }));
  log(`large-pact: app on ${db}; ${seats.length} free seats`);
  const coordinatorTokens = new Map<string, string>();
  const coordinators = async (party: string, region: string): Promise<string> => {
    const key = `${party}:${region}`;
    let token = coordinatorTokens.get(key);
    if (!token) {
      const email = await withClient(db, (c) => createCoordinator(c, party, region, passwordHash));
      token = await login(http.url, email);
      coordinatorTokens.set(key, token);
    }
    return token;
  };
  // The baseline first and last: its two medians together are the baseline, their spread the drift.
  const sizes = [LARGE.baseline, ...LARGE.sizes, LARGE.baseline];
  const results: SizeResult[] = [];
  for (const [i, size] of sizes.entries()) {
    results.push(await benchSize(http, db, seats, size, `s${i}`, passwordHash, coordinators));
  }
  await lab.stopServer(app);
  await lab.closeCluster();
  const first = results[0];
  const last = results[results.length - 1];
  const base = Object.fromEntries(
    STEPS.map((s) => [s, median([...first.ms[s], ...last.ms[s]])]),
  ) as Record<Step, number>;
  // A two-party pact has no sign but the final one: a sign is compared with that.
  base.sign = base.finalSign;
  const measured = results.slice(1, -1);
  // A whole negotiation's server time: every sign and approval, and one of each read.
  const count = (r: SizeResult, s: Step) =>
    s === 'sign' ? r.participants - 2 : s === 'approve' ? r.approvals - 1 : 1;
  const whole = (r: SizeResult) =>
    STEPS.reduce((sum, s) => sum + (count(r, s) > 0 ? median(r.ms[s]) * count(r, s) : 0), 0);
  const baseWhole = whole(first) / 2 + whole(last) / 2;
  const rows: TableRow[] = measured.map((r) => ({
    name: `  ${r.label} negotiation`,
    ours: whole(r),
    baseline: baseWhole,
    unit: 'ms',
    ratio: whole(r) / baseWhole,
    p50Ms: median(r.ms.finalSign),
    p99Ms: Math.max(...STEPS.flatMap((s) => r.ms[s])),
    wallMs: whole(r),
    target: '-',
    pass: null,
  }));
  const limit = measured[measured.length - 1] ?? first;
  log(`large-pact done in ${fmt(msSince(phase) / 1000)} s`);
  return {
    entry: {
      name: 'large-pact',
      ours: significant(whole(limit)),
      baseline: significant(baseWhole),
      unit: 'ms',
      ratio: significant(whole(limit) / baseWhole),
      p50Ms: significant(median(limit.ms.finalSign)),
      p99Ms: significant(Math.max(...STEPS.flatMap((s) => limit.ms[s]))),
      wallMs: significant(whole(limit)),
      target: '-',
      pass: null,
      baselineDriftPct: significant(
        (100 * Math.abs(median(last.ms.finalSign) - median(first.ms.finalSign))) /
          Math.max(1e-9, base.finalSign),
      ),
      sizes: measured.map((r) => ({
        participants: r.participants,
        standAsides: r.standAsides,
        approvals: r.approvals,
        p50Ms: Object.fromEntries(STEPS.map((s) => [s, significant(median(r.ms[s]))])),
        ratio: Object.fromEntries(STEPS.map((s) => [s, significant(median(r.ms[s]) / base[s])])),
        bytes: r.bytes,
      })),
      baselineP50Ms: Object.fromEntries(STEPS.map((s) => [s, significant(base[s])])),
      baselineBytes: first.bytes,
      notes:
        `Pacts of (participants, stand-asides) played through the API one request at a time on ` +
        `an otherwise empty database (the demo only), ` +
        `${measured.map((r) => `${r.label} ×${r.pacts}`).join(', ')}, ` +
        `${LARGE.reads} reads of each: create+propose, each other participant's sign (sign = ` +
        `the median non-final one; finalSign = the last, seat locks and conflict check), each ` +
        `coordinator slot's approval (ratify = the last, with the certificate), GET ` +
        `/api/pacts/:id (read), GET /pact/:id (page), GET /api/pacts/:id/impact (impact), ` +
        `terminate. ratio = p50 / the p50 of the (${LARGE.baseline.participants}, ` +
        `${LARGE.baseline.standAsides}) pact measured before and after the others in the same ` +
        `run (a sign is compared with its final sign). ours = wallMs = the limit size's whole ` +
        `negotiation, server time one request at a time (the p50 of each step times its count: ` +
        `every sign and approval, one of each read), baseline = the same for (2, 2); p50Ms = ` +
        `the limit's final sign, p99Ms = its slowest request. bytes: request and response bodies, the drafted ` +
        `audit event's payload, the pact's list-key rows.`,
      ...recorded,
    },
    extraRows: rows,
  };
}
