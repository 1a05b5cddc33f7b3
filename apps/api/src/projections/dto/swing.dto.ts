import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, ValidateBy, type ValidationOptions } from 'class-validator';
import { PARTY_CODE, REGION_SLUG } from '../../common/validation.decorators.js';

// The swing of POST /api/projections and of a published scenario (issue 16). Shapes are checked
// here (400); the rules — shares in range and summing to at most 100 %, regions and proxy parties
// of the baseline — are the engine's `swingProblems` (422 naming the field).

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const isRate = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/** `{party: percent}` with party codes as keys and finite numbers as values. */
export function IsShares(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isShares',
      validator: {
        validate: (value: unknown) =>
          isPlainObject(value) &&
          Object.keys(value).length <= 30 &&
          Object.entries(value).every(([party, share]) => PARTY_CODE.test(party) && isRate(share)),
        defaultMessage: () => 'shares must map party codes to percentages',
      },
    },
    options,
  );
}

/** `{region: {party: percent}}` with region slugs and party codes as keys. */
function IsRegionShares(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isRegionShares',
      validator: {
        validate: (value: unknown) =>
          isPlainObject(value) &&
          Object.keys(value).length <= 12 &&
          Object.entries(value).every(
            ([region, shares]) =>
              REGION_SLUG.test(region) &&
              isPlainObject(shares) &&
              Object.keys(shares).length <= 30 &&
              Object.entries(shares).every(([p, x]) => PARTY_CODE.test(p) && isRate(x)),
          ),
        defaultMessage: () => 'regions must map region slugs to {party: percent}',
      },
    },
    options,
  );
}

/** `{newParty: proxyParty}` with party codes on both sides. */
function IsProxies(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isProxies',
      validator: {
        validate: (value: unknown) =>
          isPlainObject(value) &&
          Object.keys(value).length <= 10 &&
          Object.entries(value).every(
            ([p, proxy]) =>
              PARTY_CODE.test(p) && typeof proxy === 'string' && PARTY_CODE.test(proxy),
          ),
        defaultMessage: () => 'proxies must map a new party code to a baseline party code',
      },
    },
    options,
  );
}

export class SwingDto {
  @ApiProperty({ enum: ['uniform', 'proportional'] })
  @IsIn(['uniform', 'proportional'])
  model!: 'uniform' | 'proportional';

  @ApiPropertyOptional({
    enum: ['gb', 'uk'],
    default: 'gb',
    description:
      'What the shares are shares of: gb (British polls; Northern Ireland keeps its votes unless its region is given) or uk',
  })
  @IsOptional()
  @IsIn(['gb', 'uk'])
  basis?: 'gb' | 'uk';

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { lab: 40, con: 30, ld: 12 },
    description:
      'National shares (percent) on the basis. Parties not named are scaled together, at most 1.5 times their baseline; a party absent from the baseline may be named (a new party).',
  })
  @IsOptional()
  @IsObject()
  @IsShares()
  shares?: Record<string, number>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
    example: { scotland: { snp: 30, lab: 35, con: 15 } },
    description:
      'Shares by region slug; the regions not given move so that the basis meets `shares`',
  })
  @IsOptional()
  @IsObject()
  @IsRegionShares()
  regions?: Record<string, Record<string, number>>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { reform: 'ukip' },
    description:
      'A new party spread in proportion to a baseline party (it stands where that party stood); without one it is spread evenly over the area',
  })
  @IsOptional()
  @IsObject()
  @IsProxies()
  proxies?: Record<string, string>;

  @ApiPropertyOptional({
    oneOf: [{ type: 'boolean' }, { type: 'number', minimum: 0, maximum: 0.1 }],
    default: true,
    description:
      "A first-term MP's own gain when defending the seat (2.91 points of the vote, fitted on GE2015 → GE2017; see the README's Backtest): false leaves it out, a fraction from 0 to 0.1 sets it",
  })
  @IsOptional()
  @ValidateBy({
    name: 'isFirstDefence',
    validator: {
      validate: (value: unknown) => typeof value === 'boolean' || isRate(value),
      defaultMessage: () => 'firstDefence must be true, false or a fraction of the vote',
    },
  })
  firstDefence?: boolean | number;
}
