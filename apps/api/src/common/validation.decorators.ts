import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';

// The input shapes the API shares, one regex each: DTOs, pipes and custom validators use these,
// never a copy, so a party code means the same in a body, a query string and a custom validator.
// The lengths fit the key columns (parties.code and elections.code varchar(16), regions.slug
// varchar(32)). Changing one changes what every route accepts: validation-shapes.e2e-spec.ts.

/** A party code: `lab`, `ld`, `green`. */
export const PARTY_CODE = /^[a-z]{2,16}$/;
/** A region slug: `south-east`, `wales`. */
export const REGION_SLUG = /^[a-z-]{2,32}$/;
/** An election code: `ge2017`. */
export const ELECTION_CODE = /^[a-z0-9]{2,16}$/;
/** An ONS constituency code: `E14000735`. */
export const ONS_CODE = /^[ENSW]\d{8}$/;
/** A record id in a path, cursor or `actingFor`: hex in either case, version and variant unchecked. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id inside a token this API issued (`sub`, `sid`, a refresh token's id): lower-case, as issued. */
export const TOKEN_ID = /^[0-9a-f-]{36}$/;

/** A shape's pattern without its anchors (nor flags), to build a list of them into one regex. */
export function unanchored(shape: RegExp): string {
  return shape.source.replace(/^\^/, '').replace(/\$$/, '');
}

/**
 * `@IsString() @Matches(shape)` as one decorator. Stacked decorators apply bottom-up, so that pair
 * registers `matches` before `isString`; listing them in that order keeps a 400's problems in the
 * order they have always had ("must match …", then "must be a string").
 */
function isStringMatching(shape: RegExp): PropertyDecorator {
  return applyDecorators(Matches(shape), IsString());
}

/** A party code (PARTY_CODE). */
export const IsPartyCode = (): PropertyDecorator => isStringMatching(PARTY_CODE);
/** A region slug (REGION_SLUG). */
export const IsRegionSlug = (): PropertyDecorator => isStringMatching(REGION_SLUG);
/** An election code (ELECTION_CODE). */
export const IsElectionCode = (): PropertyDecorator => isStringMatching(ELECTION_CODE);
/** An ONS constituency code (ONS_CODE). */
export const IsOnsCode = (): PropertyDecorator => isStringMatching(ONS_CODE);
