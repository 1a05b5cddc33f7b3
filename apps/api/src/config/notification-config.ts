import { isIP } from 'node:net';

/** Mail, links, retries and webhooks (issue 13). */
export interface NotificationConfig {
  /** `smtp://user:pass@host:port` or `smtps://…`; none: mail is kept for the dev mailbox page. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Where people reach the web app; the base of every link in a mail. */
  readonly publicUrl: string;
  /** First retry delay; it doubles each attempt (with jitter), `retryLimit` times. */
  readonly retryDelaySeconds: number;
  readonly retryLimit: number;
  /** The hour (UTC) the daily digest goes out. */
  readonly digestHourUtc: number;
  /** Webhook hosts an admin allows although they resolve to private or loopback addresses. */
  readonly webhookAllowedHosts: readonly string[];
  readonly webhookTimeoutMs: number;
  /** A job not finished this long after it started (its process died) is retried. */
  readonly jobExpireSeconds: number;
  /** How often pg-boss looks for such jobs (and does its other housekeeping). */
  readonly jobMaintenanceSeconds: number;
  readonly invitationTtlHours: number;
  readonly passwordResetTtlMinutes: number;
}

type Int = (name: string, fallback: number, min: number, max: number) => number;

/**
 * Reads the notification settings. Production refuses to start without SMTP: mail there is how
 * people learn of a move and receive their invitations, and storing it unseen would lose both.
 * The default retries (20 s doubling, 13 retries) spread over about three days before a delivery
 * is dead-lettered.
 */
export function parseNotificationConfig(
  env: Record<string, string | undefined>,
  mode: 'development' | 'production' | 'test',
  port: number,
  int: Int,
  problems: string[],
): NotificationConfig {
  const smtpUrl = env.PACTROOM_SMTP_URL || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]/.test(smtpUrl)) {
    problems.push('PACTROOM_SMTP_URL must be an smtp:// or smtps:// URL');
  }
  if (mode === 'production' && smtpUrl === undefined) {
    problems.push(
      'PACTROOM_SMTP_URL is required in production (mail is how people learn of moves)',
    );
  }
  const mailFrom = env.PACTROOM_MAIL_FROM || 'Pactroom <pactroom@localhost>';
  if (!/^[^<>\r\n]*<?[^@\s<>]+@[^@\s<>]+>?$/.test(mailFrom)) {
    problems.push(`PACTROOM_MAIL_FROM must be an address such as "Pactroom <pacts@example.org>"`);
  }
  const publicUrl = (env.PACTROOM_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) {
    problems.push('PACTROOM_PUBLIC_URL must be an http(s):// URL');
  }
  const allowed = (env.PACTROOM_WEBHOOK_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  const badHosts = allowed.filter((h) => isIP(h) === 0 && !/^[a-z0-9.-]+$/.test(h));
  if (badHosts.length > 0) {
    problems.push(
      `PACTROOM_WEBHOOK_ALLOWED_HOSTS: not a host name or address: ${badHosts.join(', ')}`,
    );
  }
  return {
    smtpUrl,
    mailFrom,
    publicUrl,
    retryDelaySeconds: int('PACTROOM_RETRY_DELAY_SECONDS', 20, 1, 3_600),
    retryLimit: int('PACTROOM_RETRY_LIMIT', 13, 0, 100),
    digestHourUtc: int('PACTROOM_DIGEST_HOUR_UTC', 7, 0, 23),
    webhookAllowedHosts: allowed,
    webhookTimeoutMs: int('PACTROOM_WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    // Longer than the slowest delivery can take (SMTP socket timeout 30 s, webhook 10 s).
    jobExpireSeconds: int('PACTROOM_JOB_EXPIRE_SECONDS', 60, 1, 3_600),
    jobMaintenanceSeconds: int('PACTROOM_JOB_MAINTENANCE_SECONDS', 30, 1, 3_600),
    invitationTtlHours: int('PACTROOM_INVITATION_TTL_HOURS', 7 * 24, 1, 30 * 24),
    passwordResetTtlMinutes: int('PACTROOM_PASSWORD_RESET_TTL_MINUTES', 30, 5, 24 * 60),
  };
}
