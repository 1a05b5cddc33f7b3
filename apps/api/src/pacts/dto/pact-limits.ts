// How large one pact may be. Set from measured cost (bench/api/large-pact.ts; README,
// "Performance"): large enough for a national pact of local parties the size of Unite to Remain
// (3 parties, 60 seats, 71 stand-asides: 71 local parties standing aside and 60 benefiting, 131
// participants), with headroom, while the worst pact they allow stays bounded. Each limit is both
// the DTO's `ArrayMaxSize` and the OpenAPI `maxItems`, so clients can read it.

/** Local parties taking part in one pact, the author's included. */
export const MAX_PACT_PARTICIPANTS = 200;

/** Stand-asides in one revision of a pact's terms (one party in one seat each). */
export const MAX_PACT_STAND_ASIDES = 300;

/** Commitments in one revision of a pact's terms. */
export const MAX_PACT_COMMITMENTS = 100;
