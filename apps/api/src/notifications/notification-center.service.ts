import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  composeMessage,
  DELIVERY_MODES,
  isPactKind,
  KIND_LABELS,
  PACT_KINDS,
  type DeliveryMode,
  type PactKind,
} from '@pactroom/notifications';
import { DataSource } from 'typeorm';
import { CommonErrors } from '../common/api-error.js';
import { decodeCursor, encodeCursor } from '../common/pagination.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { inboxPage, markItemRead, type InboxRow } from './inbox-store.js';
import { MailDeliveryService } from './mail-delivery.service.js';
import { factsOfNames } from './message-facts.js';
import { NotificationErrors } from './notifications.errors.js';

export const INBOX_PAGE_SIZE = 50;

/** One notification as the inbox shows it: in words, with names, never ids. */
export interface InboxEntry {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  /** What happened, in one sentence: the mail's headline. */
  readonly headline: string;
  readonly pactId: string | null;
  readonly pactTitle: string | null;
  /** Who acted and for which local party (or as coordinator of which region); null for the clock. */
  readonly actor: string | null;
  readonly at: Date;
  readonly read: boolean;
}

export interface InboxPage {
  readonly items: InboxEntry[];
  /** The cursor this page was asked for (null: the newest). */
  readonly before: string | null;
  /** The cursor of the next (older) page, or null on the last. */
  readonly older: string | null;
  readonly unread: number;
  /** Changes whenever what the page shows would (an item added or read, the count). */
  readonly version: string;
}

/** One row of the preferences table. */
export interface KindPreference {
  readonly kind: PactKind;
  readonly label: string;
  readonly mode: DeliveryMode;
}

/** What an unsubscribe link names, in words. */
export interface UnsubscribeTarget {
  readonly kind: PactKind;
  readonly label: string;
}

/** The timestamp part of an inbox cursor: what `to_json(timestamptz)` writes. */
const CREATED_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}:\d{2}|Z)$/;

/**
 * The use cases of a person's notifications: their inbox (read, mark read, open), their email
 * preferences per kind, and the one-click unsubscribe a mail links to. Everything is scoped to the
 * person: an item of someone else's is "not found", exactly like one that does not exist.
 */
@Injectable()
export class NotificationCenterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailDeliveryService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async inbox(userId: string, cursor?: unknown): Promise<InboxPage> {
    const before = this.decodeInboxCursor(cursor);
    const rows = await inboxPage(this.dataSource.manager, userId, INBOX_PAGE_SIZE + 1, before);
    const shown = rows.slice(0, INBOX_PAGE_SIZE);
    const last = shown.at(-1);
    const [{ unread = 0 } = {}] = await this.dataSource.query<{ unread: number }[]>(
      'SELECT count(*)::int AS unread FROM inbox_items WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    const items = shown.map((row) => this.entryOf(row));
    const older =
      rows.length > INBOX_PAGE_SIZE && last ? encodeCursor([last.createdKey, last.id]) : null;
    const state = [unread, older, ...items.map((i) => `${i.id}:${i.read ? 'r' : 'u'}`)].join(' ');
    const version = createHash('sha256').update(state).digest('base64url').slice(0, 16);
    return { items, before: before ? (cursor as string) : null, older, unread, version };
  }

  /** Marks one of the viewer's items read; anyone else's answers 404. */
  async markRead(userId: string, itemId: string): Promise<void> {
    if (!(await markItemRead(this.dataSource.manager, userId, itemId))) {
      throw NotificationErrors.itemNotFound();
    }
  }

  /** Marks the item read and gives the page it is about (the pact's, or the inbox). */
  async open(userId: string, itemId: string): Promise<string> {
    const item = await markItemRead(this.dataSource.manager, userId, itemId);
    if (!item) {
      throw NotificationErrors.itemNotFound();
    }
    if (item.consultationId) {
      return `/consultation/${item.consultationId}`;
    }
    return item.pactId ? `/pact/${item.pactId}` : '/inbox';
  }

  /** Marks every unread item of the viewer's read; how many were. */
  async markAllRead(userId: string): Promise<number> {
    const [{ marked = 0 } = {}] = await this.dataSource.query<{ marked: number }[]>(
      `WITH marked AS (
         UPDATE inbox_items SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id)
       SELECT count(*)::int AS marked FROM marked`,
      [userId],
    );
    return marked;
  }

