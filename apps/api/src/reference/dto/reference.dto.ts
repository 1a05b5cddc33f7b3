import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { IsRegionSlug } from '../../common/validation.decorators.js';

export class PartyDto {
  @ApiProperty({ example: 'ld' }) code!: string;
  @ApiProperty({ example: 'Liberal Democrats' }) name!: string;
  @ApiProperty({ example: '#FAA61A' }) colour!: string;
}

export class RegionDto {
  @ApiProperty({ example: 'south-east' }) slug!: string;
  @ApiProperty({ example: 'South East' }) name!: string;
  @ApiProperty({ example: 'England' }) country!: string;
}

export class ElectionDto {
  @ApiProperty({ example: 'ge2017' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '2017-06-08' }) heldOn!: string;
  @ApiProperty({ example: '2010', description: 'Constituency boundary set' }) boundarySet!: string;
  @ApiProperty({ example: 650 }) constituencies!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { con: 317, lab: 262 },
  })
  seats!: Record<string, number>;
}

export class ConstituencyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'south-east' })
  @IsOptional()
  @IsRegionSlug()
  region?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name', example: 'hastings' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ConstituencySummaryDto {
  @ApiProperty({ example: 'E14000735' }) onsCode!: string;
  @ApiProperty({ example: 'Hastings and Rye' }) name!: string;
  @ApiProperty({ example: 'south-east' }) region!: string;
  @ApiProperty({ example: 'England' }) country!: string;
  @ApiProperty({ example: 'con' }) winner!: string;
  @ApiProperty({ example: 346 }) majority!: number;
}

export class CandidateDto {
  @ApiProperty() party!: string;
  @ApiProperty() name!: string;
  @ApiProperty() votes!: number;
  @ApiProperty() elected!: boolean;
}

export class ConstituencyResultDto extends ConstituencySummaryDto {
  @ApiProperty({ example: 'ge2017' }) election!: string;
  @ApiProperty({ example: 78319 }) electorate!: number;
  @ApiProperty({ example: 54766 }) validVotes!: number;
  @ApiProperty({ example: 0.6993, description: 'Valid votes over electorate' }) turnout!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { con: 25668, lab: 25322, ld: 1885 },
  })
  votes!: Record<string, number>;
  @ApiProperty({ type: [CandidateDto] }) candidates!: CandidateDto[];
}

export class ConstituencyPageDto {
  @ApiProperty({ type: [ConstituencySummaryDto] }) items!: ConstituencySummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class PartyPageDto {
  @ApiProperty({ type: [PartyDto] }) items!: PartyDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class RegionPageDto {
  @ApiProperty({ type: [RegionDto] }) items!: RegionDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ElectionPageDto {
  @ApiProperty({ type: [ElectionDto] }) items!: ElectionDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
