import type { StanceRecord } from '@pactroom/consultation';
import type { EntityManager } from 'typeorm';

// Every consultation statement: the app's reads and writes of consultations, their electors and
// stances. The rules (tally, quorum, secrecy) are libs/consultation's.

/** A consultation row as the service uses it. */
export interface ConsultationRow {
  readonly id: string;
  readonly pactId: string;
  readonly revision: number;
  readonly party: string;
  readonly region: string;
  readonly scope: 'local-parties' | 'region';
  readonly localPartyIds: string[];
  readonly secret: boolean;
  readonly quorum: number;
  readonly threshold: number;
  readonly electorate: number;
  readonly closesAt: Date;
  readonly openedBy: string;
  readonly openedAt: Date;
  readonly endedAt: Date | null;
  readonly ending: 'closed' | 'voided' | null;
  readonly endedBy: string | null;
  readonly result: unknown;
}

const COLUMNS = `c.id, c.pact_id AS "pactId", c.revision, c.party_code AS party, c.region_slug AS region,
  c.scope, c.local_party_ids AS "localPartyIds", c.secret, c.quorum, c.threshold, c.electorate,
  c.closes_at AS "closesAt", c.opened_by AS "openedBy", c.opened_at AS "openedAt",
  c.ended_at AS "endedAt", c.ending, c.ended_by AS "endedBy", c.result`;

/** One consultation, optionally locked (`FOR UPDATE` to end it, `FOR SHARE` to vote on it). */
export async function loadConsultation(
  manager: EntityManager,
  id: string,
  lock: '' | 'FOR UPDATE' | 'FOR SHARE' = '',
): Promise<ConsultationRow | undefined> {
  const [row] = await manager.query<ConsultationRow[]>(
    `SELECT ${COLUMNS} FROM consultations c WHERE c.id = $1 ${lock}`,
    [id],
  );
  return row;
}

/** A pact's consultations, newest revision first, then by party and region. */
export function consultationsOfPact(
  manager: EntityManager,
  pactId: string,
): Promise<ConsultationRow[]> {
  return manager.query<ConsultationRow[]>(
    `SELECT ${COLUMNS} FROM consultations c WHERE c.pact_id = $1
      ORDER BY c.revision DESC, c.party_code, c.region_slug`,
    [pactId],
  );
}

/** The open consultations (closing time not reached) the user is consulted in, soonest first. */
export function consultationsOpenTo(
  manager: EntityManager,
  userId: string,
  now: Date,
): Promise<ConsultationRow[]> {
  return manager.query<ConsultationRow[]>(
    `SELECT ${COLUMNS} FROM consultations c
       JOIN consultation_electors e ON e.consultation_id = c.id AND e.user_id = $1
      WHERE c.ended_at IS NULL AND c.closes_at > $2
      ORDER BY c.closes_at, c.id`,
    [userId, now],
  );
}

/** The one for a slot on a revision, if any. */
export async function consultationOfSlot(
  manager: EntityManager,
  pactId: string,
  revision: number,
  party: string,
  region: string,
): Promise<ConsultationRow | undefined> {
  const [row] = await manager.query<ConsultationRow[]>(
    `SELECT ${COLUMNS} FROM consultations c
      WHERE c.pact_id = $1 AND c.revision = $2 AND c.party_code = $3 AND c.region_slug = $4`,
    [pactId, revision, party, region],
  );
  return row;
}

/**
 * The party's active local parties in the region whose seats on the pact's boundary set include a
 * seat of the terms (standing aside or benefiting) — participants or not: a branch whose seat is
 * traded is affected whether or not it signs.
 */
export async function localPartiesTouched(
  manager: EntityManager,
  party: string,
  region: string,
  boundarySet: string,
  seats: readonly string[],
): Promise<{ id: string; name: string }[]> {
  return manager.query(
    `SELECT DISTINCT lp.id, lp.name FROM local_parties lp
       JOIN local_party_constituencies lpc ON lpc.local_party_id = lp.id
       JOIN constituencies k ON k.id = lpc.constituency_id
      WHERE lp.party_code = $1 AND lp.region_slug = $2 AND lp.retired_at IS NULL
        AND k.boundary_set = $3 AND k.ons_code = ANY($4)
      ORDER BY lp.name`,
    [party, region, boundarySet, seats],
  );
}

/**
 * Who is consulted: enabled accounts with a member grant of the party — in the region (`region`),
 * or attached to one of `localPartyIds` (`local-parties`). A member grant with no region is the
 * party's nationally and is not asked by a regional coordinator.
 */
