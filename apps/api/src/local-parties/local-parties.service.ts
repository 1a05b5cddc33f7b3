import { Injectable } from '@nestjs/common';
import { isAdmin } from '@pactroom/accounts';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { DEFAULT_LIMIT, decodeCursor, toPage, type Page } from '../common/pagination.js';
import type {
  CreateLocalPartyDto,
  LocalPartyDto,
  LocalPartyQueryDto,
} from './dto/local-party.dto.js';
import { LocalPartyErrors } from './local-parties.errors.js';

interface LocalPartyRow {
  id: string;
  party_code: string;
  name: string;
  region_slug: string;
  boundary_set: string;
  constituencies: string[];
}

const SELECT = `SELECT lp.id, lp.party_code, lp.name, lp.region_slug, lp.boundary_set,
  ARRAY(SELECT c.ons_code FROM local_party_constituencies lc JOIN constituencies c ON c.id = lc.constituency_id
         WHERE lc.local_party_id = lp.id ORDER BY c.ons_code) AS constituencies
  FROM local_parties lp`;

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
        ORDER BY lp.name, lp.id LIMIT $5`,
      [
        query.party ?? null,
        query.region ?? null,
        after ? String(after[0]) : null,
        after ? String(after[1]) : null,
        limit + 1,
      ],
    );
    return toPage(rows, limit, (r) => [r.name, r.id], toDto);
  }

  async getLocalParty(id: string): Promise<LocalPartyDto | undefined> {
    const rows: LocalPartyRow[] = await this.dataSource.query(`${SELECT} WHERE lp.id = $1`, [id]);
    return rows[0] ? toDto(rows[0]) : undefined;
  }

  /**
   * Creates a local party after resolving its constituencies to one boundary set and one region.
   * Coordinators may only create local parties of their own party inside their own region.
   */
  async createLocalParty(principal: Principal, dto: CreateLocalPartyDto): Promise<LocalPartyDto> {
    const codes = [...new Set(dto.constituencies)];
    const id = await this.dataSource.transaction(async (manager) => {
      const party: unknown[] = await manager.query('SELECT 1 FROM parties WHERE code = $1', [
        dto.party,
      ]);
      if (party.length === 0) {
        throw LocalPartyErrors.unknownParty(dto.party);
      }
      const found: { id: number; ons_code: string; boundary_set: string; region_slug: string }[] =
        await manager.query(
          'SELECT id, ons_code, boundary_set, region_slug FROM constituencies WHERE ons_code = ANY($1::varchar[])',
          [codes],
        );
      const sets = ['2010', '2024'].filter((set) =>
        codes.every((code) => found.some((f) => f.ons_code === code && f.boundary_set === set)),
      );
      if (sets.length === 0) {
        throw LocalPartyErrors.unknownConstituencies(
          codes.filter((c) => !found.some((f) => f.ons_code === c)),
        );
      }
      const boundarySet = dto.boundarySet ?? (sets.length === 1 ? sets[0] : undefined);
      if (!boundarySet || !sets.includes(boundarySet)) {
        throw boundarySet
          ? LocalPartyErrors.unknownConstituencies(codes)
          : LocalPartyErrors.ambiguousBoundarySet();
      }
      const seats = found.filter((f) => f.boundary_set === boundarySet);
      const regions = [...new Set(seats.map((s) => s.region_slug))];
      const region = regions[0];
      if (regions.length !== 1 || region === undefined) {
        throw LocalPartyErrors.mixedRegions(regions);
      }
      const inScope =
        isAdmin(principal.grants) ||
        principal.grants.some(
          (g) => g.role === 'coordinator' && g.party === dto.party && g.region === region,
        );
      if (!inScope) {
        throw LocalPartyErrors.outOfScope();
      }
      const [row]: { id: string }[] = await manager.query(
        'INSERT INTO local_parties (party_code, name, region_slug, boundary_set) VALUES ($1, $2, $3, $4) RETURNING id',
        [dto.party, dto.name, region, boundarySet],
      );
      if (!row) {
        throw new Error('INSERT … RETURNING gave no row');
      }
      await manager.query(
        'INSERT INTO local_party_constituencies (local_party_id, constituency_id) SELECT $1, unnest($2::int[])',
        [row.id, seats.map((s) => s.id)],
      );
      return row.id;
    });
    const created = await this.getLocalParty(id);
    if (!created) {
      throw new Error('created local party not found');
    }
    return created;
  }
}

function toDto(row: LocalPartyRow): LocalPartyDto {
  return {
    id: row.id,
    party: row.party_code,
    name: row.name,
    region: row.region_slug,
    boundarySet: row.boundary_set,
    constituencies: row.constituencies,
  };
}
