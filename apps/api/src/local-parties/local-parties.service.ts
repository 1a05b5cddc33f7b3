import { Injectable } from '@nestjs/common';
import { isAdmin } from '@pactroom/accounts';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { DEFAULT_LIMIT, decodeCursor, toPage, type Page } from '../common/pagination.js';
import type {
  CreateLocalPartyDto,
  LocalPartyDto,
  LocalPartyEventDto,
  LocalPartyQueryDto,
  LocalPartySeatDto,
  RetireLocalPartyDto,
  UpdateLocalPartyDto,
} from './dto/local-party.dto.js';
import { LocalPartyErrors } from './local-parties.errors.js';
import {
  refuseTakenName,
  refuseTakenSeats,
  replaceSeats,
  resolveSeats,
  type SeatRow,
} from './local-party-seats.js';

interface LocalPartyRow {
  id: string;
  party_code: string;
  name: string;
  region_slug: string;
  retired_at: Date | null;
  retirement_reason: string | null;
  seats: LocalPartySeatDto[];
}

/** A local party with its active seats (oldest boundary set first, then by code). */
const SELECT = `SELECT lp.id, lp.party_code, lp.name, lp.region_slug, lp.retired_at, lp.retirement_reason,
  COALESCE((SELECT json_agg(json_build_object('constituency', c.ons_code, 'name', c.name, 'boundarySet', c.boundary_set)
                   ORDER BY c.boundary_set, c.ons_code)
              FROM local_party_constituencies lc JOIN constituencies c ON c.id = lc.constituency_id
             WHERE lc.local_party_id = lp.id AND lc.removed_at IS NULL), '[]'::json) AS seats
  FROM local_parties lp`;

type LocalPartyAction = 'local_party.created' | 'local_party.edited' | 'local_party.retired';

/** Whether the principal manages local parties of this party and region (admins: all). */
export function managesLocalParty(
  principal: Principal,
  localParty: { party: string; region: string },
): boolean {
  return (
    isAdmin(principal.grants) ||
    principal.grants.some(
      (g) =>
        g.role === 'coordinator' && g.party === localParty.party && g.region === localParty.region,
    )
  );
}

@Injectable()
export class LocalPartiesService {
  constructor(private readonly dataSource: DataSource) {}

