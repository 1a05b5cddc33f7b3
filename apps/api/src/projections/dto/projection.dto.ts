import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import {
  IsElectionCode,
  IsOnsCode,
  IsPartyCode,
  IsRegionSlug,
  ONS_CODE,
  PARTY_CODE,
  unanchored,
} from '../../common/validation.decorators.js';
import { MAX_STAND_ASIDES } from '../projections.errors.js';
import { ScenarioChoiceQuery } from './scenario-choice.js';
import { isPlainObject, isRate, SwingDto } from './swing.dto.js';

export const MAX_SIMULATIONS = 20_000;
const NAME = /^[a-z0-9-]{1,40}$/;

const PARTY = unanchored(PARTY_CODE);
const ONS = unanchored(ONS_CODE);
/** `?parties=lab,ld`: two to six party codes. */
const PARTY_LIST = new RegExp(`^${PARTY}(,${PARTY}){1,5}$`);
/** `?standAsides=ld:E14000735:lab,…`: party:constituency[:beneficiary]. */
const STAND_ASIDE_LIST = new RegExp(
  `^(${PARTY}:${ONS}(:${PARTY})?)(,${PARTY}:${ONS}(:${PARTY})?)*$`,
);
/** `?seats=E14000735,E14000786`: one to fifty ONS codes. */
const SEAT_LIST = new RegExp(`^${ONS}(,${ONS}){0,49}$`);
/** `?shares=lab:40,con:30`: party:percent. */
const SHARE_LIST = new RegExp(`^${PARTY}:\\d{1,3}(\\.\\d+)?(,${PARTY}:\\d{1,3}(\\.\\d+)?)*$`);

const isRange = (v: unknown) =>
  isPlainObject(v) &&
  Object.keys(v).sort().join() === 'central,high,low' &&
  isRate(v.low) &&
  isRate(v.central) &&
  isRate(v.high);

/**
 * `transfers`: a shipped set's name, or a custom matrix `{from: {to: rate | {low, central, high}}}`
 * with party codes as keys. The shape is checked here; the rules (rates in [0, 1], each row's sum
 * at most 1) are the engine's `customTransferSet`, answered as 400 with its problems.
 */
function IsTransfers(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isTransfers',
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && NAME.test(value)) ||
          (isPlainObject(value) &&
            Object.keys(value).length <= 30 &&
            Object.entries(value).every(
              ([from, row]) =>
                PARTY_CODE.test(from) &&
                isPlainObject(row) &&
                Object.keys(row).length <= 30 &&
                Object.entries(row).every(
                  ([to, rate]) => PARTY_CODE.test(to) && (isRate(rate) || isRange(rate)),
                ),
            )),
        defaultMessage: () =>
          'transfers must be a transfer set name or a matrix {from: {to: rate | {low, central, high}}}',
      },
    },
    options,
  );
}

