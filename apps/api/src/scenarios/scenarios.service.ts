import { randomUUID } from 'node:crypto';
import { isIsoDate } from '@pactroom/contests';
import { ELECTIONS, isElectionCode } from '@pactroom/election-data';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { CommonErrors } from '../common/api-error.js';
import type { FieldProblem } from '../common/validation.js';
import { UUID } from '../common/validation.decorators.js';
import { ContestCache } from '../contests/contest-cache.js';
import { changeContest } from '../contests/contest-changes.js';
import { ContestErrors } from '../contests/contests.errors.js';
import { baselineOf } from '../projections/projection-jobs.js';
import { ProjectionErrors } from '../projections/projections.errors.js';
import type {
  ContestScenarioDto,
  CreateScenarioDto,
  ScenarioDto,
  SetContestScenarioDto,
} from './dto/scenario.dto.js';
import { problemsOf, type ScenarioSwing } from './scenario-swing.js';
import { ScenarioErrors } from './scenarios.errors.js';

interface ScenarioRow {
  id: string;
  name: string;
  source: string;
  as_of: string;
  election_code: string;
  boundary_set: string;
  swing: ScenarioSwing;
  created_at: Date;
  published_by: string;
}

// Dates as text: node-postgres would turn a `date` into a local-time Date and shift it a day.
const SELECT = `SELECT s.id, s.name, s.source, s.as_of::text, s.election_code, s.boundary_set,
       s.swing, s.created_at, u.name AS published_by
  FROM scenarios s JOIN users u ON u.id = s.created_by`;

/** The boundary set of a shipped result set (undefined for an unknown code). */
export function boundarySetOf(election: string): string | undefined {
  return ELECTIONS.find((e) => e.code === election)?.boundarySet;
}

/**
 * Published swing scenarios (issue 16): admins publish them (append-only), set a contest's current
 * one, and pact impacts resolve which one they are projected on. A contest's current scenario is
 * kept by ContestCache (every impact asks for it) until a contest changes, in any process.
 */
