import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsElectionCode } from '../../common/validation.decorators.js';
import { SwingDto } from '../../projections/dto/swing.dto.js';
import type { ScenarioSwing } from '../scenario-swing.js';

export class CreateScenarioDto {
  @ApiProperty({ example: 'Polls, November 2026', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: 'Average of YouGov, Opinium and More in Common, 1–28 November 2026',
    description: 'Where the shares come from: pollsters, an average, a URL',
    maxLength: 1000,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  source!: string;

  @ApiProperty({ example: '2026-11-28', description: 'The day the shares describe' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be a date written YYYY-MM-DD' })
  asOf!: string;

  @ApiProperty({
    example: 'ge2024',
    description:
      'The result set the swing applies to (checked against it); the scenario serves every contest on its boundary set',
  })
  @IsElectionCode()
  election!: string;

  @ApiProperty({ type: SwingDto, description: 'The swing, as POST /api/projections takes it' })
  @IsObject()
  @ValidateNested()
  @Type(() => SwingDto)
  swing!: SwingDto;
}

export class ScenarioDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Polls, November 2026' }) name!: string;
  @ApiProperty({ example: 'Average of YouGov, Opinium and More in Common' }) source!: string;
  @ApiProperty({ example: '2026-11-28' }) asOf!: string;
  @ApiProperty({ example: 'ge2024', description: 'The result set the swing was checked against' })
  election!: string;
  @ApiProperty({ example: '2024', description: 'Constituency boundaries it applies to' })
  boundarySet!: string;
  @ApiProperty({ type: SwingDto }) swing!: ScenarioSwing;
  @ApiProperty({ example: '2026-11-30T10:00:00.000Z' }) publishedAt!: string;
  @ApiProperty({ example: 'Admin', description: 'Who published it' }) publishedBy!: string;
}

export class ScenarioListDto {
  @ApiProperty({ type: [ScenarioDto], description: 'Newest first' }) items!: ScenarioDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list is whole' })
  nextCursor!: null;
}

export class ScenarioListQueryDto {
  @ApiPropertyOptional({ example: '2024', description: 'Only scenarios on these boundaries' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}$/, { message: 'boundarySet must be a year such as 2024' })
  boundarySet?: string;
}

export class SetContestScenarioDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'A published scenario on the contest’s boundaries; null: the baseline result',
  })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'scenario must be a scenario id or null' })
  scenario!: string | null;

  @ApiPropertyOptional({ example: 'November polling average' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ContestScenarioDto {
  @ApiProperty({ example: 'next-general' }) contest!: string;
  @ApiProperty({
    type: ScenarioDto,
    nullable: true,
    description: 'null: its pacts are projected on the baseline result',
  })
  scenario!: ScenarioDto | null;
}
