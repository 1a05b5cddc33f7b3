/**
 * OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. The algorithm is left at the package's
 * default, argon2id (its `Algorithm` is a const enum that isolated-module builds cannot read).
 */
export const HASH_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The niceness of hashing threads: CFS then gives them about a tenth of a core's weight against
 * the event loop and PostgreSQL when the machine is busy, and all of it when it is idle. 19 would
 * all but stop sign-ins under sustained load; 10 slows them instead (README "Performance").
 */
export const HASH_THREAD_NICE = 10;

/** A message to a hashing thread. */
export type HashRequest =
  | { id: number; op: 'hash'; password: string }
  | { id: number; op: 'verify'; hash: string; password: string };

/** A message from a hashing thread: ready (once), or the answer to request `id`. */
export type HashReply =
  | { ready: true; lowered: boolean }
  | { id: number; value: string | boolean }
  | { id: number; error: string };
