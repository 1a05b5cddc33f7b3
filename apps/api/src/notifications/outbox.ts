import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue } from './job-queue.js';

/** What happened, as the code that made the change records it for notification. */
export interface OutboxEntry {
  /** A pact audit action (`pact.signed`, …), `pact.expiring`, `account.invited`, `account.password-reset`. */
  readonly kind: string;
  readonly pactId?: string | null;
  readonly actorUserId?: string | null;
  /** Whose account an account event is about. */
  readonly subjectUserId?: string | null;
  readonly data?: Record<string, unknown>;
  /** Makes recording idempotent: a second entry with the same key is ignored. */
  readonly dedupeKey?: string;
  readonly occurredAt?: Date;
}

/**
 * The one way anything asks for people to be told: a row in `notification_events` and a fan-out
 * job, both in the caller's transaction, so the notification exists exactly if the change commits.
 */
@Injectable()
export class Outbox {
  constructor(private readonly jobs: JobQueue) {}

  /** Records the entry; returns its id, or `null` when its dedupe key was already recorded. */
  async record(manager: EntityManager, entry: OutboxEntry): Promise<string | null> {
    const id = randomUUID();
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notification_events
         (id, kind, pact_id, actor_user_id, subject_user_id, data, dedupe_key, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        id,
        entry.kind,
        entry.pactId ?? null,
        entry.actorUserId ?? null,
        entry.subjectUserId ?? null,
        JSON.stringify(entry.data ?? {}),
        entry.dedupeKey ?? null,
        entry.occurredAt ?? new Date(),
      ],
    );
    if (rows.length === 0) {
      return null;
    }
    await this.jobs.send(manager, 'notify.fanout', { eventId: id });
    return id;
  }
}
