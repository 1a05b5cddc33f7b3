import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'pactroom:isPublic';

/** Marks a route as reachable without a token; every other route needs one (global guard). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
