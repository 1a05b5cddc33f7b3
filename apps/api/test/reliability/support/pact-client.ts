import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { call, sleep, type ApiProcess, type Reply } from './processes.js';

// Pact traffic over real HTTP for the fault tests, what was acknowledged, and the database-level
// checks that every acknowledged write is there and that no half-written change is.

/** Hastings-for-Lewes (as in test/support/pacts.ts, kept here so these tests boot no Nest app). */
export const HASTINGS_FOR_LEWES = {
  standAsides: [
    { party: 'ld', constituency: 'E14000735', beneficiary: 'lab' },
    { party: 'lab', constituency: 'E14000786', beneficiary: 'ld' },
  ],
  commitments: [] as { party: string; text: string }[],
};

export const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/** The parts of the pact detail response these tests read. */
export interface PactView {
  id: string;
  title: string;
  status: string;
  currentRevision: number;
  revision: { number: number; hash: string };
  signatures: { localPartyId: string; revision: number }[];
  approvals: { party: string; region: string; revision: number }[];
  auditHead: { seq: number; hash: string } | null;
}

export const DEMO_PASSWORD = 'pactroom-demo';

/** The demo accounts the pact flow needs, signed in, and the two local parties' ids. */
export interface DemoSession {
  readonly ld: string;
  readonly lab: string;
  readonly coordLd: string;
  readonly coordLab: string;
  readonly admin: string;
  readonly ldHastings: string;
  readonly labLewes: string;
}

/** Signs in as a demo account (short name: `officer.ld.hastings`, `admin`). */
export async function login(
  api: ApiProcess,
  name: string,
  password = DEMO_PASSWORD,
): Promise<Reply<{ accessToken?: string; code?: string }>> {
  return call<{ accessToken?: string; code?: string }>(api, 'POST', '/api/auth/login', {
    body: { email: `${name}@pactroom.test`, password },
  });
}

