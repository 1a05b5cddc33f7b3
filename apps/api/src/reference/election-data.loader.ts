import { PARTIES, REGIONS, searchKey, type ElectionResults } from '@pactroom/election-data';
import type { DataSource, EntityManager } from 'typeorm';
import { shippedElections } from './election-files.js';

/** What a load did, for the log and tests. */
export interface LoadReport {
  readonly loaded: string[];
  readonly unchanged: string[];
  readonly ms: number;
}

/**
 * Fills parties, regions, constituencies, elections, results, votes and candidates from the shipped
 * files. Idempotent: an election whose files hash the same as last time is skipped; a changed one is
 * replaced in one transaction. Rows go in as a few array-parameter INSERTs per table (unnest), which
 * loads all four elections in about a second rather than the minutes row-by-row inserts take.
 */
export async function loadElectionData(
  dataSource: DataSource,
  log: (message: string) => void,
): Promise<LoadReport> {
  const started = Date.now();
  const files = await shippedElections();
  const loaded: string[] = [];
  const unchanged: string[] = [];
  await dataSource.transaction(async (manager) => {
    await upsertCatalogue(manager);
  });
  for (const [index, file] of files.entries()) {
    const existing: { source_sha256: string }[] = await dataSource.query(
      'SELECT source_sha256 FROM elections WHERE code = $1',
      [file.info.code],
    );
    if (existing[0]?.source_sha256 === file.sha256) {
      unchanged.push(file.info.code);
      log(`election data ${index + 1}/${files.length}: ${file.info.code} unchanged`);
      continue;
    }
    const t0 = Date.now();
    const results = file.parse();
    await dataSource.transaction((manager) => replaceElection(manager, results, file.sha256));
    loaded.push(file.info.code);
    log(
      `election data ${index + 1}/${files.length}: ${file.info.code} loaded (${results.constituencies.length} constituencies) in ${Date.now() - t0} ms`,
    );
  }
  await fillSearchNames(dataSource);
  return { loaded, unchanged, ms: Date.now() - started };
}

/** Search keys for constituencies stored before they had one (an election loaded earlier). */
async function fillSearchNames(dataSource: DataSource): Promise<void> {
  const rows: { id: number; name: string }[] = await dataSource.query(
    `SELECT id, name FROM constituencies WHERE search_name = ''`,
  );
  if (rows.length > 0) {
    await dataSource.query(
      `UPDATE constituencies c SET search_name = k.key
         FROM unnest($1::int[], $2::varchar[]) AS k(id, key) WHERE c.id = k.id`,
      [rows.map((r) => r.id), rows.map((r) => searchKey(r.name))],
    );
  }
}

async function upsertCatalogue(manager: EntityManager): Promise<void> {
  await manager.query(
    `INSERT INTO parties (code, name, colour) SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[])
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, colour = EXCLUDED.colour`,
    [PARTIES.map((p) => p.code), PARTIES.map((p) => p.name), PARTIES.map((p) => p.colour)],
  );
  await manager.query(
    `INSERT INTO regions (slug, name, country) SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[])
     ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, country = EXCLUDED.country`,
    [REGIONS.map((r) => r.slug), REGIONS.map((r) => r.name), REGIONS.map((r) => r.country)],
  );
}

async function replaceElection(
  manager: EntityManager,
  results: ElectionResults,
  sha256: string,
): Promise<void> {
  const { election, constituencies: seats } = results;
  // Constituencies are shared by the elections of a boundary set: upsert, never delete (local
  // parties refer to them).
  const ids: { id: number; ons_code: string }[] = await manager.query(
    `INSERT INTO constituencies (boundary_set, ons_code, name, region_slug, country, search_name)
     SELECT $1, * FROM unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[])
     ON CONFLICT (boundary_set, ons_code) DO UPDATE SET name = EXCLUDED.name, region_slug = EXCLUDED.region_slug,
       country = EXCLUDED.country, search_name = EXCLUDED.search_name
     RETURNING id, ons_code`,
    [
      election.boundarySet,
      seats.map((s) => s.onsCode),
      seats.map((s) => s.name),
      seats.map((s) => s.region),
      seats.map((s) => s.country),
      seats.map((s) => searchKey(s.name)),
    ],
  );
  const idOf = new Map(ids.map((r) => [r.ons_code, r.id]));
  const id = (onsCode: string): number => {
    const value = idOf.get(onsCode);
    if (value === undefined) {
      throw new Error(`constituency ${onsCode} was not stored`);
    }
    return value;
  };
  await manager.query(
    `INSERT INTO elections (code, name, held_on, boundary_set, source_sha256, loaded_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, held_on = EXCLUDED.held_on, boundary_set = EXCLUDED.boundary_set,
       source_sha256 = EXCLUDED.source_sha256, loaded_at = EXCLUDED.loaded_at`,
    [election.code, election.name, election.heldOn, election.boundarySet, sha256],
  );
  // Results are derived data of the shipped files: a changed file replaces them wholesale.
  await manager.query('DELETE FROM candidates WHERE election_code = $1', [election.code]);
  await manager.query('DELETE FROM constituency_votes WHERE election_code = $1', [election.code]);
  await manager.query('DELETE FROM constituency_results WHERE election_code = $1', [election.code]);
  await manager.query(
    `INSERT INTO constituency_results (election_code, constituency_id, electorate, valid_votes, winner_party, majority)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::int[], $5::varchar[], $6::int[])`,
    [
      election.code,
      seats.map((s) => id(s.onsCode)),
      seats.map((s) => s.electorate),
      seats.map((s) => s.validVotes),
      seats.map((s) => s.winner),
      seats.map((s) => s.majority),
    ],
  );
  const votes = seats.flatMap((s) =>
    Object.entries(s.votes).map(([party, n]) => [id(s.onsCode), party, n] as const),
  );
  await manager.query(
    `INSERT INTO constituency_votes (election_code, constituency_id, party_code, votes)
     SELECT $1, * FROM unnest($2::int[], $3::varchar[], $4::int[])`,
    [election.code, votes.map((v) => v[0]), votes.map((v) => v[1]), votes.map((v) => v[2])],
  );
  const candidates = seats.flatMap((s) =>
    s.candidates.map((c) => ({ ...c, constituencyId: id(s.onsCode) })),
  );
  await manager.query(
    `INSERT INTO candidates (election_code, constituency_id, party_code, name, votes, elected)
     SELECT $1, * FROM unnest($2::int[], $3::varchar[], $4::varchar[], $5::int[], $6::boolean[])`,
    [
      election.code,
      candidates.map((c) => c.constituencyId),
      candidates.map((c) => c.party),
      candidates.map((c) => c.name),
      candidates.map((c) => c.votes),
      candidates.map((c) => c.elected),
    ],
  );
}