/** `?seed=`: a non-negative 32-bit integer; the same seed gives the same numbers. */
function SeedQuery() {
  return applyDecorators(
    ApiPropertyOptional({ default: 1, description: 'The same seed gives the same numbers' }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(2_147_483_647),
  );
}

/** `?simulations=`: Monte Carlo draws, 0 (deterministic) to MAX_SIMULATIONS. */
function SimulationsQuery(byDefault: number) {
  return applyDecorators(
    ApiPropertyOptional({ default: byDefault, maximum: MAX_SIMULATIONS }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(MAX_SIMULATIONS),
  );
}

export class ProjectionStandAsideDto {
  @ApiProperty({ example: 'ld' })
  @IsPartyCode()
  party!: string;

  @ApiProperty({ example: 'E14000735' })
  @IsOnsCode()
  constituency!: string;

  @ApiPropertyOptional({
    example: 'lab',
    description: 'Default: the party its voters favour most at central rates',
  })
  @IsOptional()
  @IsPartyCode()
  beneficiary?: string;
}

export class CreateProjectionDto {
  @ApiProperty({ example: 'ge2017' })
  @IsElectionCode()
  election!: string;

  @ApiProperty({ type: [ProjectionStandAsideDto], maxItems: MAX_STAND_ASIDES })
  @IsArray()
  @ArrayMaxSize(MAX_STAND_ASIDES)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ProjectionStandAsideDto)
  standAsides!: ProjectionStandAsideDto[];

  @ApiPropertyOptional({
    description:
      'A transfer set name (GET /api/transfer-matrices) or a custom matrix {from: {to: rate | {low, central, high}}}',
    oneOf: [
      { type: 'string', example: 'central' },
      { type: 'object', additionalProperties: { type: 'object' } },
    ],
  })
  @IsOptional()
  @IsTransfers()
  transfers?:
    | string
    | Record<string, Record<string, number | { low: number; central: number; high: number }>>;

  @ApiPropertyOptional({ type: SwingDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SwingDto)
  swing?: SwingDto;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_SIMULATIONS,
    default: 0,
    description: '0: deterministic at central rates',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SIMULATIONS)
  simulations?: number;

  @ApiPropertyOptional({ default: 1, description: 'The same seed gives the same numbers' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed?: number;
}

export class ProjectionQueryDto {
  @ApiPropertyOptional({
    description: 'true: every constituency, not only those a stand-aside touches',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsIn([true, false])
  all?: boolean;
}

export class ImpactQueryDto {
  @ApiPropertyOptional({ example: 'central' })
  @IsOptional()
  @IsString()
  @Matches(NAME)
  transfers?: string;

  @SeedQuery()
  seed?: number;

  @SimulationsQuery(2000)
  simulations?: number;
}

export class SuggestionsQueryDto {
  @ApiProperty({ example: 'ge2017' })
  @IsElectionCode()
  election!: string;

  @ApiProperty({ example: 'lab,ld', description: 'Two or more party codes, comma-separated' })
  @IsString()
  @Matches(PARTY_LIST)
  parties!: string;

  @ApiPropertyOptional({
    example: 'south-east',
    description: 'Only swaps with a seat in this region',
  })
  @IsOptional()
  @IsRegionSlug()
  region?: string;

  @ApiPropertyOptional({
    enum: ['region', 'neighbours'],
    default: 'region',
    description:
      '`region`: both seats of a swap in one region; `neighbours`: also seats of bordering regions (land borders of Great Britain, see the seat-projection README)',
  })
  @IsOptional()
  @IsIn(['region', 'neighbours'])
  pairing?: 'region' | 'neighbours';

  @ApiPropertyOptional({
    example: 'E14000735',
    description: 'ONS codes, comma-separated (at most 50): only swaps that use one of these seats',
  })
  @IsOptional()
  @IsString()
  @Matches(SEAT_LIST)
  seats?: string;

  @ApiPropertyOptional({ example: 'upper-bound' })
  @IsOptional()
  @IsString()
  @Matches(NAME)
  transfers?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100, description: 'Most swaps in the set' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ScenarioChoiceQuery(
    'A published scenario id (GET /api/scenarios) on the election’s boundaries, or `none` for the election’s own result; default: the current scenario of the contest the election is the baseline of (the next election)',
  )
  scenario?: string;

  @SeedQuery()
  seed?: number;
}

/** The hemicycle takes the projection's inputs as a query string. */
export class HemicycleQueryDto {
  @ApiProperty({ example: 'ge2017' })
  @IsElectionCode()
  election!: string;

  @ApiPropertyOptional({
    example: 'ld:E14000735:lab,lab:E14000786:ld',
    description: 'party:constituency[:beneficiary], comma-separated',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  @Matches(STAND_ASIDE_LIST)
  standAsides?: string;

  @ApiPropertyOptional({ example: 'central' })
  @IsOptional()
  @IsString()
  @Matches(NAME)
  transfers?: string;

  @ApiPropertyOptional({ enum: ['uniform', 'proportional'] })
  @IsOptional()
  @IsIn(['uniform', 'proportional'])
  model?: 'uniform' | 'proportional';

  @ApiPropertyOptional({
    example: 'lab:40,con:30',
    description: 'party:percent, comma-separated (with model)',
  })
  @IsOptional()
  @IsString()
  @Matches(SHARE_LIST)
  shares?: string;

  @SimulationsQuery(0)
  simulations?: number;

  @SeedQuery()
  seed?: number;
}