export async function electorateOf(
  manager: EntityManager,
  party: string,
  region: string,
  scope: 'local-parties' | 'region',
  localPartyIds: readonly string[],
): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT DISTINCT u.id FROM users u JOIN grants g ON g.user_id = u.id
      WHERE u.disabled_at IS NULL AND g.role = 'member' AND g.party_code = $1
        AND CASE WHEN $3 = 'region' THEN g.region_slug = $2 ELSE g.local_party_id = ANY($4) END
      ORDER BY u.id`,
    [party, region, scope, localPartyIds],
  );
  return rows.map((r) => r.id);
}

/** Opens it: the row and its electors, in the caller's transaction. */
export async function insertConsultation(
  manager: EntityManager,
  row: Omit<ConsultationRow, 'endedAt' | 'ending' | 'endedBy' | 'result'>,
  electors: readonly string[],
): Promise<void> {
  await manager.query(
    `INSERT INTO consultations (id, pact_id, revision, party_code, region_slug, scope, local_party_ids,
       secret, quorum, threshold, electorate, closes_at, opened_by, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      row.id,
      row.pactId,
      row.revision,
      row.party,
      row.region,
      row.scope,
      row.localPartyIds,
      row.secret,
      row.quorum,
      row.threshold,
      row.electorate,
      row.closesAt,
      row.openedBy,
      row.openedAt,
    ],
  );
  await manager.query(
    `INSERT INTO consultation_electors (consultation_id, user_id) SELECT $1, unnest($2::uuid[])`,
    [row.id, electors],
  );
}

/** Whether the user is among those consulted. */
export async function isElector(
  manager: EntityManager,
  consultationId: string,
  userId: string,
): Promise<boolean> {
  const rows = await manager.query<unknown[]>(
    'SELECT 1 FROM consultation_electors WHERE consultation_id = $1 AND user_id = $2',
    [consultationId, userId],
  );
  return rows.length > 0;
}

/** Every stance given, in the order given (the lib's records; `voter` is the user id). */
export async function stancesOf(
  manager: EntityManager,
  consultationId: string,
): Promise<StanceRecord[]> {
  const rows = await manager.query<
    { voter: string; stance: StanceRecord['stance']; reason: string | null; at: Date }[]
  >(
    `SELECT user_id AS voter, stance, reason, recorded_at AS at FROM consultation_stances
      WHERE consultation_id = $1 ORDER BY id`,
    [consultationId],
  );
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** Records a stance (append-only: the latest counts). */
export async function insertStance(
  manager: EntityManager,
  consultationId: string,
  userId: string,
  stance: string,
  reason: string | null,
  at: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO consultation_stances (consultation_id, user_id, stance, reason, recorded_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [consultationId, userId, stance, reason, at],
  );
}

/** Ends it (closed with its result, or voided); its only change after opening. */
export async function endConsultation(
  manager: EntityManager,
  id: string,
  ending: 'closed' | 'voided',
  endedBy: string | null,
  result: unknown,
  at: Date,
): Promise<void> {
  await manager.query(
    `UPDATE consultations SET ended_at = $2, ending = $3, ended_by = $4, result = $5
      WHERE id = $1 AND ended_at IS NULL`,
    [id, at, ending, endedBy, result === null ? null : JSON.stringify(result)],
  );
}

/** Open consultations whose closing time has come (the sweep closes them), oldest first. */
export async function dueConsultations(
  manager: EntityManager,
  now: Date,
  limit: number,
): Promise<{ id: string; pactId: string }[]> {
  return manager.query(
    `SELECT id, pact_id AS "pactId" FROM consultations
      WHERE ended_at IS NULL AND closes_at <= $1 ORDER BY closes_at LIMIT $2`,
    [now, limit],
  );
}

/** Open consultations closing within `withinMs` of `now` (their members are reminded once). */
export async function closingSoon(
  manager: EntityManager,
  now: Date,
  withinMs: number,
): Promise<ConsultationRow[]> {
  return manager.query<ConsultationRow[]>(
    `SELECT ${COLUMNS} FROM consultations c
      WHERE c.ended_at IS NULL AND c.closes_at > $1 AND c.closes_at <= $2
      ORDER BY c.closes_at`,
    [now, new Date(now.getTime() + withinMs)],
  );
}

/** Why a voided consultation was voided, as its `pact.consultation_voided` event says. */
export async function voidedBecause(
  manager: EntityManager,
  c: ConsultationRow,
): Promise<string | null> {
  const [row] = await manager.query<{ why: string | null }[]>(
    `SELECT payload->>'why' AS why FROM audit_events
      WHERE pact_id = $1 AND action = 'pact.consultation_voided'
        AND payload->>'consultationId' = $2::text
      ORDER BY seq DESC LIMIT 1`,
    [c.pactId, c.id],
  );
  return row?.why ?? null;
}

/** Display names of users, by id. */
export async function namesOf(
  manager: EntityManager,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await manager.query<{ id: string; name: string }[]>(
    'SELECT id, name FROM users WHERE id = ANY($1)',
    [userIds],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