@Injectable()
export class ScenariosService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: ContestCache,
  ) {}

  /** Publishes a scenario after checking its swing against the election's baseline (422). */
  async publish(principal: Principal, dto: CreateScenarioDto): Promise<ScenarioDto> {
    const blank = (['name', 'source'] as const).filter((field) => dto[field].trim() === '');
    const malformed: FieldProblem[] = blank.map((field) => ({
      field,
      problems: [`${field} must not be blank`],
    }));
    if (!isIsoDate(dto.asOf)) {
      malformed.push({ field: 'asOf', problems: [`asOf: ${dto.asOf} is not a calendar date`] });
    }
    if (malformed.length > 0) {
      throw CommonErrors.validation(malformed);
    }
    const boundarySet = boundarySetOf(dto.election);
    const baseline = isElectionCode(dto.election) ? await baselineOf(dto.election) : undefined;
    if (!boundarySet || !baseline) {
      throw ProjectionErrors.unknownElection(dto.election);
    }
    const swing = swingOf(dto.swing);
    const problems = problemsOf(baseline, swing);
    if (problems.length > 0) {
      throw ScenarioErrors.invalidSwing(problems);
    }
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO scenarios (id, name, source, as_of, election_code, boundary_set, swing, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        dto.name.trim(),
        dto.source.trim(),
        dto.asOf,
        dto.election,
        boundarySet,
        swing,
        principal.userId,
      ],
    );
    return this.get(id);
  }

  /** Every published scenario, newest first (only those on `boundarySet` if given). */
  async list(boundarySet?: string): Promise<ScenarioDto[]> {
    const rows = await this.dataSource.query<ScenarioRow[]>(
      `${SELECT} WHERE $1::text IS NULL OR s.boundary_set = $1 ORDER BY s.created_at DESC, s.id`,
      [boundarySet ?? null],
    );
    return rows.map(toDto);
  }

  async get(id: string): Promise<ScenarioDto> {
    const found = await this.find(id);
    if (!found) {
      throw ScenarioErrors.notFound(id);
    }
    return found;
  }

  /** A contest's current scenario (null: its pacts are projected on the baseline result). */
  currentOf(contest: string): Promise<ScenarioDto | null> {
    return this.cache.get(`scenario:${contest}`, async () => {
      const [row] = await this.dataSource.query<ScenarioRow[]>(
        `${SELECT} JOIN contests c ON c.current_scenario_id = s.id WHERE c.id = $1`,
        [contest],
      );
      return row ? toDto(row) : null;
    });
  }

  async contestScenario(contest: string): Promise<ContestScenarioDto> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM contests WHERE id = $1',
      [contest],
    );
    if (!row) {
      throw ContestErrors.notFound(contest);
    }
    return { contest, scenario: await this.currentOf(contest) };
  }

  /** An admin sets (or clears) a contest's current scenario; the change is kept. */
  async setContestScenario(
    principal: Principal,
    contest: string,
    dto: SetContestScenarioDto,
  ): Promise<ContestScenarioDto> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<
        {
          boundary_set: string;
          baseline_election_code: string;
          current_scenario_id: string | null;
        }[]
      >(
        'SELECT boundary_set, baseline_election_code, current_scenario_id FROM contests WHERE id = $1 FOR UPDATE',
        [contest],
      );
      if (!row) {
        throw ContestErrors.notFound(contest);
      }
      if (dto.scenario !== null) {
        const scenario = await this.find(dto.scenario);
        if (!scenario) {
          throw ScenarioErrors.unknown(dto.scenario);
        }
        if (scenario.boundarySet !== row.boundary_set) {
          throw ScenarioErrors.boundaryMismatch(
            'scenario',
            scenario.name,
            scenario.boundarySet,
            row.boundary_set,
          );
        }
        // Checked against the contest's own baseline too (its pacts project on it by default).
        await this.assertFits(scenario, row.baseline_election_code);
      }
      await changeContest(manager, {
        contest,
        column: 'current_scenario_id',
        action: 'scenario_set',
        from: row.current_scenario_id,
        to: dto.scenario,
        note: dto.note ?? null,
        userId: principal.userId,
      });
    });
    this.cache.changed();
    return this.contestScenario(contest);
  }

  /**
   * The scenario a pact's impact is projected on: the viewer's pick (`none`: the baseline result),
   * else its contest's current scenario. A pick must be on the pact's boundaries (422 naming
   * `scenario`).
   */
  forImpact(
    contest: string,
    election: string,
    choice: string | undefined,
  ): Promise<ScenarioDto | null> {
    return choice === undefined ? this.currentOf(contest) : this.picked(election, choice);
  }

  /**
   * A scenario the viewer picked to project `election`'s results on: `none` is the results
   * themselves; an id must be a published scenario on the same boundaries (422 naming `scenario`).
   */
  async picked(election: string, choice: string): Promise<ScenarioDto | null> {
    if (choice === 'none') {
      return null;
    }
    const scenario = await this.find(choice);
    if (!scenario) {
      throw ScenarioErrors.unknown(choice);
    }
    const wanted = boundarySetOf(election);
    if (scenario.boundarySet !== wanted) {
      throw ScenarioErrors.boundaryMismatch(
        'scenario',
        scenario.name,
        scenario.boundarySet,
        wanted ?? '?',
      );
    }
    return scenario;
  }

  private async assertFits(scenario: ScenarioDto, election: string): Promise<void> {
    const baseline = isElectionCode(election) ? await baselineOf(election) : undefined;
    const problems = baseline ? problemsOf(baseline, scenario.swing) : [];
    if (problems.length > 0) {
      throw ScenarioErrors.invalidSwing(
        problems.map((p) => ({ ...p, path: 'scenario', message: `${p.path}: ${p.message}` })),
      );
    }
  }

  private async find(id: string): Promise<ScenarioDto | undefined> {
    if (!UUID.test(id)) {
      return undefined;
    }
    const [row] = await this.dataSource.query<ScenarioRow[]>(`${SELECT} WHERE s.id = $1`, [id]);
    return row ? toDto(row) : undefined;
  }
}

/** The swing as stored: only the fields given (no `undefined` keys in the JSON). */
function swingOf(dto: CreateScenarioDto['swing']): ScenarioSwing {
  return JSON.parse(JSON.stringify(dto)) as ScenarioSwing;
}

function toDto(row: ScenarioRow): ScenarioDto {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    asOf: row.as_of,
    election: row.election_code,
    boundarySet: row.boundary_set,
    swing: row.swing,
    publishedAt: row.created_at.toISOString(),
    publishedBy: row.published_by,
  };
}