async function token(api: ApiProcess, name: string): Promise<string> {
  const res = await login(api, name);
  if (res.status !== 200 || !res.body.accessToken) {
    throw new Error(`login ${name} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.accessToken;
}

export async function demoSession(api: ApiProcess): Promise<DemoSession> {
  const ld = await token(api, 'officer.ld.hastings');
  const parties = await call<{ items: { id: string; name: string }[] }>(
    api,
    'GET',
    '/api/local-parties?limit=200',
    { token: ld },
  );
  const idOf = (name: string) => {
    const id = parties.body.items.find((p) => p.name === name)?.id;
    if (!id) {
      throw new Error(`no local party ${name}: ${JSON.stringify(parties.body).slice(0, 300)}`);
    }
    return id;
  };
  return {
    ld,
    lab: await token(api, 'officer.lab.lewes'),
    coordLd: await token(api, 'coord.ld.southeast'),
    coordLab: await token(api, 'coord.lab.southeast'),
    admin: await token(api, 'admin'),
    ldHastings: idOf('Hastings and Rye Liberal Democrats'),
    labLewes: idOf('Lewes Labour'),
  };
}

export const uniqueKey = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

/** The body of a proposed Hastings-for-Lewes. */
export function createBody(session: DemoSession, title: string): object {
  return {
    title,
    election: 'ge2017',
    localParties: [session.ldHastings, session.labLewes],
    terms: HASTINGS_FOR_LEWES,
    respondBy: inAMonth(),
    propose: true,
  };
}

export type WriteKind = 'create' | 'counter' | 'sign' | 'approve';

/** One write as sent: enough to send it again with the same Idempotency-Key. */
export interface Write {
  readonly kind: WriteKind;
  readonly path: string;
  readonly token: string;
  readonly key: string;
  readonly body: object;
}

/** A write and how it was answered. */
export interface Sent extends Write {
  readonly reply: Reply<PactView>;
  readonly at: number;
}

export const acknowledged = (s: Sent) => s.reply.status >= 200 && s.reply.status < 300;

/**
 * A client that walks pacts through their life — create+propose (LD), counter (Labour), sign (LD),
 * approve (both coordinators) — with an Idempotency-Key on every write, and records every answer.
 * A failed step abandons that pact and starts a new one.
 */
export class PactWriter {
  readonly sent: Sent[] = [];
  private pacts = 0;

  constructor(
    private readonly target: () => ApiProcess,
    private readonly session: DemoSession,
    readonly name: string,
    private readonly requestTimeoutMs = 30_000,
  ) {}

  async send(write: Write): Promise<Sent> {
    const reply = await call<PactView>(this.target(), 'POST', write.path, {
      token: write.token,
      body: write.body,
      key: write.key,
      timeoutMs: this.requestTimeoutMs,
    });
    const sent = { ...write, reply, at: Date.now() };
    this.sent.push(sent);
    return sent;
  }

  /** Runs until `stop()` says so; `pauseOnFailureMs` between a failure and the next pact. */
  async run(stop: () => boolean, pauseOnFailureMs = 50): Promise<void> {
    const s = this.session;
    while (!stop()) {
      const title = `${this.name} pact ${++this.pacts}`;
      const created = await this.send({
        kind: 'create',
        path: '/api/pacts',
        token: s.ld,
        key: uniqueKey(`${this.name}-create`),
        body: createBody(s, title),
      });
      if (!acknowledged(created)) {
        await sleep(pauseOnFailureMs);
        continue;
      }
      const id = created.reply.body.id;
      const steps: ((last: PactView) => Write)[] = [
        () => ({
          kind: 'counter',
          path: `/api/pacts/${id}/counter`,
          token: s.lab,
          key: uniqueKey(`${this.name}-counter`),
          body: {
            baseRevision: 1,
            terms: { ...HASTINGS_FOR_LEWES, commitments: [{ party: 'lab', text: title }] },
          },
        }),
        (last) => ({
          kind: 'sign',
          path: `/api/pacts/${id}/sign`,
          token: s.ld,
          key: uniqueKey(`${this.name}-sign`),
          body: { revision: last.revision.number, hash: last.revision.hash },
        }),
        (last) => ({
          kind: 'approve',
          path: `/api/pacts/${id}/approve`,
          token: s.coordLd,
          key: uniqueKey(`${this.name}-approve`),
          body: { revision: last.revision.number, hash: last.revision.hash },
        }),
        (last) => ({
          kind: 'approve',
          path: `/api/pacts/${id}/approve`,
          token: s.coordLab,
          key: uniqueKey(`${this.name}-approve`),
          body: { revision: last.revision.number, hash: last.revision.hash },
        }),
      ];
      let last = created.reply.body;
      for (const step of steps) {
        if (stop()) {
          return;
        }
        const sent = await this.send(step(last));
        if (!acknowledged(sent)) {
          await sleep(pauseOnFailureMs);
          break;
        }
        last = sent.reply.body;
      }
    }
  }
}

/**
 * Every acknowledged write is in the database: the chain head the response showed (seq and hash)
 * is a stored audit event, and the row the write added (pact and revision 1, revision 2, the
 * signature, the approval) exists. Returns the problems, one line each.
 */
export async function missingAcknowledged(db: pg.Client, acks: readonly Sent[]): Promise<string[]> {
  const problems: string[] = [];
  for (const ack of acks) {
    const view = ack.reply.body;
    const where = `${ack.kind} ${ack.key} (pact ${view.id})`;
    if (!view.auditHead) {
      problems.push(`${where}: the response has no audit head`);
      continue;
    }
    const head = await db.query(
      'SELECT 1 FROM audit_events WHERE pact_id = $1 AND seq = $2 AND hash = $3',
      [view.id, view.auditHead.seq, view.auditHead.hash],
    );
    if (head.rowCount !== 1) {
      problems.push(`${where}: audit event #${view.auditHead.seq} is not stored`);
    }
    const revision = await db.query(
      'SELECT 1 FROM pact_revisions WHERE pact_id = $1 AND number = $2 AND hash = $3',
      [view.id, view.revision.number, view.revision.hash],
    );
    if (revision.rowCount !== 1) {
      problems.push(`${where}: revision ${view.revision.number} is not stored`);
    }
    const pact = await db.query<{ current_revision: number }>(
      'SELECT current_revision FROM pacts WHERE id = $1',
      [view.id],
    );
    if ((pact.rows[0]?.current_revision ?? 0) < view.currentRevision) {
      problems.push(`${where}: the pact is missing or behind the acknowledged revision`);
    }
    for (const signature of view.signatures) {
      const row = await db.query(
        'SELECT 1 FROM pact_signatures WHERE pact_id = $1 AND revision_number = $2 AND local_party_id = $3',
        [view.id, signature.revision, signature.localPartyId],
      );
      if (row.rowCount !== 1) {
        problems.push(`${where}: signature ${JSON.stringify(signature)} is not stored`);
      }
    }
    for (const approval of view.approvals) {
      const row = await db.query(
        'SELECT 1 FROM pact_approvals WHERE pact_id = $1 AND revision_number = $2 AND party_code = $3 AND region_slug = $4',
        [view.id, approval.revision, approval.party, approval.region],
      );
      if (row.rowCount !== 1) {
        problems.push(`${where}: approval ${JSON.stringify(approval)} is not stored`);
      }
    }
  }
  return problems;
}

