import {
  Global,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

/** What a notification on `pactroom_accounts` says changed: an account (`a`) or a session (`s`). */
export type AccountChange = { readonly kind: 'a' | 's'; readonly userId: string };

const ACCOUNTS = 'pactroom_accounts';

/**
 * Every channel a process listens to. A channel must be listed here (LISTEN is issued on connect
 * and again on every reconnect); `pactroom_inbox` carries a user id (migration CreateNotifications),
 * `pactroom_outbox` wakes the notification workers, `pactroom_contests` says a contest changed
 * (ContestCache).
 */
export type FeedChannel =
  | 'pactroom_accounts'
  | 'pactroom_contests'
  | 'pactroom_inbox'
  | 'pactroom_outbox'
  | 'pactroom_pacts';
const CHANNELS: readonly FeedChannel[] = [
  'pactroom_accounts',
  'pactroom_contests',
  'pactroom_inbox',
  'pactroom_outbox',
  'pactroom_pacts',
];
const MAX_RETRY_MS = 30_000;

/**
 * Changes other processes (and this one) committed, as PostgreSQL announces them (`LISTEN`; the
 * triggers of migration NotifyAccountChanges). It is what lets each API process cache who a token's
 * user is and still see a disabled account, a logout or new grants at once.
 *
 * A notification is only ever missed while the connection is down, so caches must be used only
 * while `live`, and must be emptied on `reset` — when the connection is (re)established, since
 * anything may have changed unseen in between. The connection is retried with backoff.
 */
@Injectable()
export class ChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChangeFeed.name);
  private readonly accountListeners: ((change: AccountChange) => void)[] = [];
  private readonly resetListeners: (() => void)[] = [];
  private readonly channelListeners = new Map<FeedChannel, ((payload: string) => void)[]>();
  private client: pg.Client | undefined;
  private retryMs = 500;
  private retry: NodeJS.Timeout | undefined;
  private closing = false;
  /** True while notifications are being received. */
  live = false;

  constructor(private readonly dataSource: DataSource) {}

  onAccountChange(listener: (change: AccountChange) => void): void {
    this.accountListeners.push(listener);
  }

  /** Raw payloads of one channel (other than accounts), as committed by any process. */
  on(
    channel: Exclude<FeedChannel, 'pactroom_accounts'>,
    listener: (payload: string) => void,
  ): void {
    const listeners = this.channelListeners.get(channel) ?? [];
    listeners.push(listener);
    this.channelListeners.set(channel, listeners);
  }

  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retry);
    this.setLive(false);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new pg.Client({ connectionString: url, application_name: 'pactroom-changes' });
    client.on('notification', (message) =>
      this.dispatch(message.channel as FeedChannel, message.payload ?? ''),
    );
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, undefined));
    this.client = client;
    try {
      await client.connect();
      for (const channel of CHANNELS) {
        await client.query(`LISTEN ${channel}`);
      }
      this.retryMs = 500;
      this.setLive(true);
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) {
      return;
    }
    this.client = undefined;
    this.setLive(false);
    void client.end().catch(() => undefined);
    if (this.closing) {
      return;
    }
    this.logger.warn(
      { err: error },
      `change feed lost; caches off, retrying in ${this.retryMs} ms`,
    );
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
  }

  /** Going live or dropping out both empty the caches: what they hold may be stale either way. */
  private setLive(live: boolean): void {
    this.live = live;
    for (const listener of this.resetListeners) {
      listener();
    }
  }

  /**
   * Tells this process's caches at once of a change it has just committed itself (the database's
   * announcement follows and is harmless): the caller's next request must not wait for it.
   */
  changed(change: AccountChange): void {
    for (const listener of this.accountListeners) {
      listener(change);
    }
  }

  private dispatch(channel: FeedChannel, payload: string): void {
    if (channel !== ACCOUNTS) {
      for (const listener of this.channelListeners.get(channel) ?? []) {
        listener(payload);
      }
      return;
    }
    const [kind, userId] = payload.split(':');
    if ((kind !== 'a' && kind !== 's') || !userId) {
      return;
    }
    this.changed({ kind, userId });
  }
}

/** The change feed, one per process, for every module. */
@Global()
@Module({ providers: [ChangeFeed], exports: [ChangeFeed] })
export class ChangeFeedModule {}
