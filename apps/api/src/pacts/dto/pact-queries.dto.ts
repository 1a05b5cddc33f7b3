import { ApiPropertyOptional } from '@nestjs/swagger';
import { PACT_STATUSES, type PactStatus } from '@pactroom/negotiation';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { IsOnsCode, IsPartyCode, IsRegionSlug } from '../../common/validation.decorators.js';

export class ListPactsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PACT_STATUSES })
  @IsOptional()
  @IsIn(PACT_STATUSES)
  status?: PactStatus;

  @ApiPropertyOptional({ example: 'ld', description: 'A participating party' })
  @IsOptional()
  @IsPartyCode()
  party?: string;

  @ApiPropertyOptional({ example: 'south-east', description: 'A region the pact touches' })
  @IsOptional()
  @IsRegionSlug()
  region?: string;

  @ApiPropertyOptional({
    example: 'E14000735',
    description: 'A constituency of a stand-aside of the current revision',
  })
  @IsOptional()
  @IsOnsCode()
  constituency?: string;
}

export class DiffQueryDto {
  @ApiPropertyOptional({ description: 'The revision to compare with; default the one before' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  against?: number;
}