/** Named queries returning rows that must not exist. */
const INCONSISTENCIES: Readonly<Record<string, string>> = {
  'pact whose revisions are not exactly 1..current_revision': `
    SELECT p.id FROM pacts p LEFT JOIN pact_revisions r ON r.pact_id = p.id
     GROUP BY p.id, p.current_revision
    HAVING count(r.number) <> p.current_revision OR min(r.number) IS DISTINCT FROM 1
        OR max(r.number) IS DISTINCT FROM p.current_revision`,
  'pact without participants': `
    SELECT p.id FROM pacts p WHERE NOT EXISTS (SELECT 1 FROM pact_participants pp WHERE pp.pact_id = p.id)`,
  'revision without stand-asides': `
    SELECT r.pact_id, r.number FROM pact_revisions r
     WHERE NOT EXISTS (SELECT 1 FROM pact_stand_asides sa WHERE sa.pact_id = r.pact_id AND sa.revision_number = r.number)`,
  'pact whose audit chain is empty, has a gap or does not start with pact.drafted': `
    SELECT p.id FROM pacts p LEFT JOIN audit_events e ON e.pact_id = p.id
     GROUP BY p.id
    HAVING count(e.seq) = 0 OR count(e.seq) <> max(e.seq) OR min(e.seq) <> 1
        OR bool_or(e.seq = 1 AND e.action = 'pact.drafted') IS NOT TRUE`,
  'revision without its audit event': `
    SELECT r.pact_id, r.number FROM pact_revisions r
     WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.pact_id = r.pact_id AND (
             (r.number = 1 AND e.action = 'pact.drafted' AND (e.payload->'revision'->>'number')::int = 1
              AND e.payload->'revision'->>'hash' = r.hash)
          OR (e.action = 'pact.countered' AND (e.payload->>'revision')::int = r.number AND e.payload->>'hash' = r.hash)))`,
  'pact.countered event without its revision': `
    SELECT e.pact_id, e.seq FROM audit_events e WHERE e.action = 'pact.countered'
       AND NOT EXISTS (SELECT 1 FROM pact_revisions r WHERE r.pact_id = e.pact_id AND r.number = (e.payload->>'revision')::int)`,
  'signature without its audit event': `
    SELECT s.pact_id, s.revision_number, s.local_party_id FROM pact_signatures s
     WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.pact_id = s.pact_id
             AND e.action IN ('pact.proposed', 'pact.countered', 'pact.signed')
             AND (e.payload->>'revision')::int = s.revision_number AND e.actor_local_party_id = s.local_party_id)`,
  'signing event without its signature': `
    SELECT e.pact_id, e.seq FROM audit_events e WHERE e.action IN ('pact.proposed', 'pact.countered', 'pact.signed')
       AND NOT EXISTS (SELECT 1 FROM pact_signatures s WHERE s.pact_id = e.pact_id
             AND s.revision_number = (e.payload->>'revision')::int AND s.local_party_id = e.actor_local_party_id)`,
  'approval without its audit event': `
    SELECT a.pact_id, a.revision_number, a.party_code FROM pact_approvals a
     WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.pact_id = a.pact_id AND e.action = 'pact.approved'
             AND (e.payload->>'revision')::int = a.revision_number AND e.actor_party = a.party_code
             AND e.actor_region = a.region_slug)`,
  'pact.approved event without its approval': `
    SELECT e.pact_id, e.seq FROM audit_events e WHERE e.action = 'pact.approved'
       AND NOT EXISTS (SELECT 1 FROM pact_approvals a WHERE a.pact_id = e.pact_id
             AND a.revision_number = (e.payload->>'revision')::int AND a.party_code = e.actor_party
             AND a.region_slug = e.actor_region)`,
  'pact whose status is not the last event’s': `
    SELECT p.id, p.status, last.status_to FROM pacts p
      JOIN LATERAL (SELECT e.payload->>'to' AS status_to FROM audit_events e WHERE e.pact_id = p.id
                     ORDER BY e.seq DESC LIMIT 1) last ON true
     WHERE last.status_to IS DISTINCT FROM p.status`,
  'idempotency key claimed without a stored response': `
    SELECT user_id, key FROM idempotency_keys WHERE response IS NULL OR status_code IS NULL`,
};

