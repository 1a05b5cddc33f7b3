import { lookup } from 'node:dns/promises';
import { isForbiddenAddress } from '@pactroom/webhooks';

/** Where a webhook URL may be sent, or why not. */
export type TargetCheck =
  | { readonly ok: true; readonly host: string; readonly addresses: readonly ResolvedAddress[] }
  | { readonly ok: false; readonly problem: 'url'; readonly message: string }
  | { readonly ok: false; readonly problem: 'unresolvable'; readonly host: string }
  | {
      readonly ok: false;
      readonly problem: 'forbidden';
      readonly host: string;
      readonly address: string;
    };

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** The host of a URL as DNS and the allow-list know it (IPv6 literals lose their brackets). */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/**
 * Checks a webhook URL and resolves its host: `https://` only (`http://` only for an allow-listed
 * host), no credentials in the URL, and every address the name resolves to must be public unless
 * the host is on the admin's allow-list. Every address, not just the first: an attacker's name
 * can list a public and a private address and let the resolver choose. Run at registration and
 * again before every attempt (DNS can change in between — rebinding).
 */
export async function checkTarget(
  rawUrl: string,
  allowedHosts: readonly string[],
): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, problem: 'url', message: 'not a valid URL' };
  }
  const host = urlHost(url);
  const allowed = allowedHosts.includes(host);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: 'url', message: 'must start with https://' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, problem: 'url', message: 'must not carry a user name or password' };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return { ok: false, problem: 'unresolvable', host };
  }
  if (addresses.length === 0) {
    return { ok: false, problem: 'unresolvable', host };
  }
  const forbidden = allowed ? undefined : addresses.find((a) => isForbiddenAddress(a.address));
  if (forbidden) {
    return { ok: false, problem: 'forbidden', host, address: forbidden.address };
  }
  // Checked after the address, so `http://127.0.0.1` is refused for what it reaches.
  if (url.protocol === 'http:' && !allowed) {
    return {
      ok: false,
      problem: 'url',
      message: 'must start with https:// (http:// only for a host the administrator allows)',
    };
  }
  return { ok: true, host, addresses };
}
