import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { composeMessage, digestHtml, digestText } from '@pactroom/notifications';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { JobQueue } from './job-queue.js';
import { MailTransport } from './mail-transport.js';
import { messageFactsOf, type DeliveryRow } from './message-facts.js';

const DIGEST_ROWS = `
  SELECT d.id, d.event_id AS "eventId", d.user_id AS "userId", d.to_address AS "toAddress",
         d.kind, d.status, d.attempts, e.kind AS "eventKind", e.pact_id AS "pactId",
         e.actor_user_id AS "actorUserId", e.data
    FROM email_deliveries d JOIN notification_events e ON e.id = d.event_id
   WHERE d.user_id = $1 AND d.status = 'digest'
   ORDER BY d.created_at
   FOR UPDATE OF d SKIP LOCKED`;

/**
 * The daily digest: once a day (`PACTROOM_DIGEST_HOUR_UTC`, a pg-boss cron schedule, so one
 * process runs it) each person who chose "daily digest" for some kinds gets one mail listing what
 * they were owed. Each person's deliveries are locked, sent and marked in one transaction, so a
 * crash or a second runner sends nothing twice.
 */
@Injectable()
export class DigestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    jobs.work('notify.digest', async () => {
      await this.sendDigests();
    });
    jobs.scheduleDaily('notify.digest', config.notifications.digestHourUtc);
  }

  /** Sends every owed digest; returns how many mails went. */
  async sendDigests(): Promise<number> {
    const people = await this.dataSource.query<{ userId: string }[]>(
      `SELECT DISTINCT user_id AS "userId" FROM email_deliveries WHERE status = 'digest'`,
    );
    let sent = 0;
    for (const { userId } of people) {
      sent += (await this.sendDigest(userId)) ? 1 : 0;
    }
    return sent;
  }

  private async sendDigest(userId: string): Promise<boolean> {
    const { publicUrl } = this.config.notifications;
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<DeliveryRow[]>(DIGEST_ROWS, [userId]);
      const first = rows[0];
      if (!first) {
        return false;
      }
      let greeting = 'Hello,';
      const messages = [];
      for (const row of rows) {
        const resolved = await messageFactsOf(manager, row, publicUrl);
        greeting = resolved.greeting;
        messages.push(composeMessage(resolved.facts));
      }
      const mailId = randomUUID();
      const footer = { preferencesUrl: `${publicUrl}/account/notifications` };
      const mail = {
        to: first.toAddress,
        subject: `Your Pactroom digest: ${messages.length} ${messages.length === 1 ? 'update' : 'updates'}`,
        text: digestText(greeting, messages, footer),
        html: digestHtml(greeting, messages, footer),
        messageId: `<digest-${mailId}@pactroom>`,
        headers: { 'X-Pactroom-Kind': 'digest' },
      };
      await this.transport.send(mail);
      await manager.query(
        `INSERT INTO outgoing_mail (id, to_address, subject, text_body, html_body, message_id, transport, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
        [mailId, mail.to, mail.subject, mail.text, mail.html, mail.messageId, this.transport.kind],
      );
      await manager.query(
        `UPDATE email_deliveries SET status = 'sent', sent_at = now(), mail_id = $2,
                attempts = attempts + 1 WHERE id = ANY($1)`,
        [rows.map((r) => r.id), mailId],
      );
      return true;
    });
  }
}
