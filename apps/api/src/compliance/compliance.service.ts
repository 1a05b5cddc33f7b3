import {
  MAX_REPORTED_PROBLEMS,
  parseCandidates,
  type ParsedCandidates,
} from '@pactroom/compliance';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../common/api-error.js';
import { withSerializationRetry } from '../common/transaction-retry.js';
import { ContestErrors } from '../contests/contests.errors.js';
import { ContestsService } from '../contests/contests.service.js';
import { Outbox } from '../notifications/outbox.js';
import { PactQueriesService } from '../pacts/pact-queries.service.js';
import { loadPact } from '../pacts/store/index.js';
import type { CandidateImportDto, PactComplianceDto } from './dto/compliance.dto.js';
import { recordComplianceCheck } from './compliance-check.js';
import { complianceOf } from './nominations-store.js';

/**
 * Compliance after nominations: importing who was nominated for a contest, and for every
 * stand-aside of a ratified pact whether the party kept its word. Each import re-checks the
 * ratified pacts it touches, in the import's transaction, and records a `pact.compliance_checked`
 * event in a pact's audit chain (announced like every pact event) when its result changed.
 */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly queries: PactQueriesService,
    private readonly outbox: Outbox,
  ) {}

  async importCandidates(
    principal: Principal,
    contestId: string,
    csv: string,
    source: string,
  ): Promise<CandidateImportDto> {
    const contest = await this.contests.viewOf(contestId);
    // Who stood is known once candidates can no longer withdraw; a list before then (or an old
    // list pasted against the wrong contest) would record breaches that are not.
    if (contest.phase === 'open') {
      throw ContestErrors.nominationsOpen(contest.name, contest.calendar.withdrawalDeadline);
    }
    if (csv.includes('\u0000')) {
      throw new ApiError(
        422,
        'CANDIDATES_UNREADABLE',
        `Line ${csv.slice(0, csv.indexOf('\u0000')).split('\n').length} contains a NUL character: the file is not text.`,
      );
    }
    const constituencies = await this.dataSource.query<{ onsCode: string; name: string }[]>(
      `SELECT ons_code AS "onsCode", name FROM constituencies WHERE boundary_set = $1`,
      [contest.boundarySet],
    );
    const parsed = parseCandidates(csv, {
      constituencies,
      // A list for another polling day (an old file) is refused row by row; while no election is
      // called there is no day to check against.
      ...(contest.pollingDayIsLatestPossible ? {} : { pollingDay: contest.pollingDay }),
    });
    if (parsed.layout === undefined || parsed.candidates.length === 0) {
      throw unreadable(parsed);
    }
    return withSerializationRetry(() =>
      this.dataSource.transaction(async (manager) => {
        const seats = [...new Set(parsed.candidates.map((c) => c.onsCode))];
        const problems = parsed.problems.slice(0, MAX_REPORTED_PROBLEMS);
        const [created] = await manager.query<{ id: string }[]>(
          `INSERT INTO candidate_imports (contest_id, layout, source, rows_read, candidates, constituencies, problems, imported_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            contest.id,
            parsed.layout,
            source.slice(0, 200),
            parsed.rowsRead,
            parsed.candidates.length,
            seats.length,
            JSON.stringify(problems),
            principal.userId,
          ],
        );
        const importId = String(created?.id);
        await manager.query(
          `INSERT INTO nominations (import_id, contest_id, ons_code, party_code, name, ballot_paper_id)
           SELECT $1, $2, * FROM unnest($3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[])`,
          [
            importId,
            contest.id,
            parsed.candidates.map((c) => c.onsCode),
            parsed.candidates.map((c) => c.party),
            parsed.candidates.map((c) => c.name.slice(0, 200)),
            parsed.candidates.map((c) => c.ballotPaperId?.slice(0, 100) ?? null),
          ],
        );
        const checked = await this.recheckPacts(manager, contest.id, seats);
        return {
          id: importId,
          contest: contest.id,
          layout: parsed.layout ?? '',
          rowsRead: parsed.rowsRead,
          candidates: parsed.candidates.length,
          constituencies: seats.length,
          problems: problems.map((p) => ({ ...p })),
          problemCount: parsed.problemCount,
          pactsChecked: checked.checked,
          pactsBreached: checked.breached,
        };
      }),
    );
  }

  /** `GET /api/pacts/:id/compliance`: the current revision's stand-asides against the nominations. */
  async pactCompliance(principal: Principal, pactId: string): Promise<PactComplianceDto> {
    const pact = await this.queries.getPact(principal, pactId);
    return this.complianceView(
      this.dataSource.manager,
      pact.contest,
      pact.revision.terms.standAsides,
    );
  }

  /** The compliance of some stand-asides of a contest, with constituency names. */
  async complianceView(
    manager: EntityManager,
    contest: string,
    standAsides: readonly { party: string; constituency: string; beneficiary: string }[],
  ): Promise<PactComplianceDto> {
    const { report, checkedAt } = await complianceOf(manager, contest, standAsides);
    const names = new Map(
      (
        await manager.query<{ ons_code: string; name: string }[]>(
          `SELECT c.ons_code, c.name FROM constituencies c JOIN contests ct ON ct.boundary_set = c.boundary_set
            WHERE ct.id = $1 AND c.ons_code = ANY($2::varchar[])`,
          [contest, standAsides.map((s) => s.constituency)],
        )
      ).map((r) => [r.ons_code, r.name]),
    );
    return {
      contest,
      checkedAt: checkedAt?.toISOString() ?? null,
      summary: { ...report.summary },
      standAsides: report.standAsides.map((s) => ({
        party: s.party,
        constituency: s.constituency,
        constituencyName: names.get(s.constituency) ?? s.constituency,
        beneficiary: s.beneficiary,
        status: s.status,
        beneficiaryStood: s.beneficiaryStood,
        breachingCandidates: [...s.breachingCandidates],
      })),
    };
  }

  /**
   * Checks again every ratified pact of the contest with a stand-aside in `seats`, each under its
   * row lock (sorted, so two imports never deadlock), and records the result where it changed.
   */
  private async recheckPacts(
    manager: EntityManager,
    contest: string,
    seats: readonly string[],
  ): Promise<{ checked: number; breached: number }> {
    const ids = await manager.query<{ id: string }[]>(
      `SELECT DISTINCT p.id FROM pacts p
         JOIN pact_stand_asides sa ON sa.pact_id = p.id AND sa.revision_number = p.current_revision
        WHERE p.contest_id = $1 AND p.status = 'ratified' AND sa.ons_code = ANY($2::varchar[])
        ORDER BY p.id`,
      [contest, seats],
    );
    let breached = 0;
    for (const { id } of ids) {
      const pact = await loadPact(manager, id, true);
      if (pact?.status === 'ratified') {
        breached += (await recordComplianceCheck(manager, this.outbox, pact))?.breached ? 1 : 0;
      }
    }
    return { checked: ids.length, breached };
  }
}

function unreadable(parsed: ParsedCandidates): ApiError {
  const first = parsed.problems[0];
  const why = first
    ? `line ${first.line}, ${first.field}: ${first.message}`
    : 'no candidate rows were found';
  return new ApiError(
    422,
    'CANDIDATES_UNREADABLE',
    `No candidates could be read (${why}). Send Democracy Club's candidates CSV or ours (ons_code,party,candidate).`,
    parsed.problems.slice(0, 20),
  );
}
