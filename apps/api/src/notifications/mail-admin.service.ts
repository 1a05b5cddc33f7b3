import { Inject, Injectable } from '@nestjs/common';
import { isAdmin } from '@pactroom/accounts';
import { KIND_LABELS, linkifyOwnUrls, type TextPiece } from '@pactroom/notifications';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { MailDeliveryService } from './mail-delivery.service.js';
import { NotificationErrors } from './notifications.errors.js';

const MAILBOX_LIMIT = 100;
const FAILING_LIMIT = 200;

export interface MailboxEntry {
  readonly id: string;
  readonly toAddress: string;
  readonly subject: string;
  readonly createdAt: Date;
}

export interface MailboxMail extends MailboxEntry {
  /** The plain text, as words and links to our own site (nothing else is linked). */
  readonly pieces: TextPiece[];
}

export interface FailingDelivery {
  readonly id: string;
  readonly toAddress: string;
  readonly kind: string;
  readonly label: string;
  readonly status: 'pending' | 'dead';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
}

export interface DeliveriesReport {
  /** How many deliveries have each status (statuses with none are 0). */
  readonly counts: { status: string; count: number }[];
  readonly failing: FailingDelivery[];
}

const STATUSES = ['pending', 'sent', 'digest', 'skipped', 'dead'] as const;

/**
 * Mail as operators see it: the development mailbox (mail kept because no SMTP server is
 * configured, never in production) and, for admins, the deliveries that failed, with replay.
 */
@Injectable()
export class MailAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailDeliveryService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Whether the development mailbox exists: mail is stored, and this is not production. */
  get mailboxOpen(): boolean {
    return this.config.notifications.smtpUrl === undefined && this.config.env !== 'production';
  }

  /** The newest kept mail, optionally only to one address (case-insensitive). */
  async mailbox(to?: string): Promise<MailboxEntry[]> {
    this.requireMailbox();
    const address = to?.trim() ?? '';
    return this.dataSource.query<MailboxEntry[]>(
      `SELECT id, to_address AS "toAddress", subject, created_at AS "createdAt"
         FROM outgoing_mail
        WHERE transport = 'stored' AND ($1 = '' OR lower(to_address) = lower($1))
        ORDER BY created_at DESC, id DESC
        LIMIT $2`,
      [address.slice(0, 254), MAILBOX_LIMIT],
    );
  }

  async mailboxMail(id: string): Promise<MailboxMail> {
    this.requireMailbox();
    const [row] = await this.dataSource.query<(MailboxEntry & { textBody: string })[]>(
      `SELECT id, to_address AS "toAddress", subject, created_at AS "createdAt",
              text_body AS "textBody"
         FROM outgoing_mail WHERE id = $1 AND transport = 'stored'`,
      [id],
    );
    if (!row) {
      throw NotificationErrors.mailNotFound();
    }
    const { textBody, ...entry } = row;
    return { ...entry, pieces: linkifyOwnUrls(textBody, this.config.notifications.publicUrl) };
  }

  /** Dead and failing email deliveries, newest first, and the count of each status: admins only. */
  async deliveries(principal: Principal): Promise<DeliveriesReport> {
    this.requireAdmin(principal);
    const counted = await this.dataSource.query<{ status: string; count: number }[]>(
      'SELECT status, count(*)::int AS count FROM email_deliveries GROUP BY status',
    );
    const failing = await this.dataSource.query<Omit<FailingDelivery, 'label'>[]>(
      `SELECT id, to_address AS "toAddress", kind, status, attempts, last_error AS "lastError",
              created_at AS "createdAt"
         FROM email_deliveries
        WHERE status = 'dead' OR (status = 'pending' AND attempts > 0)
        ORDER BY created_at DESC, id DESC
        LIMIT $1`,
      [FAILING_LIMIT],
    );
    return {
      counts: STATUSES.map((status) => ({
        status,
        count: counted.find((c) => c.status === status)?.count ?? 0,
      })),
      failing: failing.map((d) => ({
        ...d,
        label: (KIND_LABELS as Readonly<Record<string, string>>)[d.kind] ?? d.kind,
      })),
    };
  }

  /** Puts a dead delivery back in the queue (admins only); one no longer dead is a 409. */
  async replay(principal: Principal, deliveryId: string): Promise<void> {
    this.requireAdmin(principal);
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ status: string }[]>(
        'SELECT status FROM email_deliveries WHERE id = $1 FOR UPDATE',
        [deliveryId],
      );
      if (!row) {
        throw NotificationErrors.deliveryNotFound();
      }
      if (row.status !== 'dead' || !(await this.mail.replay(manager, deliveryId))) {
        throw NotificationErrors.notDead();
      }
    });
  }

  private requireMailbox(): void {
    if (!this.mailboxOpen) {
      throw NotificationErrors.mailboxNotFound();
    }
  }

  private requireAdmin(principal: Principal): void {
    if (!isAdmin(principal.grants)) {
      throw NotificationErrors.deliveryNotFound();
    }
  }
}
