import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { composeMessage, isSecurityKind, mailHtml, mailText } from '@pactroom/notifications';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { JobQueue } from './job-queue.js';
import { MailTransport, type OutgoingMail } from './mail-transport.js';
import { messageFactsOf, type DeliveryRow } from './message-facts.js';
import { UnsubscribeTokens } from './unsubscribe-token.js';

const LOAD_DELIVERY = `
  SELECT d.id, d.event_id AS "eventId", d.user_id AS "userId", d.to_address AS "toAddress",
         d.kind, d.status, d.attempts, e.kind AS "eventKind", e.pact_id AS "pactId",
         e.actor_user_id AS "actorUserId", e.data
    FROM email_deliveries d JOIN notification_events e ON e.id = d.event_id
   WHERE d.id = $1 FOR UPDATE OF d`;

/**
 * The `notify.email` worker. It locks the delivery row while it sends, so two processes never send
 * one delivery at once; a delivery already sent is skipped (the idempotency of a retried job); the
 * mail is marked sent in the same transaction that locked it. The Message-ID is the delivery's id,
 * the same on every retry. A send that fails is counted and thrown, so the queue retries it with
 * backoff; after the last retry the delivery is `dead`, listed for an admin to replay.
 */
@Injectable()
export class MailDeliveryService {
  readonly unsubscribe: UnsubscribeTokens;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    this.unsubscribe = new UnsubscribeTokens(config.auth.jwtSecret);
    jobs.work('notify.email', async (data) => {
      await this.deliver(String(data.deliveryId));
    });
    jobs.onDead('notify.email', async (data) => {
      await this.dataSource.query(
        `UPDATE email_deliveries SET status = 'dead' WHERE id = $1 AND status = 'pending'`,
        [String(data.deliveryId)],
      );
    });
  }

  async deliver(deliveryId: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const [delivery] = await manager.query<DeliveryRow[]>(LOAD_DELIVERY, [deliveryId]);
        if (!delivery || delivery.status !== 'pending') {
          return;
        }
        const mail = await this.render(manager, delivery);
        await this.transport.send(mail);
        await this.recordSent(manager, delivery, mail);
      });
    } catch (error) {
      await this.dataSource.query(
        `UPDATE email_deliveries SET attempts = attempts + 1, last_error = $2 WHERE id = $1`,
        [deliveryId, error instanceof Error ? error.message.slice(0, 500) : String(error)],
      );
      throw error;
    }
  }

  /** Puts a dead (or stuck) delivery back in the queue: the admin's replay. */
  async replay(manager: EntityManager, deliveryId: string): Promise<boolean> {
    // A CTE, so the statement is a SELECT and its rows come back as rows (TypeORM reshapes an
    // UPDATE's result into [rows, count]).
    const rows = await manager.query<{ id: string }[]>(
      `WITH replayed AS (
         UPDATE email_deliveries SET status = 'pending', last_error = NULL
          WHERE id = $1 AND status IN ('dead', 'pending') RETURNING id)
       SELECT id FROM replayed`,
      [deliveryId],
    );
    if (rows.length === 0) {
      return false;
    }
    await this.jobs.send(manager, 'notify.email', { deliveryId });
    return true;
  }

  private async render(manager: EntityManager, delivery: DeliveryRow): Promise<OutgoingMail> {
    const { publicUrl } = this.config.notifications;
    const { greeting, facts } = await messageFactsOf(manager, delivery, publicUrl);
    const message = composeMessage(facts);
    const headers: Record<string, string> = { 'X-Pactroom-Kind': delivery.kind };
    let footer = {};
    if (!isSecurityKind(delivery.kind) && delivery.userId) {
      const token = this.unsubscribe.issue(delivery.userId, delivery.kind);
      headers['List-Unsubscribe'] = `<${publicUrl}/unsubscribe/${token}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      footer = { preferencesUrl: `${publicUrl}/account/notifications` };
    }
    return {
      to: delivery.toAddress,
      subject: message.subject,
      text: mailText(greeting, message, footer),
      html: mailHtml(greeting, message, footer),
      messageId: `<${delivery.id}@pactroom>`,
      headers,
    };
  }

  /**
   * Marks the delivery sent and keeps the mail. A link with a secret token (invitation, reset) is
   * kept only when the mail went nowhere else (the development mailbox needs it); after a real
   * send the kept copy and the event lose the token, so the database never holds a live one.
   */
  private async recordSent(manager: EntityManager, delivery: DeliveryRow, mail: OutgoingMail) {
    const mailId = randomUUID();
    const token = typeof delivery.data.token === 'string' ? delivery.data.token : null;
    const redact = (body: string) =>
      token && this.transport.kind === 'smtp'
        ? body.split(token).join('[link sent by mail]')
        : body;
    await manager.query(
      `INSERT INTO outgoing_mail (id, to_address, subject, text_body, html_body, message_id, transport, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [
        mailId,
        mail.to,
        mail.subject,
        redact(mail.text),
        redact(mail.html),
        mail.messageId,
        this.transport.kind,
      ],
    );
    await manager.query(
      `UPDATE email_deliveries SET status = 'sent', sent_at = now(), mail_id = $2, attempts = attempts + 1
        WHERE id = $1`,
      [delivery.id, mailId],
    );
    if (token && this.transport.kind === 'smtp') {
      await manager.query(`UPDATE notification_events SET data = data - 'token' WHERE id = $1`, [
        delivery.eventId,
      ]);
    }
  }
}