  async listLocalParties(query: LocalPartyQueryDto): Promise<Page<LocalPartyDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string', 'uuid']);
    const rows: LocalPartyRow[] = await this.dataSource.query(
      `${SELECT}
        WHERE ($1::varchar IS NULL OR lp.party_code = $1) AND ($2::varchar IS NULL OR lp.region_slug = $2)
          AND ($3::varchar IS NULL OR (lp.name, lp.id) > ($3, $4::uuid))
          AND ($6::boolean IS NULL OR (lp.retired_at IS NOT NULL) = $6)
        ORDER BY lp.name, lp.id LIMIT $5`,
      [
        query.party ?? null,
        query.region ?? null,
        after ? String(after[0]) : null,
        after ? String(after[1]) : null,
        limit + 1,
        query.retired ?? null,
      ],
    );
    return toPage(rows, limit, (r) => [r.name, r.id], toDto);
  }

  async getLocalParty(id: string): Promise<LocalPartyDto | undefined> {
    const rows: LocalPartyRow[] = await this.dataSource.query(`${SELECT} WHERE lp.id = $1`, [id]);
    return rows[0] ? toDto(rows[0]) : undefined;
  }

  /**
   * The active local parties covering given seats of an election, for the given parties: one per
   * (party, seat) at most (the database refuses two active ones of a party on a seat), keyed
   * `party:onsCode`. A seat is matched on the election's boundary set; retired local parties and
   * seats removed from a local party do not count.
   */
  async activeForSeats(
    election: string,
    parties: readonly string[],
    onsCodes: readonly string[],
  ): Promise<Map<string, { id: string; name: string; region: string }>> {
    if (parties.length === 0 || onsCodes.length === 0) {
      return new Map();
    }
    const rows: {
      id: string;
      name: string;
      party_code: string;
      region_slug: string;
      ons_code: string;
    }[] = await this.dataSource.query(
      `SELECT lp.id, lp.name, lp.party_code, lp.region_slug, c.ons_code
           FROM local_parties lp
           JOIN local_party_constituencies lc ON lc.local_party_id = lp.id AND lc.removed_at IS NULL
           JOIN constituencies c ON c.id = lc.constituency_id
           JOIN elections e ON e.boundary_set = c.boundary_set AND e.code = $1
          WHERE lp.retired_at IS NULL AND lp.party_code = ANY($2::varchar[])
            AND c.ons_code = ANY($3::varchar[])
          ORDER BY lp.name, lp.id`,
      [election, [...new Set(parties)], [...new Set(onsCodes)]],
    );
    const found = new Map<string, { id: string; name: string; region: string }>();
    for (const row of rows) {
      const key = `${row.party_code}:${row.ons_code}`;
      if (!found.has(key)) {
        found.set(key, { id: row.id, name: row.name, region: row.region_slug });
      }
    }
    return found;
  }

  /** A local party the principal manages (for its edit form), else 404 as if it did not exist. */
  async getManagedLocalParty(principal: Principal, id: string): Promise<LocalPartyDto> {
    const found = await this.getLocalParty(id);
    if (!found || !managesLocalParty(principal, found)) {
      throw LocalPartyErrors.notFound();
    }
    return found;
  }

  /**
   * Creates a local party; its seats may be on several boundary sets, all in one region (its
   * region). Coordinators may only create local parties of their own party inside their own region.
   */
  async createLocalParty(principal: Principal, dto: CreateLocalPartyDto): Promise<LocalPartyDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const party: unknown[] = await manager.query('SELECT 1 FROM parties WHERE code = $1', [
        dto.party,
      ]);
      if (party.length === 0) {
        throw LocalPartyErrors.unknownParty(dto.party);
      }
      const seats = await resolveSeats(manager, dto.constituencies, dto.boundarySet);
      const regions = [...new Set(seats.map((s) => s.region_slug))];
      const region = regions[0];
      if (regions.length !== 1 || region === undefined) {
        throw LocalPartyErrors.mixedRegions(regions);
      }
      if (!managesLocalParty(principal, { party: dto.party, region })) {
        throw LocalPartyErrors.outOfScope();
      }
      await refuseTakenName(manager, dto.party, region, dto.name, null);
      await refuseTakenSeats(manager, dto.party, seats, null);
      const [row]: { id: string }[] = await manager.query(
        'INSERT INTO local_parties (party_code, name, region_slug) VALUES ($1, $2, $3) RETURNING id',
        [dto.party, dto.name, region],
      );
      if (!row) {
        throw new Error('INSERT … RETURNING gave no row');
      }
      await replaceSeats(manager, row.id, seats, []);
      await recordEvent(manager, row.id, principal, 'local_party.created', {
        party: dto.party,
        name: dto.name,
        region,
        seats: seatsOf(seats),
      });
      return row.id;
    });
    return this.read(id);
  }

  /**
   * Renames a local party and/or replaces its seats (any boundary sets, in its own region), for
   * admins and the coordinators of its party and region; anyone else gets 404.
   */
  async updateLocalParty(
    principal: Principal,
    id: string,
    dto: UpdateLocalPartyDto,
  ): Promise<LocalPartyDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await lockManaged(manager, principal, id);
      const payload: Record<string, unknown> = {};
      if (dto.name !== undefined && dto.name !== current.name) {
        await refuseTakenName(manager, current.party_code, current.region_slug, dto.name, id);
        await manager.query('UPDATE local_parties SET name = $2 WHERE id = $1', [id, dto.name]);
        payload.name = { from: current.name, to: dto.name };
      }
      if (dto.constituencies !== undefined) {
        const held: SeatRow[] = await manager.query(
          `SELECT c.id, c.ons_code, c.boundary_set, c.region_slug
             FROM local_party_constituencies lc JOIN constituencies c ON c.id = lc.constituency_id
            WHERE lc.local_party_id = $1 AND lc.removed_at IS NULL`,
          [id],
        );
        const seats = await resolveSeats(
          manager,
          dto.constituencies,
          dto.boundarySet,
          new Map(held.map((s) => [s.ons_code, s.boundary_set])),
        );
        const outside = seats.filter((s) => s.region_slug !== current.region_slug);
        if (outside.length > 0) {
          throw LocalPartyErrors.outsideRegion(
            current.region_slug,
            outside.map((s) => s.ons_code),
          );
        }
        const add = seats.filter((s) => !held.some((h) => h.id === s.id));
        const remove = held.filter((h) => !seats.some((s) => s.id === h.id));
        await refuseTakenSeats(manager, current.party_code, add, id);
        await replaceSeats(manager, id, add, remove);
        if (add.length > 0 || remove.length > 0) {
          payload.added = seatsOf(add);
          payload.removed = seatsOf(remove);
        }
      }
      if (Object.keys(payload).length > 0) {
        await recordEvent(manager, id, principal, 'local_party.edited', payload);
      }
    });
    return this.read(id);
  }

  /**
   * Retires a local party: kept, with its seats, in every pact that names it, but it takes part in
   * no new pact and no longer holds its name or seats against new local parties.
   */
  async retireLocalParty(
    principal: Principal,
    id: string,
    dto: RetireLocalPartyDto,
  ): Promise<LocalPartyDto> {
    await this.dataSource.transaction(async (manager) => {
      await lockManaged(manager, principal, id);
      await manager.query(
        'UPDATE local_parties SET retired_at = now(), retired_by = $2, retirement_reason = $3 WHERE id = $1',
        [id, principal.userId, dto.reason],
      );
      await recordEvent(manager, id, principal, 'local_party.retired', { reason: dto.reason });
    });
    return this.read(id);
  }

  /** What happened to a local party, oldest first, for those who manage it (else 404). */
  async localPartyEvents(principal: Principal, id: string): Promise<LocalPartyEventDto[]> {
    await this.getManagedLocalParty(principal, id);
    const rows: (Omit<LocalPartyEventDto, 'occurredAt'> & { occurredAt: Date })[] =
      await this.dataSource.query(
        `SELECT action, actor_user_id AS "actorUserId", actor_role AS "actorRole",
                actor_name AS "actorName", payload, occurred_at AS "occurredAt"
           FROM local_party_events WHERE local_party_id = $1 ORDER BY id`,
        [id],
      );
    return rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() }));
  }

  private async read(id: string): Promise<LocalPartyDto> {
    const found = await this.getLocalParty(id);
    if (!found) {
      throw new Error(`local party ${id} not found after writing it`);
    }
    return found;
  }
}

