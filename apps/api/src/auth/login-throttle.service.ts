import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { AuthErrors } from './auth.errors.js';

/** One reservation of a login attempt, to be refunded if the password was right. */
export interface AttemptReservation {
  readonly keys: readonly string[];
  readonly windowStart: Date;
}

/**
 * Throttles failed logins with fixed-window counters in PostgreSQL (shared by all API instances),
 * the attacker rather than the owner (NIST SP 800-63B §5.2.2): per account *from one client
 * address* (5 a window: guesses from elsewhere cannot lock the owner out at their own address), per
 * account from all addresses together (100: a bound on guessing spread over many addresses), and
 * per address (30). An attempt first reserves a slot in every counter — atomically, so concurrent
 * guesses cannot overshoot — and a successful login refunds it; only failures count. An attempt
 * that finds a counter already full is refused without writing.
 */
@Injectable()
export class LoginThrottleService {
  private readonly windowMs: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    this.windowMs = config.auth.loginWindowSeconds * 1000;
  }

  async reserve(email: string, ip: string, now: Date): Promise<AttemptReservation> {
    const windowStart = new Date(Math.floor(now.getTime() / this.windowMs) * this.windowMs);
    // The pair is hashed: an email (up to 254 characters) and an IPv6 address would not fit the key.
    // It starts with the account's own hash so an unlock can find the account's buckets from every
    // address (clearAccountThrottle).
    const pair = createHash('sha256').update(`${email}\n${ip}`).digest('hex');
    const keys = [`${accountIpPrefix(email)}${pair}`, `account:${email}`, `ip:${ip}`];
    const { loginFailuresPerAccount, loginFailuresPerAccountTotal, loginAttemptsPerIp } =
      this.config.auth;
    const limits = [loginFailuresPerAccount, loginFailuresPerAccountTotal, loginAttemptsPerIp];
    // A bucket already at its limit refuses without a write: a flood of refused attempts then costs
    // one index lookup each, not an increment and a refund (two row writes, WAL) on a hot row.
    // The increment's own check below still decides races.
    const rows: { key: string; attempts: number }[] = await this.dataSource.query(
      `WITH full_bucket AS (
         SELECT 1 FROM login_attempt_buckets b
           JOIN unnest($1::varchar[], $3::int[]) AS l(key, lim) ON l.key = b.key
          WHERE b.window_start = $2 AND b.attempts >= l.lim
          LIMIT 1)
       INSERT INTO login_attempt_buckets (key, window_start, attempts)
       SELECT k, $2, 1 FROM unnest($1::varchar[]) AS k
        WHERE NOT EXISTS (SELECT 1 FROM full_bucket) ORDER BY k
       ON CONFLICT (key, window_start) DO UPDATE SET attempts = login_attempt_buckets.attempts + 1
       RETURNING key, attempts`,
      [keys, windowStart, limits],
    );
    if (rows.length === 0) {
      throw this.throttled(windowStart, now); // a counter was already full: nothing written
    }
    const limitOf = new Map(keys.map((key, i) => [key, limits[i] ?? 0]));
    const reservation = { keys, windowStart };
    if (rows.some((r) => r.attempts > (limitOf.get(r.key) ?? 0))) {
      await this.refund(reservation);
      throw this.throttled(windowStart, now);
    }
    return reservation;
  }

  private throttled(windowStart: Date, now: Date): Error {
    const retryAfter = Math.ceil((windowStart.getTime() + this.windowMs - now.getTime()) / 1000);
    return AuthErrors.throttled(Math.max(1, retryAfter));
  }

  async refund(reservation: AttemptReservation): Promise<void> {
    // Rows are locked in key order, as `reserve` takes them: a plain UPDATE … WHERE key = ANY may
    // lock them in table order instead, and then deadlocked with a concurrent reserve (seen as a
    // 409 between two processes).
    await this.dataSource.query(
      `UPDATE login_attempt_buckets b SET attempts = b.attempts - 1
         FROM (SELECT key FROM login_attempt_buckets
                WHERE key = ANY($1::varchar[]) AND window_start = $2
                ORDER BY key FOR UPDATE) locked
        WHERE b.key = locked.key AND b.window_start = $2 AND b.attempts > 0`,
      [reservation.keys, reservation.windowStart],
    );
  }
}

/** The start of every per-account-and-address bucket key of one account (normalised email). */
function accountIpPrefix(email: string): string {
  return `account-ip:${createHash('sha256').update(email).digest('hex').slice(0, 32)}:`;
}

/**
 * Unlocks an account (a manager's `unlock`): its failure counters — per account, and per account
 * and address, from every address — are set back to zero in the caller's transaction. The
 * per-address buckets are left alone: they belong to the address, not the account.
 */
export async function clearAccountThrottle(manager: EntityManager, email: string): Promise<void> {
  await manager.query(
    `UPDATE login_attempt_buckets SET attempts = 0
      WHERE attempts > 0 AND (key = $1 OR starts_with(key, $2))`,
    [`account:${email}`, accountIpPrefix(email)],
  );
}
