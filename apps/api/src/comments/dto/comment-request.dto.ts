import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMENT_ANCHOR_KINDS, type CommentAnchor } from '@pactroom/negotiation';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsOnsCode, IsPartyCode } from '../../common/validation.decorators.js';
import { MAX_PACT_COMMITMENTS } from '../../pacts/dto/pact-limits.js';

/**
 * What a comment is about. The shape is checked here (400); whether the revision has that
 * stand-aside or commitment is the service's check (422, libs/negotiation `checkCommentAnchor`).
 */
export class CommentAnchorDto {
  @ApiProperty({ enum: COMMENT_ANCHOR_KINDS })
  @IsIn(COMMENT_ANCHOR_KINDS)
  kind!: CommentAnchor['kind'];

  @ApiPropertyOptional({ example: 'E14000786', description: 'stand-aside: its seat' })
  @ValidateIf((a: CommentAnchorDto) => a.kind === 'stand-aside')
  @IsOnsCode()
  constituency?: string;

  @ApiPropertyOptional({ example: 'lab', description: 'stand-aside: the party standing aside' })
  @ValidateIf((a: CommentAnchorDto) => a.kind === 'stand-aside')
  @IsPartyCode()
  party?: string;

  @ApiPropertyOptional({
    example: 0,
    description: 'commitment: its position in the revision’s commitments, from 0',
  })
  @ValidateIf((a: CommentAnchorDto) => a.kind === 'commitment')
  @IsInt()
  @Min(0)
  @Max(MAX_PACT_COMMITMENTS)
  index?: number;
}

/** Bound on the request; the rule (1–2,000 characters once trimmed, no NUL) is the service's. */
const MAX_SENT_TEXT = 8000;

export class PostCommentDto {
  @ApiProperty({ type: CommentAnchorDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CommentAnchorDto)
  anchor!: CommentAnchorDto;

  @ApiProperty({
    maxLength: 2000,
    description: 'Trimmed; 1 to 2,000 characters, no NUL. Stored as written, shown escaped.',
  })
  @IsString()
  @MaxLength(MAX_SENT_TEXT)
  text!: string;
}

/** The anchor as the lib takes it, from a validated DTO. */
export function anchorOf(dto: CommentAnchorDto): CommentAnchor {
  switch (dto.kind) {
    case 'stand-aside':
      return { kind: dto.kind, constituency: dto.constituency ?? '', party: dto.party ?? '' };
    case 'commitment':
      return { kind: dto.kind, index: dto.index ?? -1 };
    case 'general':
      return { kind: dto.kind };
  }
}
