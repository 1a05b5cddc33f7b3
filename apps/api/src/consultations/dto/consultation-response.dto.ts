import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STANCES, type Stance } from '@pactroom/consultation';

export class NamedLocalPartyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Lewes Labour' }) name!: string;
}

export class StanceRecordDto {
  @ApiProperty({ enum: STANCES }) stance!: Stance;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class YourPartDto {
  @ApiProperty({ description: 'Whether you are among the members consulted' }) consulted!: boolean;
  @ApiProperty({ description: 'Whether you opened it (and so may close it early)' })
  opened!: boolean;

  @ApiProperty({ type: StanceRecordDto, nullable: true, description: 'Your stance that counts' })
  stance!: StanceRecordDto | null;

  @ApiProperty({ type: [StanceRecordDto], description: 'Every stance you gave, oldest first' })
  history!: StanceRecordDto[];
}

export class OutcomeDto {
  @ApiProperty() electorate!: number;
  @ApiProperty({ description: 'Members who took part (abstaining included)' }) voters!: number;
  @ApiProperty() agree!: number;
  @ApiProperty() abstain!: number;
  @ApiProperty() disagree!: number;
  @ApiProperty() block!: number;
  @ApiProperty({ description: 'Votes cast: agree + disagree + block' }) cast!: number;
  @ApiProperty({ description: 'Percent of the electorate, one decimal' }) turnout!: number;
  @ApiProperty({ description: 'Agree as a percent of votes cast, one decimal' })
  agreeShare!: number;
  @ApiProperty() quorum!: number;
  @ApiProperty() threshold!: number;
  @ApiProperty() quorumMet!: boolean;
  @ApiProperty() thresholdMet!: boolean;
  @ApiProperty({ description: 'A member blocked: flagged to the coordinator' }) blocked!: boolean;
  @ApiProperty({ description: 'Quorum and threshold met' }) passed!: boolean;
}

export class PublishedStanceDto {
  @ApiProperty({ example: 'Ada Member' }) name!: string;
  @ApiProperty({ enum: STANCES }) stance!: Stance;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class AnonymousReasonDto {
  @ApiProperty({ enum: ['disagree', 'block'] }) stance!: Stance;
  @ApiProperty() reason!: string;
}

export class ConsultationResultDto {
  @ApiProperty({ type: OutcomeDto }) outcome!: OutcomeDto;
  @ApiProperty({ type: [String], description: 'Who took part, by name (sorted)' })
  voters!: string[];

  @ApiProperty({
    type: [PublishedStanceDto],
    nullable: true,
    description: 'Open ballots: each member’s stance and reason; null for a secret ballot',
  })
  stances!: PublishedStanceDto[] | null;

  @ApiProperty({
    type: [AnonymousReasonDto],
    description: 'Secret ballots: the reasons given to disagree or block, without names, sorted',
  })
  reasons!: AnonymousReasonDto[];
}

export class ConsultedSignatureDto {
  @ApiProperty() localPartyName!: string;
  @ApiProperty() userName!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
}

export class ConsultationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) pactId!: string;
  @ApiProperty({ example: 'Hastings for Lewes' }) pactTitle!: string;
  @ApiProperty({ example: 'ge2024', description: 'The pact’s election' }) election!: string;
  @ApiProperty({ description: 'The revision members are asked about' }) revision!: number;
  @ApiProperty({ description: 'Its terms hash: nobody answers on terms that then change' })
  revisionHash!: string;

  @ApiProperty({ example: 'lab' }) party!: string;
  @ApiProperty({ example: 'south-east' }) region!: string;
  @ApiProperty({ enum: ['local-parties', 'region'] }) scope!: string;
  @ApiProperty({ type: [NamedLocalPartyDto], description: 'For local-parties: whose members' })
  localParties!: NamedLocalPartyDto[];

  @ApiProperty() secret!: boolean;
  @ApiProperty() quorum!: number;
  @ApiProperty() threshold!: number;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ example: 'Labour South East Coordinator' }) openedBy!: string;
  @ApiProperty({ enum: ['open', 'closed', 'voided'] }) status!: 'open' | 'closed' | 'voided';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'the terms changed: revision 2 replaced revision 1',
    description: 'Why it was voided (voided ones only)',
  })
  voidedBecause!: string | null;
  @ApiProperty({ description: 'Members consulted' }) electorate!: number;
  @ApiProperty({ description: 'Members who have taken part so far (how, hidden until close)' })
  voters!: number;

  @ApiProperty({ type: YourPartDto }) you!: YourPartDto;
  @ApiProperty({ type: ConsultationResultDto, nullable: true, description: 'After close only' })
  result!: ConsultationResultDto | null;

  @ApiProperty({
    description: 'The terms of the revision consulted on (stand-asides, commitments)',
  })
  terms!: unknown;

  @ApiProperty({ type: [ConsultedSignatureDto], description: 'Who signed that revision' })
  signatures!: ConsultedSignatureDto[];

  @ApiPropertyOptional({ description: 'The projected impact of the terms (as on the pact)' })
  impact?: unknown;
}
