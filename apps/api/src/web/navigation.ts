import type { Principal } from '../auth/principal.js';

export interface NavLink {
  readonly href: string;
  readonly label: string;
  readonly current: boolean;
}

/** The main navigation: what the viewer's roles let them use, the current page marked. */
export function navigationFor(viewer: Principal | undefined, url: string): NavLink[] {
  if (!viewer) {
    return [];
  }
  const roles = new Set(viewer.grants.map((g) => g.role));
  const path = url.split('?')[0] ?? '/';
  const links: Array<[string, string, boolean]> = [
    ['/', 'My desk', true],
    ['/pact/new', 'Draft a pact', roles.has('officer') || roles.has('national')],
    ['/suggestions', 'Suggestions', roles.has('officer') || roles.has('coordinator')],
    ['/queue', 'Approvals', roles.has('coordinator')],
    ['/review', 'Our agreements', true],
    ['/calendar', 'Election calendar', true],
    ['/verify', 'Verify a certificate', true],
    ['/hooks', 'Webhooks', roles.has('admin') || roles.has('coordinator')],
    ['/admin', 'Administration', roles.has('admin') || roles.has('coordinator')],
  ];
  return links
    .filter(([, , shown]) => shown)
    .map(([href, label]) => ({
      href,
      label,
      current: href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`),
    }));
}
