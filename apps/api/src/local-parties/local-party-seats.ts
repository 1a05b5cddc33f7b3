import type { EntityManager } from 'typeorm';
import { LocalPartyErrors } from './local-parties.errors.js';

/** A constituency row a local party may cover. */
export interface SeatRow {
  id: number;
  ons_code: string;
  boundary_set: string;
  region_slug: string;
}

/**
 * The constituencies the codes name, one per code, on whichever boundary set has it. A code on
 * both sets (a few Scottish ones) is taken from `boundarySet` when given, else from the set the
 * local party already covers it on (`held`); otherwise the request is ambiguous.
 */
export async function resolveSeats(
  manager: EntityManager,
  codes: readonly string[],
  boundarySet: string | undefined,
  held: ReadonlyMap<string, string> = new Map(),
): Promise<SeatRow[]> {
  const unique = [...new Set(codes)];
  const found: SeatRow[] = await manager.query(
    'SELECT id, ons_code, boundary_set, region_slug FROM constituencies WHERE ons_code = ANY($1::varchar[])',
    [unique],
  );
  const unknown = unique.filter((code) => !found.some((f) => f.ons_code === code));
  if (unknown.length > 0) {
    throw LocalPartyErrors.unknownConstituencies(unknown);
  }
  const seats: SeatRow[] = [];
  const ambiguous: string[] = [];
  for (const code of unique) {
    const options = found.filter((f) => f.ons_code === code);
    const wanted =
      options.length === 1 ? options[0]?.boundary_set : (boundarySet ?? held.get(code));
    const seat = options.find((f) => f.boundary_set === wanted);
    if (seat) {
      seats.push(seat);
    } else {
      ambiguous.push(code);
    }
  }
  if (ambiguous.length > 0) {
    throw LocalPartyErrors.ambiguousBoundarySet(ambiguous);
  }
  return seats;
}

/**
 * Refuses seats another active local party of the party covers. Takes the same transaction
 * advisory lock as the database's own trigger (migration 1764800100000), so the check and the
 * insert that follows it cannot interleave with another writer's; the trigger stays the backstop.
 */
export async function refuseTakenSeats(
  manager: EntityManager,
  party: string,
  seats: readonly SeatRow[],
  self: string | null,
): Promise<void> {
  if (seats.length === 0) {
    return;
  }
  await manager.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('pactroom:local-party-seats:' || $1, 0))`,
    [party],
  );
  const clashes: { constituency: string; localPartyId: string; name: string }[] =
    await manager.query(
      `SELECT c.ons_code AS constituency, o.id AS "localPartyId", o.name
         FROM local_party_constituencies oc
         JOIN local_parties o ON o.id = oc.local_party_id
         JOIN constituencies c ON c.id = oc.constituency_id
        WHERE oc.constituency_id = ANY($2::int[]) AND oc.removed_at IS NULL
          AND o.party_code = $1 AND o.retired_at IS NULL AND ($3::uuid IS NULL OR o.id <> $3::uuid)
        ORDER BY c.ons_code, o.name`,
      [party, seats.map((s) => s.id), self],
    );
  if (clashes.length > 0) {
    throw LocalPartyErrors.seatTaken(clashes);
  }
}

/** Refuses a name an active local party of the party in the region already has (any case). */
export async function refuseTakenName(
  manager: EntityManager,
  party: string,
  region: string,
  name: string,
  self: string | null,
): Promise<void> {
  const taken: { name: string }[] = await manager.query(
    `SELECT name FROM local_parties
      WHERE party_code = $1 AND region_slug = $2 AND lower(name) = lower($3) AND retired_at IS NULL
        AND ($4::uuid IS NULL OR id <> $4::uuid)`,
    [party, region, name, self],
  );
  if (taken[0]) {
    throw LocalPartyErrors.nameTaken(taken[0].name);
  }
}

/** Makes `seats` the local party's active seats: removed ones marked, new ones added (or unmarked). */
export async function replaceSeats(
  manager: EntityManager,
  localPartyId: string,
  add: readonly SeatRow[],
  remove: readonly SeatRow[],
): Promise<void> {
  if (remove.length > 0) {
    await manager.query(
      `UPDATE local_party_constituencies SET removed_at = now()
        WHERE local_party_id = $1 AND constituency_id = ANY($2::int[]) AND removed_at IS NULL`,
      [localPartyId, remove.map((s) => s.id)],
    );
  }
  if (add.length > 0) {
    await manager.query(
      `INSERT INTO local_party_constituencies (local_party_id, constituency_id)
       SELECT $1, unnest($2::int[])
       ON CONFLICT (local_party_id, constituency_id) DO UPDATE SET removed_at = NULL`,
      [localPartyId, add.map((s) => s.id)],
    );
  }
}
