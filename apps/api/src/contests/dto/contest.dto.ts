import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class NominationCalendarDto {
  @ApiProperty({ example: '2019-11-14T16:00:00.000Z', description: '4 pm London time, in UTC' })
  nominationsClose!: string;

  @ApiProperty({
    example: '2019-11-14T16:00:00.000Z',
    description:
      'Last moment a candidate can withdraw (4 pm London time, 19 working days before polling day)',
  })
  withdrawalDeadline!: string;

  @ApiProperty({ example: '2019-12-12' }) pollingDay!: string;
}

export class ContestDto {
  @ApiProperty({ example: 'ge2019' }) id!: string;
  @ApiProperty({ example: 'General election 2019' }) name!: string;
  @ApiProperty({ enum: ['general'] }) kind!: 'general';
  @ApiProperty({ example: '2010', description: 'Constituency boundaries it is fought on' })
  boundarySet!: string;

  @ApiProperty({ example: 'ge2017', description: 'Result set projections start from' })
  baseline!: string;

  @ApiProperty({ example: '2019-12-12' }) pollingDay!: string;

  @ApiProperty({
    description: 'True while no election is called: pollingDay is then the latest lawful date',
  })
  pollingDayIsLatestPossible!: boolean;

  @ApiProperty({
    enum: ['open', 'nominations-closed', 'past'],
    description:
      '`past`: held — pacts for it are what-ifs, the deadline rule does not apply; `nominations-closed`: withdrawals are over',
  })
  phase!: 'open' | 'nominations-closed' | 'past';

  @ApiProperty({ type: NominationCalendarDto }) calendar!: NominationCalendarDto;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '2029-07-15T15:00:00.000Z',
    description:
      'The latest respond-by a pact for this contest may have (withdrawal deadline less the margin); null for a past contest',
  })
  latestRespondBy!: string | null;
}

export class ContestListDto {
  @ApiProperty({ type: [ContestDto] }) items!: ContestDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list is whole' })
  nextCursor!: null;
}

export class SetPollingDayDto {
  @ApiProperty({ example: '2027-05-06', description: 'The polling day the election is called for' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'pollingDay must be a date written YYYY-MM-DD' })
  pollingDay!: string;

  @ApiProperty({ required: false, example: 'Parliament dissolved on 1 April 2027' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
