import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '../database/change-feed.js';

/** People whose count is kept; the least recently asked goes first beyond it. */
const MAX_USERS = 20_000;

/**
 * How many unread items a person's inbox holds (the header badge, the live stream's `inbox`
 * event). Kept per person and exact: every new or updated inbox item is announced on
 * `pactroom_inbox` with its owner's id when it commits (migration CreateNotifications), which drops
 * theirs; a count read while an announcement came in is not kept, and nothing is kept while the
 * feed is down.
 */
@Injectable()
export class InboxCounts {
  private readonly counts = new Map<string, number>();
  private changes = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
  ) {
    feed.on('pactroom_inbox', (userId) => {
      this.changes++;
      this.counts.delete(userId);
    });
    feed.onReset(() => {
      this.changes++;
      this.counts.clear();
    });
  }

  async unread(userId: string): Promise<number> {
    const kept = this.feed.live ? this.counts.get(userId) : undefined;
    if (kept !== undefined) {
      this.counts.delete(userId);
      this.counts.set(userId, kept);
      return kept;
    }
    const seen = this.changes;
    const rows: { unread: number }[] = await this.dataSource.query(
      'SELECT count(*)::int AS unread FROM inbox_items WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    const unread = rows[0]?.unread ?? 0;
    if (this.feed.live && seen === this.changes) {
      this.counts.set(userId, unread);
      if (this.counts.size > MAX_USERS) {
        const oldest = this.counts.keys().next().value;
        if (oldest !== undefined) {
          this.counts.delete(oldest);
        }
      }
    }
    return unread;
  }
}
