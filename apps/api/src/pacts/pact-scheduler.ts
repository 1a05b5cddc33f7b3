import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EXPIRABLE_STATUSES } from '@pactroom/negotiation';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { repeatEvery, type Repeating } from '../common/repeat.js';
import { sweepInBatches } from '../database/try-lock.js';
import { PactCommandsService } from './pact-commands.service.js';
import { duePacts } from './store/index.js';
import { Outbox } from '../notifications/outbox.js';

const HOUR_MS = 3_600_000;

const SWEEP_BATCH = 100;

/**
 * Periodic work on pacts: expire those past their respond-by, and warn the local parties that
 * have not signed a proposed pact 72 and 24 hours before it expires. Every instance runs the timer; a
 * session advisory lock lets only one sweep at a time. (Audit checkpoints: audit/audit-scheduler.ts.)
 */
@Injectable()
export class PactScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PactScheduler.name);
  private job: Repeating | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: PactCommandsService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly outbox: Outbox,
  ) {}

  onApplicationBootstrap(): void {
    this.job = repeatEvery(
      this.config.pacts.expirySweepSeconds,
      async () => {
        await this.sweepExpired();
        await this.sweepExpiring();
      },
      (error) => this.logger.error({ err: error }, 'expiry sweep failed'),
    );
  }

  onApplicationShutdown(): void {
    this.job?.stop();
  }

  /** Expires every pact past its deadline; returns how many. */
  async sweepExpired(): Promise<number> {
    return sweepInBatches(
      this.dataSource,
      'pactroom:expiry-sweep',
      SWEEP_BATCH,
      (runner) => duePacts(runner.manager, EXPIRABLE_STATUSES, SWEEP_BATCH),
      async (due) => {
        for (const id of due) {
          await this.commands.expirePact(id);
        }
        return due.length;
      },
    );
  }

  /**
   * Records a `pact.expiring` notice for every proposed pact whose respond-by is within 72 hours
   * (or 24). The dedupe key names the pact, the window and the respond-by, so however many sweeps
   * and processes find it, each notice is recorded once; a pact first seen inside 24 hours gets only
   * the 24-hour notice. Returns how many notices were recorded.
   */
  async sweepExpiring(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await manager.query<{ id: string; respondBy: Date }[]>(
        `SELECT id, respond_by AS "respondBy" FROM pacts
          WHERE status = 'proposed' AND respond_by > $1 AND respond_by <= $2
          ORDER BY respond_by LIMIT 1000`,
        [now, new Date(now.getTime() + 72 * HOUR_MS)],
      );
      let recorded = 0;
      for (const pact of due) {
        const left = new Date(pact.respondBy).getTime() - now.getTime();
        const window = left <= 24 * HOUR_MS ? '24h' : '72h';
        const respondBy = new Date(pact.respondBy).toISOString();
        const id = await this.outbox.record(manager, {
          kind: 'pact.expiring',
          pactId: pact.id,
          data: { window, respondBy },
          dedupeKey: `expiring:${pact.id}:${window}:${respondBy}`,
        });
        recorded += id ? 1 : 0;
      }
      return recorded;
    });
  }
}
