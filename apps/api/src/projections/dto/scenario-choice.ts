import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

/** `?scenario=`: a published scenario's id, or `none` (the baseline result). */
export const SCENARIO_CHOICE =
  /^(none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The one `?scenario=` of every projection a reader may move onto another scenario (a pact's
 * impact, suggestions): the same shape and the same 400, whichever route takes it. Whether the id
 * names a scenario that fits is the route's question (422 `UNKNOWN_SCENARIO`,
 * `SCENARIO_BOUNDARY_MISMATCH`).
 */
export function ScenarioChoiceQuery(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ example: 'none', description }),
    IsOptional(),
    IsString(),
    Matches(SCENARIO_CHOICE, { message: 'scenario must be a scenario id or none' }),
  );
}
