import type { Stance } from './rules.js';

/** The longest reason kept, in characters (code points, as PostgreSQL's `char_length` counts). */
export const MAX_REASON_LENGTH = 2000;

/**
 * One stance as recorded, in the order recorded. The record is append-only: a member who changes
 * their mind adds a record, and the latest per voter counts. Order is the array's order (the
 * caller's insertion order), not `at`, so two stances in the same millisecond still have an order.
 */
export interface StanceRecord {
  readonly voter: string;
  readonly stance: Stance;
  readonly reason: string | null;
  /** ISO 8601 timestamp, shown in the voter's history. */
  readonly at: string;
}

export type StanceCheck =
  | { ok: true; reason: string | null }
  | { ok: false; code: 'REASON_REQUIRED' | 'REASON_TOO_LONG'; message: string };

/**
 * A stance as submitted. The reason is trimmed and an empty one becomes `null`. Disagree and
 * block need a reason: the coordinator must learn what is wrong with the terms, not only that
 * something is (code `REASON_REQUIRED`). Agree and abstain may give one. A reason longer than
 * `MAX_REASON_LENGTH` characters after trimming is `REASON_TOO_LONG`, whatever the stance.
 */
export function checkStance(stance: Stance, reason: string | null | undefined): StanceCheck {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  const kept = trimmed === '' ? null : trimmed;
  if (kept === null && (stance === 'disagree' || stance === 'block')) {
    return {
      ok: false,
      code: 'REASON_REQUIRED',
      message: `a reason is required to ${stance}: say what in these terms you object to`,
    };
  }
  if (kept !== null) {
    const length = [...kept].length;
    if (length > MAX_REASON_LENGTH) {
      return {
        ok: false,
        code: 'REASON_TOO_LONG',
        message: `the reason is ${length} characters long; at most ${MAX_REASON_LENGTH} are kept`,
      };
    }
  }
  return { ok: true, reason: kept };
}

/** Each voter's latest stance (later in `records` wins), keyed by voter. */
export function latestStances(records: readonly StanceRecord[]): Map<string, StanceRecord> {
  const latest = new Map<string, StanceRecord>();
  for (const record of records) {
    latest.set(record.voter, record);
  }
  return latest;
}

/** One voter's history, oldest first (every change is kept and shown to them). */
export function stanceHistory(records: readonly StanceRecord[], voter: string): StanceRecord[] {
  return records.filter((record) => record.voter === voter);
}
