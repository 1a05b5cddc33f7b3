import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PrincipalCache } from '../auth/principal.cache.js';
import type { Principal } from '../auth/principal.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { ChangeFeed } from '../database/change-feed.js';
import { InboxCounts } from '../notifications/inbox-counts.js';
import { PactAudience } from '../pacts/pact-audience.js';

/** How long a browser waits before reconnecting a dropped stream (the `retry:` hint). */
const RETRY_MS = 5_000;
/** A client that lets this much pile up unread is too slow to keep: its stream is ended. */
const MAX_BUFFERED_BYTES = 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Why a stream may not be opened now, for a 429 or 503 answer. */
export interface LiveRefusal {
  readonly status: 429 | 503;
  readonly code: 'LIVE_STREAMS_PER_USER' | 'LIVE_STREAMS_FULL';
  readonly message: string;
}

interface Stream {
  principal: Principal;
  /** When the browser session ends (ms since the epoch): the stream ends with it. */
  readonly expiresAt: number;
  readonly response: ServerResponse;
}

/**
 * The browser's live-update streams (Server-Sent Events, `GET /live`) of this process. There is one
 * LISTEN connection per process (ChangeFeed); what PostgreSQL announces is fanned out here, in
 * memory, to the streams allowed to hear it:
 *
 * - `pact` (data: the pact's id) and `pact-<id>` (the same, named for pages showing that one
 *   pact), when a change to a pact the viewer may see commits — decided by `canView` on the pact
 *   read once per change, whatever the number of streams;
 * - `inbox` (data: the viewer's unread count) when their inbox changes, and once on opening;
 * - `end` (data: why) before the stream is closed for good: signed out, session expired or
 *   disabled account (re-checked at once on an account change, and at every heartbeat).
 *
 * A person may hold `liveStreamsPerUser` streams and the process `liveStreamsMax`; beyond them
 * the stream is refused (429, 503) and the browser retries later, so one account cannot take the
 * connections everyone needs.
 */
