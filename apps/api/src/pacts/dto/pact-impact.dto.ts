import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ImpactQueryDto } from '../../projections/dto/projection.dto.js';
import { ScenarioChoiceQuery } from '../../projections/dto/scenario-choice.js';

export class PactImpactQueryDto extends ImpactQueryDto {
  @ScenarioChoiceQuery(
    'A published scenario id (GET /api/scenarios) on the pact’s boundaries, or `none` for the baseline result; default: the contest’s current scenario',
  )
  scenario?: string;
}

export class ShareBandDto {
  @ApiProperty({
    example: 31.2,
    description: '5th percentile of the share, percent of valid votes',
  })
  p5!: number;
  @ApiProperty({ example: 38.9, description: 'Median share, percent' }) p50!: number;
  @ApiProperty({ example: 46.1, description: '95th percentile of the share, percent' })
  p95!: number;
}

export class PactSeatDto {
  @ApiProperty({ example: 'E14000735' }) onsCode!: string;
  @ApiProperty({ example: 'Hastings and Rye' }) name!: string;
  @ApiProperty({ example: 'ld', description: 'The party standing aside' }) party!: string;
  @ApiProperty({ example: 'lab', description: 'The party it stands aside for' })
  beneficiary!: string;
  @ApiProperty({
    description: 'False when the party fielded nobody there in the baseline (it moves nothing)',
  })
  partyStood!: boolean;
  @ApiProperty({
    example: 'con',
    description: 'Projected winner without the pact, on the central figures (no uncertainty)',
  })
  winnerBefore!: string;
  @ApiProperty({
    example: 'lab',
    description: 'Projected winner with the pact, on the central figures (no uncertainty)',
  })
  winnerAfter!: string;
  @ApiProperty({
    example: 0.31,
    description: 'Probability (0–1) the beneficiary wins the seat without the pact, over the draws',
  })
  beneficiaryWinBefore!: number;
  @ApiProperty({ example: 0.74, description: 'The same with the pact' })
  beneficiaryWinAfter!: number;
  @ApiProperty({
    example: 0.43,
    description:
      'beneficiaryWinAfter − beneficiaryWinBefore: expected seats the beneficiary gains here',
  })
  gain!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 0.22,
    description:
      'The share (0–1) of the party’s votes that must go to the beneficiary for it to win on the central figures; null if none would do',
  })
  breakEven!: number | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ShareBandDto' },
    description:
      'Simulated share bands per party with the pact (p5, p50, p95, percent), when the engine gives them',
  })
  shareBands?: Record<string, ShareBandDto>;
}

export class PartyBalanceDto {
  @ApiProperty({
    example: 0.43,
    description:
      'Expected seats it gains where it is the beneficiary: the rise in its win probability, summed',
  })
  gains!: number;
  @ApiProperty({
    example: 0.12,
    description:
      'Expected seats its stand-asides hand to partners: its share of the partners’ gains where it stands aside',
  })
  gives!: number;
  @ApiProperty({
    example: 0.05,
    description:
      'Expected seats it would have won itself, before, where it stands aside (the cost of standing aside)',
  })
  forgoes!: number;
  @ApiProperty({
    example: 0.31,
    description: 'gains − gives: positive when it receives more than it hands over',
  })
  net!: number;
}

export class ImpactScenarioDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Polls, November 2026' }) name!: string;
  @ApiProperty({ example: 'YouGov average' }) source!: string;
  @ApiProperty({ example: '2026-11-28' }) asOf!: string;
}

export class CentralFlipDto {
  @ApiProperty({ example: 'E14000735' }) onsCode!: string;
  @ApiProperty({ example: 'Hastings and Rye' }) name!: string;
  @ApiProperty({ example: 'con' }) from!: string;
  @ApiProperty({ example: 'lab' }) to!: string;
}

export class CentralFiguresDto {
  @ApiProperty({ description: 'What these figures are (and are not)' }) note!: string;
  @ApiProperty({
    type: [CentralFlipDto],
    description: 'Seats whose winner changes on the central figures, without uncertainty',
  })
  flips!: CentralFlipDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { lab: 1, con: -1 },
    description: 'Whole seats won (+) or lost (−) per party on the central figures',
  })
  seats!: Record<string, number>;
}

export class StandingDownSeatDto {
  @ApiProperty({ example: 'E14000735' }) onsCode!: string;
  @ApiProperty({ example: 'Hastings and Rye' }) name!: string;
}

export class StandingDownDto {
  @ApiProperty({
    example: 90,
    description: 'MPs of the baseline not among the contest’s imported nominations (0 before any)',
  })
  total!: number;
  @ApiProperty({
    type: [StandingDownSeatDto],
    description: 'The pact’s constituencies among them',
  })
  constituencies!: StandingDownSeatDto[];
}

export class PactImpactDto {
  @ApiProperty({ example: 'ge2024', description: 'The baseline result set' }) election!: string;
  @ApiProperty({ example: 'central' }) transferSet!: string;
  @ApiProperty({
    example: 2000,
    description: 'Simulated elections the probabilities are over (0: deterministic)',
  })
  draws!: number;
  @ApiProperty({
    example: 1,
    description: 'The seed of the draws: the same seed, the same numbers',
  })
  seed!: number;
  @ApiProperty({
    type: ImpactScenarioDto,
    nullable: true,
    description: 'The scenario projected on; null: the baseline result unchanged',
  })
  scenario!: ImpactScenarioDto | null;
  @ApiProperty({
    example: 'baseline: GE2024 result',
    description: 'What the impact was projected on, in words',
  })
  projectedOn!: string;
  @ApiProperty({ type: [PactSeatDto], description: 'One row per stand-aside, in seat order' })
  seats!: PactSeatDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/PartyBalanceDto' },
    description:
      'Each participant’s expected seats (probabilistic, over the draws) against the same scenario without the stand-asides',
  })
  balance!: Record<string, PartyBalanceDto>;
  @ApiProperty({
    type: CentralFiguresDto,
    description:
      'The deterministic winner flips, labelled as such and kept apart from the expected gains',
  })
  central!: CentralFiguresDto;
  @ApiProperty({
    type: StandingDownDto,
    description:
      'Projected on a scenario (the next election), seats whose MP the contest’s nominations no longer name lose that MP’s personal vote (and any first-term bonus); empty without a scenario or before nominations are imported',
  })
  standingDown!: StandingDownDto;
}
