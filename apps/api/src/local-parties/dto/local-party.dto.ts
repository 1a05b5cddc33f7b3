import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { IsPartyCode, IsRegionSlug, ONS_CODE } from '../../common/validation.decorators.js';

export class CreateLocalPartyDto {
  @ApiProperty({ example: 'lab' })
  @IsPartyCode()
  party!: string;

  @ApiProperty({ example: 'Hastings and Rye Labour' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: [String], example: ['E14000735'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(ONS_CODE, { each: true })
  constituencies!: string[];

  @ApiPropertyOptional({
    enum: ['2010', '2024'],
    description: 'Needed only when every code exists in both sets',
  })
  @IsOptional()
  @IsIn(['2010', '2024'])
  boundarySet?: '2010' | '2024';
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
}

export class LocalPartyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'lab' }) party!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'south-east' }) region!: string;
  @ApiProperty({ example: '2010' }) boundarySet!: string;
  @ApiProperty({ type: [String], example: ['E14000735'] }) constituencies!: string[];
}

export class LocalPartyPageDto {
  @ApiProperty({ type: [LocalPartyDto] }) items!: LocalPartyDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