@Injectable()
export class LiveStreams implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveStreams.name);
  private readonly streams = new Set<Stream>();
  private readonly byUser = new Map<string, Set<Stream>>();
  /** Pacts being announced; true when another change came in meanwhile (announce again). */
  private readonly announcing = new Map<string, boolean>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    feed: ChangeFeed,
    private readonly principals: PrincipalCache,
    private readonly audience: PactAudience,
    private readonly inbox: InboxCounts,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    feed.on('pactroom_pacts', (payload) => this.pactChanged(payload.split(':', 1)[0] ?? ''));
    feed.on('pactroom_inbox', (userId) => void this.inboxChanged(userId));
    feed.onAccountChange(({ userId }) => void this.recheck(this.byUser.get(userId)));
  }

  onApplicationBootstrap(): void {
    this.heartbeat = setInterval(() => this.beat(), this.config.http.liveHeartbeatMs);
    this.heartbeat.unref();
  }

  /** Streams hold their connections open: end them first, or the server would wait on them. */
  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    for (const stream of [...this.streams]) {
      this.end(stream, 'shutdown');
    }
  }

  get size(): number {
    return this.streams.size;
  }

  /** Whether `userId` may open one more stream now; undefined when they may. */
  refusal(userId: string): LiveRefusal | undefined {
    const { liveStreamsPerUser, liveStreamsMax } = this.config.http;
    if ((this.byUser.get(userId)?.size ?? 0) >= liveStreamsPerUser) {
      return {
        status: 429,
        code: 'LIVE_STREAMS_PER_USER',
        message: `You already have ${liveStreamsPerUser} pages receiving live updates open; close one (this page still works, reload it to see changes).`,
      };
    }
    if (this.streams.size >= liveStreamsMax) {
      return {
        status: 503,
        code: 'LIVE_STREAMS_FULL',
        message: 'Live updates are busy right now; the page still works, reload it to see changes.',
      };
    }
    return undefined;
  }

  /**
   * Takes over the (hijacked) response as a stream for `principal` until the client goes away,
   * the session ends or the app stops. `headers` are those the app already set (security headers,
   * request id): a hijacked reply sends only what is written here.
   */
  open(
    principal: Principal,
    sessionExpiresAt: number,
    response: ServerResponse,
    headers: OutgoingHttpHeaders,
  ): void {
    const stream: Stream = { principal, expiresAt: sessionExpiresAt, response };
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // nginx and the like would otherwise hold events back in their buffers.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    response.socket?.setNoDelay(true);
    this.streams.add(stream);
    const mine = this.byUser.get(principal.userId) ?? new Set<Stream>();
    mine.add(stream);
    this.byUser.set(principal.userId, mine);
    // The response closes when the client goes away (or we end it).
    response.once('close', () => this.forget(stream));
    this.write(stream, `retry: ${RETRY_MS}\n: live updates for ${this.streams.size} streams\n\n`);
    void this.sendUnread(stream);
  }

  private forget(stream: Stream): void {
    this.streams.delete(stream);
    const mine = this.byUser.get(stream.principal.userId);
    mine?.delete(stream);
    if (mine?.size === 0) {
      this.byUser.delete(stream.principal.userId);
    }
  }

  private write(stream: Stream, text: string): void {
    const { response } = stream;
    if (response.writableEnded || response.destroyed) {
      this.forget(stream);
      return;
    }
    if (response.writableLength > MAX_BUFFERED_BYTES) {
      this.logger.warn(`live stream of ${stream.principal.userId} too slow to read: closed`);
      this.forget(stream);
      response.destroy();
      return;
    }
    response.write(text);
  }

  private send(stream: Stream, event: string, data: string): void {
    this.write(stream, `event: ${event}\ndata: ${data}\n\n`);
  }

  /** The browser closes its EventSource on `end` (`sse-close`) instead of reconnecting. */
  private end(stream: Stream, reason: string): void {
    this.send(stream, 'end', reason);
    this.forget(stream);
    stream.response.end();
  }

  private pactChanged(pactId: string): void {
    if (this.streams.size === 0 || !UUID.test(pactId)) {
      return;
    }
    if (this.announcing.has(pactId)) {
      this.announcing.set(pactId, true);
      return;
    }
    this.announcing.set(pactId, false);
    void this.announce(pactId);
  }

  /** Reads the pact once, then tells every stream whose viewer may see it. */
  private async announce(pactId: string): Promise<void> {
    try {
      const mayView = await this.audience.of(pactId);
      for (const stream of [...this.streams]) {
        if (mayView(stream.principal)) {
          this.send(stream, 'pact', pactId);
          this.send(stream, `pact-${pactId}`, pactId);
        }
      }
    } catch (error) {
      this.logger.error({ err: error }, `could not announce a change to pact ${pactId}`);
    } finally {
      const again = this.announcing.get(pactId) === true;
      this.announcing.delete(pactId);
      if (again) {
        this.pactChanged(pactId);
      }
    }
  }

  private async inboxChanged(userId: string): Promise<void> {
    const mine = this.byUser.get(userId);
    if (!mine) {
      return;
    }
    try {
      const unread = await this.inbox.unread(userId);
      for (const stream of mine) {
        this.send(stream, 'inbox', String(unread));
      }
    } catch (error) {
      this.logger.error({ err: error }, `could not count the inbox of ${userId}`);
    }
  }

  private async sendUnread(stream: Stream): Promise<void> {
    try {
      this.send(stream, 'inbox', String(await this.inbox.unread(stream.principal.userId)));
    } catch (error) {
      this.logger.error({ err: error }, 'could not count an inbox');
    }
  }

  /** Loads each stream's principal again (cached): a session gone or expired ends its stream. */
  private async recheck(streams: Iterable<Stream> | undefined): Promise<void> {
    for (const stream of [...(streams ?? [])]) {
      if (stream.expiresAt <= Date.now()) {
        this.end(stream, 'session-expired');
        continue;
      }
      const { userId, sessionId } = stream.principal;
      try {
        const principal = await this.principals.load(userId, sessionId);
        if (!principal) {
          this.end(stream, 'signed-out');
        } else {
          // New grants change what the viewer may see.
          stream.principal = principal;
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'could not re-check a live stream; kept for now');
      }
    }
  }

  private beat(): void {
    for (const stream of [...this.streams]) {
      this.write(stream, ': heartbeat\n\n');
    }
    void this.recheck(this.streams);
  }
}
