import { Injectable } from '@nestjs/common';
import { ChangeFeed } from '../database/change-feed.js';
import { PrincipalLoader } from './principal.loader.js';
import type { Principal } from './principal.js';

/** Sessions whose principal is kept; the least recently used goes first beyond it. */
const MAX_SESSIONS = 20_000;

/**
 * The principal behind a token, kept per session so a request costs no query for it. Exact, not
 * eventually right: every change that could refuse a cached principal — its account, grants or
 * session — is announced by the database when it commits (ChangeFeed), and evicts it. A load that
 * overlapped any announcement is not kept (it may have read just before the change), and nothing is
 * kept while the feed is down.
 */
@Injectable()
export class PrincipalCache {
  private readonly sessions = new Map<string, Principal>();
  private readonly byUser = new Map<string, Set<string>>();
  /** Bumped on every announcement and reset: a load that saw it change is not kept. */
  private changes = 0;

  constructor(
    private readonly loader: PrincipalLoader,
    private readonly feed: ChangeFeed,
  ) {
    feed.onAccountChange(({ userId }) => this.evict(userId));
    feed.onReset(() => this.clear());
  }

  async load(userId: string, sessionId: string): Promise<Principal | undefined> {
    const key = `${userId}:${sessionId}`;
    const cached = this.feed.live ? this.sessions.get(key) : undefined;
    if (cached) {
      // Map order is insertion order: re-inserting makes it the most recently used.
      this.sessions.delete(key);
      this.sessions.set(key, cached);
      return cached;
    }
    const seen = this.changes;
    const principal = await this.loader.load(userId, sessionId);
    if (principal && this.feed.live && seen === this.changes) {
      this.keep(key, principal);
    }
    return principal;
  }

  private keep(key: string, principal: Principal): void {
    this.sessions.set(key, principal);
    const keys = this.byUser.get(principal.userId) ?? new Set<string>();
    keys.add(key);
    this.byUser.set(principal.userId, keys);
    while (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const principal = this.sessions.get(key);
    this.sessions.delete(key);
    if (principal) {
      const keys = this.byUser.get(principal.userId);
      keys?.delete(key);
      if (keys?.size === 0) {
        this.byUser.delete(principal.userId);
      }
    }
  }

  private evict(userId: string): void {
    this.changes++;
    for (const key of this.byUser.get(userId) ?? []) {
      this.sessions.delete(key);
    }
    this.byUser.delete(userId);
  }

  private clear(): void {
    this.changes++;
    this.sessions.clear();
    this.byUser.clear();
  }
}
