import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../common/pagination.js';

const MAX_SEQ = 2_000_000_000;

/** `GET /api/audit/checkpoints`: signed tree heads, oldest first. */
export class CheckpointsQueryDto extends PageQueryDto {}

/** `GET /api/audit/checkpoints/consistency?from=&to=`: two tree heads by seq. */
export class ConsistencyQueryDto {
  @ApiProperty({ minimum: 1, description: 'The earlier tree head (seq)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEQ)
  from!: number;

  @ApiProperty({ minimum: 1, description: 'The later tree head (seq)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEQ)
  to!: number;
}

/** `GET /api/pacts/:id/audit/proof?checkpoint=`: the tree head to prove against. */
export class InclusionQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: 'A tree head (seq); default the latest' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEQ)
  checkpoint?: number;
}
