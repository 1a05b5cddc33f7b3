import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMENT_ANCHOR_KINDS } from '@pactroom/negotiation';

export class CommentAnchorViewDto {
  @ApiProperty({ enum: COMMENT_ANCHOR_KINDS }) kind!: string;
  @ApiPropertyOptional() constituency?: string;
  @ApiPropertyOptional() party?: string;
  @ApiPropertyOptional() index?: number;
}

export const AUTHOR_ROLES = ['officer', 'national', 'coordinator', 'member'] as const;

export class CommentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The revision it was written on' }) revision!: number;
  @ApiProperty({ type: CommentAnchorViewDto }) anchor!: CommentAnchorViewDto;
  @ApiProperty({ description: 'As written: escape it when showing it' }) text!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({
    enum: AUTHOR_ROLES,
    description: 'The capacity it was written in (national: the party’s HQ acting as officer)',
  })
  authorRole!: (typeof AUTHOR_ROLES)[number];

  @ApiPropertyOptional({ description: 'officer: the participant local party they wrote for' })
  localPartyName?: string;

  @ApiProperty({ example: 'lab' }) party!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'coordinator and member: their region; national: its nation, null for the whole party',
  })
  region?: string | null;

  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    description: 'False once the pact has moved on to a later revision (“on an earlier revision”)',
  })
  current!: boolean;
}

export class CommentPageDto {
  @ApiProperty({ type: [CommentDto], description: 'Oldest first: the newest is last' })
  items!: CommentDto[];

  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
