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
import { withTryLock } from '../database/try-lock.js';
import { PactCommandsService } from './pact-commands.service.js';
import { duePacts } from './store/index.js';

const SWEEP_BATCH = 100;

/**
 * Periodic work on pacts: expire those past their respond-by. Every instance runs the timer; a
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
  ) {}

  onApplicationBootstrap(): void {
    this.job = repeatEvery(
      this.config.pacts.expirySweepSeconds,
      () => this.sweepExpired(),
      (error) => this.logger.error({ err: error }, 'expiry sweep failed'),
    );
  }

  onApplicationShutdown(): void {
    this.job?.stop();
  }

  /** Expires every pact past its deadline; returns how many. */
  async sweepExpired(): Promise<number> {
    const swept = await withTryLock(this.dataSource, 'pactroom:expiry-sweep', async (runner) => {
      let expired = 0;
      for (;;) {
        const due = await duePacts(runner.manager, EXPIRABLE_STATUSES, SWEEP_BATCH);
        for (const id of due) {
          await this.commands.expirePact(id);
          expired++;
        }
        if (due.length < SWEEP_BATCH) {
          return expired;
        }
      }
    });
    return swept ?? 0;
  }
}
