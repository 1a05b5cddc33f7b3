import type { ScenarioProblem } from '@pactroom/seat-projection';
import { ApiError } from '../common/api-error.js';

/** Error codes of the scenario routes and of `?scenario=` on pact impacts (API contract). */
export const ScenarioErrors = {
  notFound: (id: string) => new ApiError(404, 'SCENARIO_NOT_FOUND', `No scenario ${id}.`),
  unknown: (id: string) =>
    new ApiError(
      422,
      'UNKNOWN_SCENARIO',
      `scenario: no published scenario ${id} (GET /api/scenarios lists them; none = the baseline result).`,
    ),
  invalidSwing: (problems: readonly ScenarioProblem[]) =>
    new ApiError(
      422,
      'INVALID_SWING',
      problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      problems.map((p) => ({ field: p.path, code: p.code, problems: [p.message] })),
    ),
  boundaryMismatch: (field: string, scenario: string, boundarySet: string, wanted: string) =>
    new ApiError(
      422,
      'SCENARIO_BOUNDARY_MISMATCH',
      `${field}: ${scenario} is on the ${boundarySet} boundaries, not the ${wanted} boundaries this needs.`,
    ),
};
