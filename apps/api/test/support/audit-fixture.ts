// Shared by the audit e2e files: one app with the demo accounts, Hastings-for-Lewes ratified on
// demand, the pact and admin verifications, and a way to tamper as a superuser and put rows back.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect } from '@jest/globals';
import type { AuditEvent, AuditTrailVerification } from '@pactroom/audit-chain';
import type { ChainLogVerification } from '../../src/audit/audit.service.js';
import { createTestApp, type TestApp } from './test-app.js';
import { HASTINGS_FOR_LEWES, demoTokens, get, inAMonth, localPartyId, post } from './pacts.js';

/** The file's app; set by `useAuditApp`'s beforeAll (an ES module live binding). */
export let t: TestApp;
let as: Record<string, string>;
let ldHastings: string;
let labLewes: string;

/** Boots the file's app with the demo accounts signed in, and closes it afterwards. */
export function useAuditApp(): void {
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    as = await demoTokens(t, [
      'officer.ld.hastings',
      'officer.lab.lewes',
      'coord.ld.southeast',
      'coord.lab.southeast',
      'member.lab',
      'admin',
    ]);
    ldHastings = await localPartyId(t, 'Hastings and Rye Liberal Democrats');
    labLewes = await localPartyId(t, 'Lewes Labour');
  });
  afterAll(async () => {
    await t.close();
  });
}

export const token = (who: string) => as[who] ?? '';
export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The actions of a pact proposed by one side, signed by the other and approved by both regions. */
export const RATIFIED_ACTIONS = [
  'pact.drafted',
  'pact.proposed',
  'pact.signed',
  'pact.approved',
  'pact.approved',
];

/** Hastings-for-Lewes, proposed, signed and approved by both South East coordinators. */
export async function ratifiedPact(title: string): Promise<string> {
  const created = await post(t, token('officer.ld.hastings'), '/api/pacts', {
    title,
    election: 'ge2017',
    localParties: [ldHastings, labLewes],
    terms: HASTINGS_FOR_LEWES,
    respondBy: inAMonth(),
    propose: true,
  });
  expect(created.status).toBe(201);
  const pact = created.body as { id: string; revision: { number: number; hash: string } };
  const id = pact.id;
  const revision = { revision: pact.revision.number, hash: pact.revision.hash };
  const statusOf = (res: { body: unknown }) => (res.body as { status?: string }).status;
  const signed = await post(t, token('officer.lab.lewes'), `/api/pacts/${id}/sign`, revision);
  expect(statusOf(signed)).toBe('signed');
  const ld = await post(t, token('coord.ld.southeast'), `/api/pacts/${id}/approve`, revision);
  expect(statusOf(ld)).toBe('signed');
  const lab = await post(t, token('coord.lab.southeast'), `/api/pacts/${id}/approve`, revision);
  expect(lab.status).toBe(200);
  expect(statusOf(lab)).toBe('ratified');
  return id;
}

export const auditOf = async (id: string): Promise<AuditEvent[]> => {
  const res = await get(t, token('member.lab'), `/api/pacts/${id}/audit`);
  expect(res.status).toBe(200);
  return (res.body as { items: AuditEvent[] }).items;
};

export const verifyPact = async (id: string): Promise<ChainLogVerification> => {
  const res = await get(t, token('member.lab'), `/api/pacts/${id}/audit/verify`);
  expect(res.status).toBe(200);
  return res.body as ChainLogVerification;
};

export const verifyAll = async () => {
  const res = await get(t, token('admin'), '/api/audit/verify');
  expect(res.status).toBe(200);
  const body = res.body as AuditTrailVerification;
  return { ...body, pact: (id: string) => body.pacts.find((p) => p.pactId === id) };
};

/**
 * Runs SQL as a superuser who goes around the append-only triggers: inside one transaction with
 * `session_replication_role = replica`, under which ordinary triggers (the guards, and the foreign
 * keys) do not fire. `SET LOCAL` ends with the transaction, so the guards are back at commit.
 */
export async function tamper(statements: [sql: string, params?: unknown[]][]): Promise<void> {
  await t.dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL session_replication_role = replica');
    for (const [sql, params] of statements) {
      await manager.query(sql, params);
    }
  });
}

/** The rows of `table` whose `key` is `value`, as JSON text. */
async function rowsOf(table: string, key: string, value: unknown): Promise<string> {
  const [row]: { rows: string }[] = await t.dataSource.query(
    `SELECT coalesce(jsonb_agg(to_jsonb(r)), '[]')::text AS rows FROM "${table}" r WHERE ${key} = $1`,
    [value],
  );
  return row?.rows ?? '[]';
}

/**
 * Snapshots the rows of each `[table, key]` whose key is `value`; the returned function puts
 * exactly those rows back, going around the guards like {@link tamper}.
 */
export async function snapshot(
  value: unknown,
  tables: readonly (readonly [table: string, key: string])[],
): Promise<() => Promise<void>> {
  const saved: [table: string, key: string, rows: string][] = [];
  for (const [table, key] of tables) {
    saved.push([table, key, await rowsOf(table, key, value)]);
  }
  return () =>
    tamper(
      saved.flatMap(([table, key, rows]): [string, unknown[]][] => [
        [`DELETE FROM "${table}" WHERE ${key} = $1`, [value]],
        [
          `INSERT INTO "${table}" OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`,
          [rows],
        ],
      ]),
    );
}

export const EVENTS = [['audit_events', 'pact_id']] as const;
/** Every row of a pact, children before parents. */
export const WHOLE_PACT = [
  ['audit_events', 'pact_id'],
  ['pact_approvals', 'pact_id'],
  ['pact_signatures', 'pact_id'],
  ['pact_stand_asides', 'pact_id'],
  ['pact_revisions', 'pact_id'],
  ['pact_participants', 'pact_id'],
  ['pacts', 'id'],
] as const;
