import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';

/** One mail, fully rendered. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Stable across retries (`<delivery id@host>`): a receiver can tell it already has it. */
  readonly messageId: string;
  readonly headers: Record<string, string>;
}

/**
 * Sends over SMTP (`PACTROOM_SMTP_URL`) with nodemailer, or — with no SMTP configured, which
 * production refuses — keeps the mail for the development mailbox page only (`stored`).
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter | undefined;
  readonly from: string;

  constructor(@Inject(APP_CONFIG) config: ResolvedConfig) {
    const { smtpUrl, mailFrom } = config.notifications;
    this.from = mailFrom;
    this.transporter = smtpUrl
      ? nodemailer.createTransport({
          url: smtpUrl,
          // A few kept-open connections instead of one new connection per mail (measured by
          // `npm run bench -- --only=notify`: a new connection per mail capped delivery).
          pool: true,
          maxConnections: 4,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        } as Parameters<typeof nodemailer.createTransport>[0])
      : undefined;
    if (!smtpUrl) {
      this.logger.log('no PACTROOM_SMTP_URL: mail is kept for the development mailbox (/mailbox)');
    }
  }

  get kind(): 'smtp' | 'stored' {
    return this.transporter ? 'smtp' : 'stored';
  }

  /** Hands the mail to the SMTP server; resolves once it has accepted it. */
  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transporter) {
      return;
    }
    await this.transporter.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
    });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