/** Rows and events that do not match one another (a partial write), by check. */
export async function inconsistencies(db: pg.Client): Promise<Record<string, unknown[]>> {
  const found: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(INCONSISTENCIES)) {
    const { rows } = await db.query(sql);
    if (rows.length > 0) {
      found[name] = rows.slice(0, 5);
    }
  }
  return found;
}

/** Row counts of the pact tables, to show a replay wrote nothing. */
export async function rowCounts(db: pg.Client): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM pacts) AS pacts, (SELECT count(*)::int FROM pact_revisions) AS revisions,
            (SELECT count(*)::int FROM pact_signatures) AS signatures, (SELECT count(*)::int FROM pact_approvals) AS approvals,
            (SELECT count(*)::int FROM audit_events) AS events, (SELECT count(*)::int FROM idempotency_keys) AS keys`,
  );
  return rows[0] ?? {};
}

/** The admin verification of every chain, the audit log and its tree heads. */
export interface AuditVerification {
  valid: boolean;
  pacts: { pactId: string; valid: boolean }[];
  log: { valid: boolean };
  missingPacts: string[];
}

export async function verifyAll(api: ApiProcess, adminToken: string): Promise<AuditVerification> {
  const res = await call<AuditVerification>(api, 'GET', '/api/audit/verify', {
    token: adminToken,
    timeoutMs: 60_000,
  });
  if (res.status !== 200) {
    throw new Error(`GET /api/audit/verify → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** Tally of outcomes (`201`, `503 SERVICE_UNAVAILABLE`, `0 (ECONNRESET)`, …). */
export function tally(replies: readonly Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of replies) {
    const code = (r.body as { code?: unknown } | null)?.code;
    const key =
      r.status <= 0
        ? `${r.status === 0 ? 'no answer' : 'timeout'}`
        : `${r.status}${typeof code === 'string' ? ` ${code}` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Creates and proposes a Hastings-for-Lewes as the Hastings Lib Dems; throws unless 201. */
export async function createProposed(
  api: ApiProcess,
  session: DemoSession,
  title: string,
): Promise<PactView> {
  const res = await call<PactView>(api, 'POST', '/api/pacts', {
    token: session.ld,
    body: createBody(session, title),
  });
  if (res.status !== 201) {
    throw new Error(`create ${title} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}
