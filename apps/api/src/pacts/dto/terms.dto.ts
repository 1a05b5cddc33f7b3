import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOnsCode, IsPartyCode } from '../../common/validation.decorators.js';
import { MAX_PACT_COMMITMENTS, MAX_PACT_STAND_ASIDES } from './pact-limits.js';

/** Text without NUL (PostgreSQL text and jsonb refuse it); built from a string to say so plainly. */
export const SAFE_TEXT = new RegExp(`^[^${String.fromCharCode(0)}]*$`);

export class StandAsideDto {
  @ApiProperty({ example: 'ld', description: 'The party that fields no candidate' })
  @IsPartyCode()
  party!: string;

  @ApiProperty({
    example: 'E14000735',
    description: 'ONS code of a constituency of the pact’s election',
  })
  @IsOnsCode()
  constituency!: string;

  @ApiProperty({ example: 'lab', description: 'The party that benefits' })
  @IsPartyCode()
  beneficiary!: string;
}

export class CommitmentDto {
  @ApiProperty({ example: 'lab', description: 'The party that owes the commitment' })
  @IsPartyCode()
  party!: string;

  @ApiProperty({ example: 'Campaign jointly for proportional representation' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @Matches(SAFE_TEXT)
  text!: string;
}

export class TermsDto {
  @ApiProperty({
    type: [StandAsideDto],
    maxItems: MAX_PACT_STAND_ASIDES,
    description: `At most ${MAX_PACT_STAND_ASIDES}`,
  })
  @IsArray()
  @ArrayMaxSize(MAX_PACT_STAND_ASIDES)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => StandAsideDto)
  standAsides!: StandAsideDto[];

  @ApiPropertyOptional({
    type: [CommitmentDto],
    default: [],
    maxItems: MAX_PACT_COMMITMENTS,
    description: `At most ${MAX_PACT_COMMITMENTS}`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PACT_COMMITMENTS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CommitmentDto)
  commitments?: CommitmentDto[];
}
