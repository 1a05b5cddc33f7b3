import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { repeatEvery, type Repeating } from '../common/repeat.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { CheckpointService } from './checkpoint.service.js';

/**
 * Checkpoints the audit log every `PACTROOM_CHECKPOINT_INTERVAL_SECONDS` (every instance runs the
 * timer; the checkpoint's own advisory lock serialises them, and one with nothing new is a no-op).
 */
@Injectable()
export class AuditScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditScheduler.name);
  private job: Repeating | undefined;

  constructor(
    private readonly checkpoints: CheckpointService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.job = repeatEvery(
      this.config.audit.checkpointIntervalSeconds,
      () => this.checkpoints.createCheckpoint(),
      (error) => this.logger.error({ err: error }, 'checkpoint failed'),
    );
  }

  onApplicationShutdown(): void {
    this.job?.stop();
  }
}
