import { Injectable } from '@nestjs/common';
import { ChangeFeed } from '../database/change-feed.js';

/**
 * The contests and their current scenarios, kept per process: every pact read and command response
 * projects its impact on the contest's current scenario, and the pact page, the desk and new pacts
 * read the contests' calendars, so each would otherwise cost a query. Exact, as PrincipalCache is:
 * every change to the contests table is announced by PostgreSQL when it commits (channel
 * `pactroom_contests`, migration NotifyContestChanges) and empties the cache in every process, and
 * the process that made it empties its own at once (`changed`). A scenario names its publisher
 * (users.name), so an account's change empties it too; scenarios themselves are append-only.
 * Nothing is kept while the feed is down. What it holds is shared between readers: read only.
 */
@Injectable()
export class ContestCache {
  private readonly kept = new Map<string, Promise<unknown>>();

  constructor(private readonly feed: ChangeFeed) {
    feed.on('pactroom_contests', () => this.changed());
    feed.onAccountChange(({ kind }) => {
      if (kind === 'a') {
        this.changed();
      }
    });
    feed.onReset(() => this.changed());
  }

  /** What `load` gives for `key`, loaded once until the next change. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.feed.live) {
      return load();
    }
    const kept = this.kept.get(key) as Promise<T> | undefined;
    if (kept) {
      return kept;
    }
    const loading = load();
    this.kept.set(key, loading);
    // A load overlapping a change was dropped by `changed` already (it may have read just before
    // the change); a failed one is not kept either.
    loading.catch(() => {
      if (this.kept.get(key) === loading) {
        this.kept.delete(key);
      }
    });
    return loading;
  }

  /**
   * Forgets everything: on every announcement, and at once after this process commits a change to
   * a contest (its own next read must not wait for the announcement, which follows, harmlessly).
   */
  changed(): void {
    this.kept.clear();
  }
}
