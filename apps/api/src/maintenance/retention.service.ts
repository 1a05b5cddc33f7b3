import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { repeatEvery, type Repeating } from '../common/repeat.js';
import { withTryLock } from '../database/try-lock.js';

const BATCH = 5_000;

/** Rows removed by one purge, per table. */
export interface PurgeReport {
  idempotencyKeys: number;
  refreshTokens: number;
  loginBuckets: number;
}

/**
 * Operational tables that would otherwise grow for ever are purged on a schedule (hourly by
 * default; one instance at a time, by advisory lock; in batches, so no long lock is held):
 *
 * - idempotency keys older than `PACTROOM_IDEMPOTENCY_KEY_TTL_HOURS` (24 h: a client retries within
 *   minutes; after that the same key acts again);
 * - refresh tokens past their expiry by a day (they can no longer be used, so their reuse needs no
 *   detecting; a live family keeps its live token);
 * - login throttle buckets whose window has ended.
 *
 * These are not records of what anyone agreed: pacts, revisions, signatures and the audit trail are
 * never deleted.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private job: Repeating | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.job = repeatEvery(
      this.config.retention.sweepSeconds,
      () => this.purgeExpired(),
      (error) => this.logger.error({ err: error }, 'retention purge failed'),
    );
  }

  onApplicationShutdown(): void {
    this.job?.stop();
  }

  /** Purges what has expired at `now`; null when another instance is purging. */
  async purgeExpired(now: Date = new Date()): Promise<PurgeReport | null> {
    return withTryLock(this.dataSource, 'pactroom:retention', async (runner) => {
      const { idempotencyKeyTtlHours } = this.config.retention;
      const purge = async (table: string, where: string, param: Date): Promise<number> => {
        let total = 0;
        for (;;) {
          const result = await runner.query(
            `DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE ${where} LIMIT ${BATCH})`,
            [param],
            true,
          );
          const deleted = result.affected ?? 0;
          total += deleted;
          if (deleted < BATCH) {
            return total;
          }
        }
      };
      const report = {
        idempotencyKeys: await purge(
          'idempotency_keys',
          'created_at < $1',
          new Date(now.getTime() - idempotencyKeyTtlHours * 3_600_000),
        ),
        refreshTokens: await purge(
          'refresh_tokens',
          'expires_at < $1',
          new Date(now.getTime() - 86_400_000),
        ),
        loginBuckets: await purge(
          'login_attempt_buckets',
          'window_start < $1',
          // Sign-in windows, and the command throttle's minute windows.
          new Date(now.getTime() - Math.max(this.config.auth.loginWindowSeconds, 60) * 1000),
        ),
      };
      if (report.idempotencyKeys + report.refreshTokens + report.loginBuckets > 0) {
        this.logger.log(
          `purged ${report.idempotencyKeys} idempotency keys, ${report.refreshTokens} refresh tokens, ${report.loginBuckets} login buckets`,
        );
      }
      return report;
    });
  }
}
