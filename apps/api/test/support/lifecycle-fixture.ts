// Shared by the lifecycle e2e files: one app per file with the same demo accounts signed in (the
// list-index test lists for each of them), and pacts created under the suite's title.
import { demoPactFixture } from './pacts.js';

/** The demo accounts these files act as (and list for, in the list-index test). */
export const LIFECYCLE_ACCOUNTS = [
  'officer.ld.hastings',
  'officer.lab.lewes',
  'officer.lab.hastings',
  'officer.ld.lewes',
  'coord.ld.southeast',
  'coord.lab.southeast',
  'member.ld',
  'admin',
];

/** Registers the file's app (see `demoPactFixture`); `create` proposes a Lifecycle pact. */
export function useLifecycleApp() {
  const f = demoPactFixture(LIFECYCLE_ACCOUNTS);
  return {
    f,
    token: f.token,
    create: (body: object = {}, by = 'officer.ld.hastings') =>
      f.create({ title: 'Lifecycle pact', ...body }, by),
  };
}
