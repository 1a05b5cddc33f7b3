import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';

const WINDOW_MS = 60_000;

/**
 * At most `PACTROOM_COMMANDS_PER_MINUTE` pact commands (create, propose, counter, sign, …) per
 * account per minute, counted in PostgreSQL so every API instance shares the count. No officer
 * negotiates that fast; an account countering its own proposal a hundred times in seconds (its
 * history then swells for every reader) is stopped at the limit. Refused and rejected commands
 * count too: the count is taken before the command, in its own statement.
 *
 * The counters share the throttle bucket table with sign-ins (`command:<userId>` keys), and are
 * purged with them once their window has ended.
 */
@Injectable()
export class CommandThrottle {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async consume(userId: string, now: Date = new Date()): Promise<void> {
    const limit = this.config.pacts.commandsPerMinute;
    const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
    // A full counter is left as it is: one conditional upsert, no write for a refused command.
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO login_attempt_buckets (key, window_start, attempts) VALUES ($1, $2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET attempts = login_attempt_buckets.attempts + 1
        WHERE login_attempt_buckets.attempts < $3
       RETURNING attempts`,
      [`command:${userId}`, windowStart, limit],
    );
    if (rows.length === 0) {
      const retryAfter = Math.max(
        1,
        Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000),
      );
      throw new ApiError(
        429,
        'TOO_MANY_COMMANDS',
        `At most ${limit} pact commands a minute per account; try again in ${retryAfter} s.`,
        { limit, retryAfterSeconds: retryAfter },
        { 'retry-after': String(retryAfter) },
      );
    }
  }
}
