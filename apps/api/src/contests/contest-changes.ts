import type { EntityManager } from 'typeorm';

/**
 * Sets one column of a contest and keeps the change in `contest_changes` (what it was, what it
 * became, the admin's note), in the caller's transaction.
 */
export async function changeContest(
  manager: EntityManager,
  change: {
    contest: string;
    column: 'polling_day' | 'current_scenario_id';
    action: 'polling_day_set' | 'scenario_set';
    from: unknown;
    to: unknown;
    note: string | null;
    userId: string;
  },
): Promise<void> {
  await manager.query(
    `UPDATE contests SET ${change.column} = $2, updated_at = now() WHERE id = $1`,
    [change.contest, change.to],
  );
  await manager.query(
    `INSERT INTO contest_changes (contest_id, action, payload, user_id) VALUES ($1, $2, $3, $4)`,
    [
      change.contest,
      change.action,
      { from: change.from, to: change.to, note: change.note },
      change.userId,
    ],
  );
}
