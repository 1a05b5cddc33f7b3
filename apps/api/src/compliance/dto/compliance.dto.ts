import { ApiProperty } from '@nestjs/swagger';

export class ImportProblemDto {
  @ApiProperty({ example: 14, description: 'CSV line (1 = header; 0 = the whole file)' })
  line!: number;

  @ApiProperty({ example: 'party_id' }) field!: string;
  @ApiProperty({ example: 'unknown party id PP999: counted as other' }) message!: string;
  @ApiProperty({ description: 'Whether the row was left out' }) rowSkipped!: boolean;
}

export class CandidateImportDto {
  @ApiProperty({ example: '1' }) id!: string;
  @ApiProperty({ example: 'ge2019' }) contest!: string;
  @ApiProperty({ enum: ['democracy-club', 'pactroom', 'minimal'] }) layout!: string;
  @ApiProperty() rowsRead!: number;
  @ApiProperty({ description: 'Candidates kept' }) candidates!: number;
  @ApiProperty({ description: 'Constituencies whose nominations this import now gives' })
  constituencies!: number;

  @ApiProperty({ type: [ImportProblemDto], description: 'The first 200 problems' })
  problems!: ImportProblemDto[];

  @ApiProperty() problemCount!: number;
  @ApiProperty({ description: 'Ratified pacts of the contest checked again' })
  pactsChecked!: number;

  @ApiProperty({ description: 'Of those, pacts with at least one stand-aside breached' })
  pactsBreached!: number;
}

export class StandAsideComplianceDto {
  @ApiProperty({ example: 'ld' }) party!: string;
  @ApiProperty({ example: 'E14000735' }) constituency!: string;
  @ApiProperty({ example: 'Hastings and Rye' }) constituencyName!: string;
  @ApiProperty({ example: 'lab' }) beneficiary!: string;
  @ApiProperty({
    enum: ['kept', 'breached', 'unknown'],
    description:
      'kept: the party fielded no candidate; breached: it did; unknown: no nominations imported for the seat',
  })
  status!: 'kept' | 'breached' | 'unknown';

  @ApiProperty({ nullable: true, type: Boolean, description: 'null when unknown' })
  beneficiaryStood!: boolean | null;

  @ApiProperty({ type: [String], description: 'The party’s candidates in the seat, if breached' })
  breachingCandidates!: string[];
}

export class ComplianceSummaryDto {
  @ApiProperty() total!: number;
  @ApiProperty() kept!: number;
  @ApiProperty() breached!: number;
  @ApiProperty() unknown!: number;
  @ApiProperty() beneficiaryDidNotStand!: number;
}

export class PactComplianceDto {
  @ApiProperty({ example: 'ge2019' }) contest!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the latest nominations used were imported; null if none are known',
  })
  checkedAt!: string | null;

  @ApiProperty({ type: ComplianceSummaryDto }) summary!: ComplianceSummaryDto;
  @ApiProperty({ type: [StandAsideComplianceDto] }) standAsides!: StandAsideComplianceDto[];
}