interface LockedRow {
  id: string;
  party_code: string;
  region_slug: string;
  name: string;
  retired_at: Date | null;
}

/** The local party, locked for the change, if the principal manages it and it is not retired. */
async function lockManaged(
  manager: EntityManager,
  principal: Principal,
  id: string,
): Promise<LockedRow> {
  const [row]: LockedRow[] = await manager.query(
    'SELECT id, party_code, region_slug, name, retired_at FROM local_parties WHERE id = $1 FOR UPDATE',
    [id],
  );
  if (!row || !managesLocalParty(principal, { party: row.party_code, region: row.region_slug })) {
    throw LocalPartyErrors.notFound();
  }
  if (row.retired_at !== null) {
    throw LocalPartyErrors.retired(row.name);
  }
  return row;
}

/** Records a change in the transaction that makes it. */
async function recordEvent(
  manager: EntityManager,
  localPartyId: string,
  principal: Principal,
  action: LocalPartyAction,
  payload: Record<string, unknown>,
): Promise<void> {
  await manager.query(
    `INSERT INTO local_party_events (local_party_id, action, actor_user_id, actor_role, actor_name, payload)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [
      localPartyId,
      action,
      principal.userId,
      isAdmin(principal.grants) ? 'admin' : 'coordinator',
      principal.name,
      JSON.stringify(payload),
    ],
  );
}

const seatsOf = (seats: readonly SeatRow[]) =>
  seats
    .map((s) => ({ constituency: s.ons_code, boundarySet: s.boundary_set }))
    .sort(
      (a, b) =>
        a.boundarySet.localeCompare(b.boundarySet) || a.constituency.localeCompare(b.constituency),
    );

function toDto(row: LocalPartyRow): LocalPartyDto {
  const boundarySets = [...new Set(row.seats.map((s) => s.boundarySet))].sort();
  return {
    id: row.id,
    party: row.party_code,
    name: row.name,
    region: row.region_slug,
    boundarySets,
    boundarySet: boundarySets[0] ?? '',
    constituencies: row.seats.map((s) => s.constituency).sort(),
    seats: row.seats,
    retiredAt: row.retired_at ? row.retired_at.toISOString() : null,
    retirementReason: row.retirement_reason,
  };
}
