import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { CheckpointService } from './checkpoint.service.js';

/**
 * Checkpoints the audit log every `PACTROOM_CHECKPOINT_INTERVAL_SECONDS` (every instance runs the
 * timer; the checkpoint's own advisory lock serialises them, and one with nothing new is a no-op).
 */
@Injectable()
export class AuditScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditScheduler.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly checkpoints: CheckpointService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.audit.checkpointIntervalSeconds;
    if (seconds > 0) {
      this.timer = setInterval(() => void this.checkpoint(), seconds * 1000);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async checkpoint(): Promise<void> {
    try {
      await this.checkpoints.createCheckpoint();
    } catch (error) {
      this.logger.error({ err: error }, 'checkpoint failed');
    }
  }
}
