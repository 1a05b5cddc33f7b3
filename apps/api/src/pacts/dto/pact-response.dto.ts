import { PactImpactDto } from './pact-impact.dto.js';
import type { PactImpactReport } from '../../scenarios/pact-impact-report.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PACT_COMMAND_TYPES,
  PACT_STATUSES,
  type PactCommandType,
  type PactStatus,
} from '@pactroom/negotiation';
import { CommitmentDto, StandAsideDto } from './terms.dto.js';

export class TermsResponseDto {
  @ApiProperty({ type: [StandAsideDto] }) standAsides!: StandAsideDto[];
  @ApiProperty({ type: [CommitmentDto] }) commitments!: CommitmentDto[];
}

export class RevisionDto {
  @ApiProperty({ example: 1 }) number!: number;
  @ApiProperty({ description: 'SHA-256 hex of canonicalTerms' }) hash!: string;
  @ApiProperty({ type: TermsResponseDto }) terms!: TermsResponseDto;
  @ApiProperty({
    description: 'The exact canonical JSON that was hashed (sorted keys, no spaces, UTF-8)',
  })
  canonicalTerms!: string;
  @ApiProperty({ format: 'uuid' }) authorLocalPartyId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class ParticipantDto {
  @ApiProperty({ format: 'uuid' }) localPartyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'ld' }) party!: string;
  @ApiProperty({ example: 'south-east' }) region!: string;
  @ApiProperty({ type: [String] }) constituencies!: string[];
  @ApiProperty({ description: 'Has signed the current revision' }) signed!: boolean;
}

export class SignatureDto {
  @ApiProperty({ format: 'uuid' }) localPartyId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() hash!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) signedAt!: string;
}

export class ApprovalDto {
  @ApiProperty() party!: string;
  @ApiProperty() region!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() hash!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) approvedAt!: string;
}

export class ApprovalSlotDto {
  @ApiProperty({ example: 'lab' }) party!: string;
  @ApiProperty({ example: 'south-east' }) region!: string;
  @ApiProperty({ enum: ['approved', 'pending'] }) status!: 'approved' | 'pending';
  @ApiProperty({
    description: 'false: no coordinator account exists for this slot, so it stays pending',
  })
  hasCoordinator!: boolean;
}

export class ChainHeadDto {
  @ApiProperty() seq!: number;
  @ApiProperty() hash!: string;
}

export class PactSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'ge2017', description: 'Baseline result set the projections start from' })
  election!: string;

  @ApiProperty({ example: 'ge2019', description: 'The contest (election) the pact is for' })
  contest!: string;

  @ApiProperty({ enum: PACT_STATUSES }) status!: PactStatus;
  @ApiProperty({ format: 'uuid' }) authorLocalPartyId!: string;
  @ApiProperty() currentRevision!: number;
  @ApiProperty({ type: String, format: 'date-time' }) respondBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class PactDetailDto extends PactSummaryDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) proposedAt!:
    string | null;
  @ApiProperty({ type: [ParticipantDto] }) participants!: ParticipantDto[];
  @ApiProperty({ type: RevisionDto }) revision!: RevisionDto;
  @ApiProperty({ type: [SignatureDto], description: 'Signatures on the current revision' })
  signatures!: SignatureDto[];
  @ApiProperty({ type: [ApprovalDto], description: 'Approvals of the current revision' })
  approvals!: ApprovalDto[];
  @ApiProperty({ type: [ApprovalSlotDto] }) requiredApprovals!: ApprovalSlotDto[];
  @ApiProperty({ enum: PACT_COMMAND_TYPES, isArray: true, description: 'What you may do now' })
  allowedCommands!: PactCommandType[];
  @ApiPropertyOptional({ type: ChainHeadDto, nullable: true }) auditHead!: ChainHeadDto | null;
  @ApiPropertyOptional({
    type: PactImpactDto,
    nullable: true,
    description:
      'Impact of the current revision, as GET /api/pacts/:id/impact gives it with its defaults (same draws, seed and scenario): expected seats per party, per-seat odds, and the central-figure flips apart',
  })
  impact!: PactImpactReport | null;
}

export class PactPageDto {
  @ApiProperty({ type: [PactSummaryDto] }) items!: PactSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class RevisionListDto {
  @ApiProperty({ type: [RevisionDto] }) items!: RevisionDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
