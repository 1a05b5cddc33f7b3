import { Injectable } from '@nestjs/common';
import { searchKey } from '@pactroom/election-data';
import { DataSource } from 'typeorm';
import { DEFAULT_LIMIT, decodeCursor, toPage, type Page } from '../common/pagination.js';
import type {
  ConstituencyQueryDto,
  ConstituencyResultDto,
  ConstituencySummaryDto,
  ElectionDto,
  PartyDto,
  RegionDto,
} from './dto/reference.dto.js';
import { ReferenceErrors } from './reference.errors.js';

interface SummaryRow {
  ons_code: string;
  name: string;
  region_slug: string;
  country: string;
  winner_party: string;
  majority: number;
}

/** Read-only queries over the loaded reference data. */
@Injectable()
export class ReferenceService {
  constructor(private readonly dataSource: DataSource) {}

  async listParties(): Promise<PartyDto[]> {
    return this.dataSource.query('SELECT code, name, colour FROM parties ORDER BY code');
  }

  async listRegions(): Promise<RegionDto[]> {
    return this.dataSource.query('SELECT slug, name, country FROM regions ORDER BY slug');
  }

  async listElections(): Promise<ElectionDto[]> {
    const rows: {
      code: string;
      name: string;
      held_on: string;
      boundary_set: string;
      seats: Record<string, number>;
      constituencies: number;
    }[] = await this.dataSource.query(
      `SELECT e.code, e.name, to_char(e.held_on, 'YYYY-MM-DD') AS held_on, e.boundary_set,
                (SELECT count(*)::int FROM constituency_results r WHERE r.election_code = e.code) AS constituencies,
                (SELECT COALESCE(json_object_agg(w.winner_party, w.n ORDER BY w.n DESC, w.winner_party), '{}')
                   FROM (SELECT winner_party, count(*)::int AS n FROM constituency_results r
                          WHERE r.election_code = e.code GROUP BY winner_party) w) AS seats
           FROM elections e ORDER BY e.held_on`,
    );
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      heldOn: r.held_on,
      boundarySet: r.boundary_set,
      constituencies: r.constituencies,
      seats: r.seats,
    }));
  }

  async listConstituencies(
    election: string,
    query: ConstituencyQueryDto,
  ): Promise<Page<ConstituencySummaryDto>> {
    await this.requireElection(election);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string'])?.[0];
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT c.ons_code, c.name, c.region_slug, c.country, r.winner_party, r.majority
         FROM constituency_results r JOIN constituencies c ON c.id = r.constituency_id
        WHERE r.election_code = $1
          AND ($2::varchar IS NULL OR c.region_slug = $2)
          AND ($3::varchar IS NULL OR c.search_name LIKE '%' || $3 || '%')
          AND ($4::varchar IS NULL OR c.ons_code > $4)
        ORDER BY c.ons_code LIMIT $5`,
      [
        election,
        query.region ?? null,
        // Accents, case and punctuation do not count: the name's key holds the query's.
        query.q && searchKey(query.q) ? escapeLike(searchKey(query.q)) : null,
        after === undefined ? null : String(after),
        limit + 1,
      ],
    );
    return toPage(rows, limit, (r) => [r.ons_code], toSummary);
  }

  /** The names of an election's constituencies by ONS code (codes not in it are left out). */
  async constituencyNames(
    election: string,
    codes: readonly string[],
  ): Promise<Map<string, string>> {
    if (codes.length === 0) {
      return new Map();
    }
    const rows: { ons_code: string; name: string }[] = await this.dataSource.query(
      `SELECT c.ons_code, c.name
         FROM constituency_results r JOIN constituencies c ON c.id = r.constituency_id
        WHERE r.election_code = $1 AND c.ons_code = ANY($2::varchar[])`,
      [election, [...codes]],
    );
    return new Map(rows.map((r) => [r.ons_code, r.name]));
  }

  async getConstituencyResult(election: string, onsCode: string): Promise<ConstituencyResultDto> {
    await this.requireElection(election);
    const rows: (SummaryRow & {
      electorate: number;
      valid_votes: number;
      votes: Record<string, number>;
      candidates: ConstituencyResultDto['candidates'];
    })[] = await this.dataSource.query(
      `SELECT c.ons_code, c.name, c.region_slug, c.country, r.winner_party, r.majority, r.electorate, r.valid_votes,
                (SELECT json_object_agg(v.party_code, v.votes ORDER BY v.votes DESC) FROM constituency_votes v
                  WHERE v.election_code = r.election_code AND v.constituency_id = r.constituency_id) AS votes,
                (SELECT json_agg(json_build_object('party', d.party_code, 'name', d.name, 'votes', d.votes, 'elected', d.elected)
                          ORDER BY d.votes DESC) FROM candidates d
                  WHERE d.election_code = r.election_code AND d.constituency_id = r.constituency_id) AS candidates
           FROM constituency_results r JOIN constituencies c ON c.id = r.constituency_id
          WHERE r.election_code = $1 AND c.ons_code = $2`,
      [election, onsCode],
    );
    const row = rows[0];
    if (!row) {
      throw ReferenceErrors.constituencyNotFound();
    }
    return {
      election,
      ...toSummary(row),
      electorate: row.electorate,
      validVotes: row.valid_votes,
      turnout: Math.round((row.valid_votes / row.electorate) * 10_000) / 10_000,
      votes: row.votes,
      candidates: row.candidates,
    };
  }

  private async requireElection(code: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM elections WHERE code = $1', [
      code,
    ]);
    if (rows.length === 0) {
      throw ReferenceErrors.electionNotFound();
    }
  }
}

function toSummary(row: SummaryRow): ConstituencySummaryDto {
  return {
    onsCode: row.ons_code,
    name: row.name,
    region: row.region_slug,
    country: row.country,
    winner: row.winner_party,
    majority: row.majority,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
