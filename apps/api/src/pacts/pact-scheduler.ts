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
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: PactCommandsService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { expirySweepSeconds } = this.config.pacts;
    if (expirySweepSeconds > 0) {
      this.timers.push(
        setInterval(
          () => void this.guard('expiry sweep', () => this.sweepExpired()),
          expirySweepSeconds * 1000,
        ),
      );
    }
    for (const timer of this.timers) {
      timer.unref();
    }
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) {
      clearInterval(timer);
    }
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

  private async guard(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error({ err: error }, `${what} failed`);
    }
  }
}