  /** The person's mode for every pact kind; a kind without a row is sent immediately. */
  async preferences(userId: string): Promise<KindPreference[]> {
    const rows = await this.dataSource.query<{ kind: string; mode: DeliveryMode }[]>(
      'SELECT kind, mode FROM notification_preferences WHERE user_id = $1',
      [userId],
    );
    const chosen = new Map(rows.map((r) => [r.kind, r.mode]));
    return PACT_KINDS.map((kind) => ({
      kind,
      label: KIND_LABELS[kind],
      mode: chosen.get(kind) ?? 'immediately',
    }));
  }

  /**
   * Sets the modes given (kinds left out keep theirs). An unknown kind or mode changes nothing and
   * answers VALIDATION_FAILED naming each field; security mail has no setting (it is always sent).
   */
  async setPreferences(userId: string, modes: Readonly<Record<string, unknown>>): Promise<void> {
    const problems: { field: string; problems: string[] }[] = [];
    const valid: [PactKind, DeliveryMode][] = [];
    for (const [kind, mode] of Object.entries(modes)) {
      if (!isPactKind(kind)) {
        problems.push({ field: kind, problems: ['is not a kind of notification you can choose'] });
      } else if (!(DELIVERY_MODES as readonly unknown[]).includes(mode)) {
        problems.push({
          field: kind,
          problems: [`must be one of: ${DELIVERY_MODES.join(', ')}`],
        });
      } else {
        valid.push([kind, mode as DeliveryMode]);
      }
    }
    if (problems.length > 0) {
      throw CommonErrors.validation(problems);
    }
    if (valid.length === 0) {
      return;
    }
    // One statement: every mode is saved, or none. A row is kept even for `immediately` (the
    // default), so what the person chose stays visible; nothing is ever deleted.
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, kind, mode)
       SELECT $1, kind, mode FROM unnest($2::varchar[], $3::varchar[]) AS chosen(kind, mode)
       ON CONFLICT (user_id, kind) DO UPDATE SET mode = EXCLUDED.mode`,
      [userId, valid.map(([k]) => k), valid.map(([, m]) => m)],
    );
  }

  /** The kind an unsubscribe token names; forged, or for a kind with no setting, it is 404. */
  unsubscribeTarget(token: string): UnsubscribeTarget {
    const { kind } = this.named(token);
    return { kind, label: KIND_LABELS[kind] };
  }

  /** RFC 8058 one-click: the signed token is the authority, no session needed. */
  async unsubscribe(token: string): Promise<UnsubscribeTarget> {
    const named = this.named(token);
    const [user] = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM users WHERE id = $1',
      [named.userId],
    );
    if (!user) {
      throw NotificationErrors.unsubscribeNotFound();
    }
    await this.setPreferences(named.userId, { [named.kind]: 'off' });
    return { kind: named.kind, label: KIND_LABELS[named.kind] };
  }

  private named(token: string): { userId: string; kind: PactKind } {
    const named = this.mail.unsubscribe.read(token);
    if (!named || !isPactKind(named.kind)) {
      throw NotificationErrors.unsubscribeNotFound();
    }
    return { userId: named.userId, kind: named.kind };
  }

  private entryOf(row: InboxRow): InboxEntry {
    const facts = factsOfNames(row, row, this.config.notifications.publicUrl);
    return {
      id: row.id,
      kind: row.kind,
      label: isPactKind(row.kind) ? KIND_LABELS[row.kind] : row.kind,
      headline: composeMessage(facts).headline,
      pactId: row.pactId,
      pactTitle: row.title,
      actor: facts.actor ?? null,
      at: new Date(row.createdAt),
      read: row.readAt !== null,
    };
  }

  private decodeInboxCursor(cursor: unknown) {
    // A query string may repeat a parameter (`?before=a&before=b`): not a cursor this list made.
    if (cursor !== undefined && typeof cursor !== 'string') {
      throw NotificationErrors.badCursor();
    }
    const key = decodeCursor(cursor, ['string', 'uuid']);
    if (!key) {
      return undefined;
    }
    const [createdKey = '', id = ''] = key;
    if (!CREATED_KEY.test(createdKey) || Number.isNaN(Date.parse(createdKey))) {
      throw NotificationErrors.badCursor();
    }
    return { createdKey, id };
  }
}
