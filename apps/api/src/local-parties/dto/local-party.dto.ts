import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { IsPartyCode, IsRegionSlug, ONS_CODE } from '../../common/validation.decorators.js';

/** Most seats a local party may list: 20 per boundary set, on both sets (2010 and 2024). */
export const MAX_LOCAL_PARTY_SEATS = 40;
export const BOUNDARY_SETS = ['2010', '2024'] as const;

/** Surrounding white space is no part of a name; a name of only spaces is blank. */
const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

const CONSTITUENCIES_DESCRIPTION =
  'ONS codes of the seats, on any boundary sets, all in one region. A code that exists in both ' +
  'sets (a few Scottish ones) is taken from `boundarySet`, or else from the set the local party ' +
  'already covers it on.';

export class CreateLocalPartyDto {
  @ApiProperty({ example: 'lab' })
  @IsPartyCode()
  party!: string;

  @ApiProperty({
    example: 'Hastings and Rye Labour',
    maxLength: 200,
    description:
      'Trimmed; not blank; unique per party and region among active local parties, whatever the case',
  })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'name must not be blank' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    type: [String],
    example: ['E14000735', 'E14001274'],
    minItems: 1,
    maxItems: MAX_LOCAL_PARTY_SEATS,
    description: CONSTITUENCIES_DESCRIPTION,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LOCAL_PARTY_SEATS)
  @Matches(ONS_CODE, { each: true })
  constituencies!: string[];

  @ApiPropertyOptional({
    enum: BOUNDARY_SETS,
    description: 'Needed only for codes that exist in both sets',
  })
  @IsOptional()
  @IsIn(BOUNDARY_SETS)
  boundarySet?: '2010' | '2024';
}

/** `PATCH /api/local-parties/:id`: what is sent changes; what is left out stays. */
export class UpdateLocalPartyDto {
  @ApiPropertyOptional({ example: 'Hastings and Rye Labour Party', maxLength: 200 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'name must not be blank' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['E14000735', 'E14001274'],
    minItems: 1,
    maxItems: MAX_LOCAL_PARTY_SEATS,
    description: `The complete new list of seats: codes not listed are removed, new ones added. ${CONSTITUENCIES_DESCRIPTION}`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LOCAL_PARTY_SEATS)
  @Matches(ONS_CODE, { each: true })
  constituencies?: string[];

  @ApiPropertyOptional({
    enum: BOUNDARY_SETS,
    description: 'Needed only for codes that exist in both sets',
  })
  @IsOptional()
  @IsIn(BOUNDARY_SETS)
  boundarySet?: '2010' | '2024';
}

export class RetireLocalPartyDto {
  @ApiProperty({ example: 'Merged into Bexhill and Battle Labour', maxLength: 500 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'reason must not be blank' })
  @MaxLength(500)
  reason!: string;
}

export class LocalPartyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'lab' })
  @IsOptional()
  @IsPartyCode()
  party?: string;

  @ApiPropertyOptional({ example: 'south-east' })
  @IsOptional()
  @IsRegionSlug()
  region?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only retired local parties; false: only active ones; absent: both',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsIn([true, false])
  retired?: boolean;
}

export class LocalPartySeatDto {
  @ApiProperty({ example: 'E14001274' }) constituency!: string;
  @ApiProperty({ example: 'Hastings and Rye' }) name!: string;
  @ApiProperty({ enum: BOUNDARY_SETS, example: '2024' }) boundarySet!: string;
}

export class LocalPartyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'lab' }) party!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'south-east' }) region!: string;
  @ApiProperty({
    type: [String],
    example: ['2010', '2024'],
    description: 'The boundary sets its seats are on, oldest first',
  })
  boundarySets!: string[];
  @ApiProperty({
    example: '2010',
    deprecated: true,
    description:
      'Deprecated: a local party may cover several boundary sets; use `boundarySets`. The oldest of them.',
  })
  boundarySet!: string;
  @ApiProperty({
    type: [String],
    example: ['E14000735', 'E14001274'],
    description: 'Every seat’s ONS code, on every boundary set (sorted)',
  })
  constituencies!: string[];
  @ApiProperty({ type: [LocalPartySeatDto] }) seats!: LocalPartySeatDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  retiredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) retirementReason!: string | null;
}

export class LocalPartyPageDto {
  @ApiProperty({ type: [LocalPartyDto] }) items!: LocalPartyDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class LocalPartyEventDto {
  @ApiProperty({ enum: ['local_party.created', 'local_party.edited', 'local_party.retired'] })
  action!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId!: string | null;
  @ApiProperty({ example: 'coordinator' }) actorRole!: string;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ description: 'What changed: name from/to, seats added/removed, the reason' })
  payload!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}
