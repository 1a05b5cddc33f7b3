import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsDateString,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import {
  IsElectionCode,
  PARTY_CODE,
  REGION_SLUG,
  UUID,
} from '../../common/validation.decorators.js';
import { MAX_PACT_PARTICIPANTS } from './pact-limits.js';
import { TermsDto, SAFE_TEXT } from './terms.dto.js';

/** A local party id, or `{party, region}` with nothing else. */
function isActingForValue(value: unknown): boolean {
  return (
    (typeof value === 'string' && UUID.test(value)) ||
    (typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).sort().join() === 'party,region' &&
      typeof (value as { party: unknown }).party === 'string' &&
      PARTY_CODE.test((value as { party: string }).party) &&
      typeof (value as { region: unknown }).region === 'string' &&
      REGION_SLUG.test((value as { region: string }).region))
  );
}

/** `actingFor`: a local party id (officers) or `{party, region}` (coordinators), nothing else. */
function IsActingFor(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isActingFor',
      validator: {
        validate: isActingForValue,
        defaultMessage: () => 'actingFor must be a local party id or {party, region}',
      },
    },
    options,
  );
}

export class ActingForSlotDto {
  @ApiProperty({ example: 'lab' }) party!: string;
  @ApiProperty({ example: 'south-east' }) region!: string;
}

const ACTING_FOR_DOC = {
  description:
    'Needed only when you could act for several local parties (an id) or approval slots ({party, region})',
  oneOf: [{ type: 'string', format: 'uuid' }, { $ref: '#/components/schemas/ActingForSlotDto' }],
};

export class CreatePactDto {
  @ApiProperty({ example: 'Hastings for Lewes' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(SAFE_TEXT)
  title!: string;

  @ApiPropertyOptional({
    example: 'ge2019',
    description:
      'The contest (election) the pact is for (GET /api/contests). Required unless `election` is given.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,32}$/, { message: 'contest must be a contest id such as next-general' })
  contest?: string;

  @ApiPropertyOptional({
    example: 'ge2017',
    description:
      'Baseline result set. With `contest`: a what-if on other results of the same boundaries (default: the contest’s baseline). Alone (the field before contests, still accepted): the contest whose baseline it is — ge2015 → ge2017, ge2017 → ge2019, ge2024 → next-general; ge2019 → ge2019 on its own results.',
  })
  @ValidateIf((o: CreatePactDto) => o.contest === undefined || o.election !== undefined)
  @IsDefined({
    message: 'contest is required: name the election the pact is for (GET /api/contests)',
  })
  @IsElectionCode()
  election?: string;

  @ApiProperty({
    type: [String],
    minItems: 2,
    maxItems: MAX_PACT_PARTICIPANTS,
    description: `Participating local parties (yours included): 2 to ${MAX_PACT_PARTICIPANTS}`,
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_PACT_PARTICIPANTS)
  @IsUUID('all', { each: true })
  localParties!: string[];

  @ApiProperty({ type: TermsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TermsDto)
  terms!: TermsDto;

  @ApiProperty({ example: '2027-01-31T23:59:59Z' })
  @IsDateString({ strict: true })
  respondBy!: string;

  @ApiPropertyOptional({
    description: 'true: send it to the other participants at once',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  propose?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Your local party, if you are officer of several participants',
  })
  @IsOptional()
  @IsUUID()
  actingFor?: string;
}

export class ProposePactDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actingFor?: string;
}

export class CounterPactDto {
  @ApiProperty({ example: 1, description: 'The revision you are countering; must be current' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  baseRevision!: number;

  @ApiProperty({ type: TermsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TermsDto)
  terms!: TermsDto;

  @ApiPropertyOptional({
    example: '2027-02-28T23:59:59Z',
    description:
      'Move the respond-by deadline (future, within 90 days, before the contest’s withdrawal deadline less the margin)',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  respondBy?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actingFor?: string;
}

/** The exact revision a signature or approval accepts. */
class ExactRevisionFields {
  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  revision!: number;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  hash!: string;
}

/** `approve`: the revision, and which slot you approve for if you hold several. */
export class AcceptRevisionDto extends ExactRevisionFields {
  @ApiPropertyOptional(ACTING_FOR_DOC)
  @IsOptional()
  @IsActingFor()
  actingFor?: string | ActingForSlotDto;
}

/** `approve`: as any acceptance, and why, when approving against a failed members' consultation. */
export class ApproveRevisionDto extends AcceptRevisionDto {
  @ApiPropertyOptional({
    maxLength: 2000,
    description:
      'Required when your members’ consultation on this revision failed or a member blocked: why you approve anyway (recorded in the audit trail)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(SAFE_TEXT, { message: 'consultationOverride must not contain NUL characters' })
  consultationOverride?: string;
}

/**
 * The most local parties one `sign` lists: as many as a pact may have participants, so a party's
 * officer for every one of its branches in a national pact (Unite to Remain: 60-odd Lib Dem
 * branches) signs for them in one request.
 */
export const MAX_SIGN_FOR = MAX_PACT_PARTICIPANTS;

/**
 * A list of local party ids, 1 to `MAX_SIGN_FOR`, no id twice; the message names the first item at
 * fault (`actingFor[2] repeats actingFor[0]`).
 */
function localPartyListProblem(value: readonly unknown[]): string | null {
  if (value.length === 0) {
    return 'actingFor lists no local party: give one id, or several in a list';
  }
  if (value.length > MAX_SIGN_FOR) {
    return `actingFor lists ${value.length} local parties; at most ${MAX_SIGN_FOR}`;
  }
  const seen = new Map<string, number>();
  for (const [index, item] of value.entries()) {
    if (typeof item !== 'string' || !UUID.test(item)) {
      return `actingFor[${index}] is not a local party id`;
    }
    const first = seen.get(item.toLowerCase());
    if (first !== undefined) {
      return `actingFor[${index}] repeats actingFor[${first}] (${item})`;
    }
    seen.set(item.toLowerCase(), index);
  }
  return null;
}

/** `sign`'s `actingFor`: what `IsActingFor` takes, or a list of local party ids. */
function IsSigningFor(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isSigningFor',
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) ? localPartyListProblem(value) === null : isActingForValue(value),
        defaultMessage: (args) =>
          Array.isArray(args?.value)
            ? (localPartyListProblem(args.value) ?? '')
            : 'actingFor must be a local party id, a list of them, or {party, region}',
      },
    },
    options,
  );
}

/** `sign`: the revision, and which of your local parties sign it (one, or a list). */
export class SignRevisionDto extends ExactRevisionFields {
  @ApiPropertyOptional({
    description:
      'The local party you sign for, or a list of them to sign for several at once (one signature, ' +
      'and one audit event, per local party; those that already signed are skipped). Needed only ' +
      'when two or more of your local parties have still to sign; with one left, it is the one.',
    oneOf: [
      { type: 'string', format: 'uuid' },
      {
        type: 'array',
        items: { type: 'string', format: 'uuid' },
        minItems: 1,
        maxItems: MAX_SIGN_FOR,
        uniqueItems: true,
      },
      { $ref: '#/components/schemas/ActingForSlotDto' },
    ],
  })
  @IsOptional()
  @IsSigningFor()
  actingFor?: string | string[] | ActingForSlotDto;
}

export class EndPactDto {
  @ApiProperty({ example: 'Our members voted against the swap' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @Matches(SAFE_TEXT)
  reason!: string;

  @ApiPropertyOptional(ACTING_FOR_DOC)
  @IsOptional()
  @IsActingFor()
  actingFor?: string | ActingForSlotDto;
}
