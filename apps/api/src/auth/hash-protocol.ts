/**
 * OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. The algorithm is left at the package's
 * default, argon2id (its `Algorithm` is a const enum that isolated-module builds cannot read).
 */
export const HASH_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * How hashing threads yield the CPU (PACTROOM_HASH_PRIORITY): `low` sets nice 10, so under
 * contention CFS gives them about a tenth of a core's weight against the event loop and PostgreSQL,
 * and all of it when the machine is idle; `normal` leaves them as they are. (SCHED_IDLE was also
 * measured: no better for the other routes' p99 here, and it all but stops sign-ins on a busy
 * machine.)
 */
export const HASH_PRIORITIES = ['low', 'normal'] as const;
export type HashPriority = (typeof HASH_PRIORITIES)[number];
export const LOW_NICE = 10;

/** A message to a hashing thread. */
export type HashRequest =
  | { id: number; op: 'hash'; password: string }
  | { id: number; op: 'verify'; hash: string; password: string };

/** A message from a hashing thread: ready (once), or the answer to request `id`. */
export type HashReply =
  | { ready: true; priority: HashPriority | 'unchanged' }
  | { id: number; value: string | boolean }
  | { id: number; error: string };
