import { isAdmin } from '@pactroom/accounts';
import type { Principal } from '../auth/principal.js';

/** The (party, region) pairs whose webhooks a person manages; `all` for an admin. */
export type WebhookScope = 'all' | readonly { readonly party: string; readonly region: string }[];

/** An admin manages every webhook; a coordinator those of each (party, region) they coordinate. */
export function webhookScope(principal: Principal): WebhookScope {
  if (isAdmin(principal.grants)) {
    return 'all';
  }
  return principal.grants
    .filter((g) => g.role === 'coordinator' && g.party !== null && g.region !== null)
    .map((g) => ({ party: g.party ?? '', region: g.region ?? '' }));
}

export function inScope(scope: WebhookScope, party: string, region: string): boolean {
  return scope === 'all' || scope.some((s) => s.party === party && s.region === region);
}

/** SQL parameters ($n: all?, $n+1: parties, $n+2: regions) matching `inScope` row-wise. */
export function scopeParams(scope: WebhookScope): [boolean, string[], string[]] {
  return scope === 'all'
    ? [true, [], []]
    : [false, scope.map((s) => s.party), scope.map((s) => s.region)];
}

/** The SQL condition for `scopeParams` at $a, $a+1, $a+2 on an endpoint alias `w`. */
export function scopeSql(a: number): string {
  return `($${a}::boolean OR (w.party_code, w.region_slug) IN (SELECT * FROM unnest($${a + 1}::varchar[], $${a + 2}::varchar[])))`;
}
