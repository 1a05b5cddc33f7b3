import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { repeatEvery, type Repeating } from '../common/repeat.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { withTryLock } from '../database/try-lock.js';
import { dueConsultations } from './consultation-store.js';
import { ConsultationsService } from './consultations.service.js';

const BATCH = 100;

/**
 * Closes consultations at their closing time, on the pacts' sweep interval: each gets its result
 * and its `pact.consultation_closed` event by the clock. One sweep at a time across processes (a
 * session advisory lock); a read before the sweep already shows the result (it is final: no stance
 * is taken after the closing time).
 */
@Injectable()
export class ConsultationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConsultationScheduler.name);
  private job: Repeating | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly consultations: ConsultationsService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.job = repeatEvery(
      this.config.pacts.expirySweepSeconds,
      () => this.sweep().then(() => undefined),
      (error) => this.logger.error({ err: error }, 'consultation sweep failed'),
    );
  }

  onApplicationShutdown(): void {
    this.job?.stop();
  }

  /** Closes every consultation due by `now`; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    const swept = await withTryLock(
      this.dataSource,
      'pactroom:consultation-sweep',
      async (runner) => {
        let closed = 0;
        for (;;) {
          const due = await dueConsultations(runner.manager, now, BATCH);
          closed += await this.consultations.closeDue(due);
          if (due.length < BATCH) {
            return closed;
          }
        }
      },
    );
    return swept ?? 0;
  }
}
