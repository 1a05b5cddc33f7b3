import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STANCES, type Stance } from '@pactroom/consultation';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PARTY_CODE, REGION_SLUG } from '../../common/validation.decorators.js';
import { SAFE_TEXT } from '../../pacts/dto/terms.dto.js';

/** The coordinator slot a coordinator of several regions consults for. */
export class ConsultingSlotDto {
  @ApiProperty({ example: 'lab' })
  @IsString()
  @Matches(PARTY_CODE)
  party!: string;

  @ApiProperty({ example: 'south-east' })
  @IsString()
  @Matches(REGION_SLUG)
  region!: string;
}

export const SCOPES = ['local-parties', 'region'] as const;

export class OpenConsultationDto {
  @ApiPropertyOptional({
    enum: SCOPES,
    default: 'local-parties',
    description:
      'local-parties (default): the members attached to your party’s local parties in the pact whose seats it touches; region: every member of your party in your region',
  })
  @IsOptional()
  @IsIn(SCOPES)
  scope?: (typeof SCOPES)[number];

  @ApiProperty({
    example: '2026-12-08T17:00:00.000Z',
    description:
      'At least an hour from now; before the pact’s respond-by and, for an election still to come, before its latest respond-by',
  })
  @IsDateString({ strict: true })
  closesAt!: string;

  @ApiProperty({
    description:
      'Secret: the published result names who voted but not how (reasons without names). Chosen now, never changed.',
  })
  @IsBoolean()
  secret!: boolean;

  @ApiPropertyOptional({
    example: 20,
    default: 20,
    description: 'Percent of those consulted who must take part',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  quorum?: number;

  @ApiPropertyOptional({
    example: 50,
    default: 50,
    description: 'Agree must be more than this percent of the votes cast (agree, disagree, block)',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(99.9)
  threshold?: number;

  @ApiPropertyOptional({
    type: ConsultingSlotDto,
    description: 'Needed only if you coordinate several slots of the pact',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsultingSlotDto)
  actingFor?: ConsultingSlotDto;
}

export class StanceDto {
  @ApiProperty({ enum: STANCES })
  @IsIn(STANCES)
  stance!: Stance;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Why: required for disagree and block',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(SAFE_TEXT, { message: 'reason must not contain NUL characters' })
  reason?: string;
}
