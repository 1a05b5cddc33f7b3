import { ApiProperty } from '@nestjs/swagger';
import { ImpactScenarioDto } from '../../pacts/dto/pact-impact.dto.js';

/** A local party named in a suggestion (active, covering the seat on the election's boundaries). */
export class SuggestionLocalPartyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Lewes Labour' }) name!: string;
  @ApiProperty({ example: 'south-east' }) region!: string;
}

/** Who would carry a leg on the ground: each null when no such local party exists yet. */
export class LegLocalPartiesDto {
  @ApiProperty({
    type: SuggestionLocalPartyDto,
    nullable: true,
    description: 'The local party of the party standing aside in the seat (it signs the pact)',
  })
  standsAside!: SuggestionLocalPartyDto | null;
  @ApiProperty({
    type: SuggestionLocalPartyDto,
    nullable: true,
    description: 'The local party of the beneficiary in the seat (it campaigns there)',
  })
  beneficiary!: SuggestionLocalPartyDto | null;
}

export class SwapLegDto {
  @ApiProperty({ example: 'E14000786' }) onsCode!: string;
  @ApiProperty({ example: 'Lewes' }) name!: string;
  @ApiProperty({ example: 'south-east' }) region!: string;
  @ApiProperty({ example: 'lab' }) standsAside!: string;
  @ApiProperty({ example: 'ld' }) beneficiary!: string;
  @ApiProperty({ description: 'Beneficiary’s win probability without the stand-aside' })
  beneficiaryWinBefore!: number;
  @ApiProperty({ description: 'Beneficiary’s win probability with it' })
  beneficiaryWinAfter!: number;
  @ApiProperty({ description: 'beneficiaryWinAfter − beneficiaryWinBefore (expected seats)' })
  beneficiaryGain!: number;
  @ApiProperty({ description: 'The standing-aside party’s own win probability there, given up' })
  forgone!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Share of the stand-aside’s votes the beneficiary needs to win (analytic)',
  })
  breakEven!: number | null;
  @ApiProperty({ type: LegLocalPartiesDto }) localParties!: LegLocalPartiesDto;
}

export class SwapSuggestionDto {
  @ApiProperty({ type: [String], example: ['lab', 'ld'] }) parties!: string[];
  @ApiProperty({
    type: [SwapLegDto],
    description: 'Two legs: the first party stands aside in the first, the second in the second',
  })
  legs!: SwapLegDto[];
  @ApiProperty({
    example: { lab: 0.31, ld: 0.6 },
    description:
      'Expected seats each party gains: its gain in the partner’s seat minus its chance forgone in its own (both > 0)',
  })
  gains!: Record<string, number>;
  @ApiProperty({ description: 'Sum of the two gains' }) combined!: number;
  @ApiProperty({ description: 'Nash product of the two gains; the set is chosen greedily by it' })
  score!: number;
  @ApiProperty({
    description: 'Whether all four local parties exist (each leg’s standing-aside and beneficiary)',
  })
  carried!: boolean;
}

export class SwapSetDto {
  @ApiProperty({ example: 'ge2024', description: 'The baseline result set' }) election!: string;
  @ApiProperty({
    type: ImpactScenarioDto,
    nullable: true,
    description:
      'The scenario the swaps were priced on (as a pact’s impact names it); null: the election’s own result',
  })
  scenario!: ImpactScenarioDto | null;
  @ApiProperty({
    example: 'Polls, November 2026 (YouGov average, as of 2026-11-28)',
    description: 'What the swaps were priced on, in words (the wording of a pact’s impact)',
  })
  projectedOn!: string;
  @ApiProperty({ enum: ['region', 'neighbours'] }) pairing!: string;
  @ApiProperty({ type: String, nullable: true, example: 'south-east' }) region!: string | null;
  @ApiProperty({
    type: [SwapSuggestionDto],
    description: 'Swaps that can all be signed together (no seat twice), best first',
  })
  items!: SwapSuggestionDto[];
  @ApiProperty({
    example: { lab: 7.21, ld: 4.26 },
    description: 'Expected seats each party gains over the whole set (sum of the swaps’ gains)',
  })
  totals!: Record<string, number>;
  @ApiProperty({ description: 'Sum of the totals' }) combined!: number;
  @ApiProperty({ description: 'Swaps good for both sides that were eligible before choosing' })
  candidates!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Always null: the set is one page' })
  nextCursor!: null;
}
