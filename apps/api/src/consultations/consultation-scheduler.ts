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
import { sweepInBatches } from '../database/try-lock.js';
import { Outbox } from '../notifications/outbox.js';
import { announceConsultation } from './consultation-events.js';
import { closingSoon, dueConsultations } from './consultation-store.js';
import { ConsultationsService } from './consultations.service.js';

const BATCH = 100;
const DAY_MS = 86_400_000;

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
    private readonly outbox: Outbox,
  ) {}

  onApplicationBootstrap(): void {
    this.job = repeatEvery(
      this.config.pacts.expirySweepSeconds,
      async () => {
        await this.sweep();
        await this.remindClosing();
      },
      (error) => this.logger.error({ err: error }, 'consultation sweep failed'),
    );
  }

  onApplicationShutdown(): void {
    this.job?.stop();
  }

  /** Closes every consultation due by `now`; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    return sweepInBatches(
      this.dataSource,
      'pactroom:consultation-sweep',
      BATCH,
      (runner) => dueConsultations(runner.manager, now, BATCH),
      (due) => this.consultations.closeDue(due),
    );
  }

  /**
   * Reminds the members who have not answered, once, when a consultation closes within 24 hours
   * (the dedupe key names it, so however many sweeps and processes find it, one reminder).
   * Returns how many reminders were recorded.
   */
  async remindClosing(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      let reminded = 0;
      for (const c of await closingSoon(manager, now, DAY_MS)) {
        const key = `consultation.closing:${c.id}`;
        if (
          await announceConsultation(
            manager,
            this.outbox,
            'consultation.closing',
            c,
            null,
            now,
            {},
            key,
          )
        ) {
          reminded++;
        }
      }
      return reminded;
    });
  }
}
