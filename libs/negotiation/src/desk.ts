import type { PactCommandType, PactStatus } from './states.js';

/** The commands that answer a pact: while one is open to someone, the pact waits for them. */
export const ANSWERING_COMMANDS: readonly PactCommandType[] = [
  'propose',
  'sign',
  'counter',
  'approve',
];

/** One pact as a desk sees it: what it is, what the viewer may do, when something last happened. */
export interface DeskPact {
  readonly id: string;
  readonly status: PactStatus;
  readonly allowedCommands: readonly PactCommandType[];
  /** ISO 8601: the last change (a command, an expiry). */
  readonly updatedAt: string;
  /** ISO 8601. */
  readonly respondBy: string;
}

export interface Desk<T extends DeskPact> {
  /** Waiting for the viewer: they may propose, sign, counter or approve it. */
  readonly waiting: T[];
  /** The viewer's other live pacts. */
  readonly live: T[];
}

/** What the viewer is being asked to do on a pact (empty: nothing waits for them). */
export function askedOf(pact: DeskPact): PactCommandType[] {
  return pact.allowedCommands.filter((c) => ANSWERING_COMMANDS.includes(c));
}

/**
 * Sorts live pacts onto a desk: those waiting for the viewer first, then the rest; each part by what
 * last happened, most recent first (not by when the pact was created), ties by id for a stable page.
 */
export function arrangeDesk<T extends DeskPact>(pacts: readonly T[]): Desk<T> {
  const byRecency = [...pacts].sort(
    (a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id),
  );
  return {
    waiting: byRecency.filter((p) => askedOf(p).length > 0),
    live: byRecency.filter((p) => askedOf(p).length === 0),
  };
}

/** Whole days, hours and minutes until `respondBy` at `now`, in words ("2 days 3 hours"). */
export function timeLeft(respondBy: string, now: Date): string {
  const ms = Date.parse(respondBy) - now.getTime();
  if (ms <= 0) {
    return 'past its respond-by';
  }
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const mins = minutes % 60;
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days > 0) {
    return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  }
  if (hours > 0) {
    return mins > 0 ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour');
  }
  return minutes > 0 ? plural(minutes, 'minute') : 'less than a minute';
}
