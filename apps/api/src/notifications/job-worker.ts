import type { Logger } from '@nestjs/common';
import type PgBoss from 'pg-boss';

export type Handler = (
  data: Record<string, unknown>,
  job: { id: string; retryCount: number },
) => Promise<void>;

/**
 * One worker of one queue: take a job (pg-boss `fetch`, `FOR UPDATE SKIP LOCKED`), run it, mark it
 * done or failed — awaited, so a lost connection is an error we log, never an unhandled rejection —
 * and look again at once; with nothing to do, sleep until woken (a committed job is announced on
 * `pactroom_outbox`) or the polling interval passes. pg-boss keeps the queue itself: retries with
 * backoff, dead letters, and the retry of a job whose process died mid-way (its expiry).
 *
 * pg-boss's own `work()` loop was dropped: it waits out the polling interval after every job
 * unless woken, does not await marking a job done (a rejection there ended the process when
 * PostgreSQL restarted), and keeps checking on stopped workers after `stop()` resolves. Here
 * `stop()` resolves when the loop has ended.
 */
export class JobWorker {
  private running = true;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly boss: PgBoss,
    private readonly queue: string,
    private readonly handler: Handler,
    private readonly pollMs: number,
    private readonly logger: Logger,
  ) {
    this.loop = this.run();
  }

  /** Look for a job now (one may have just been committed). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Ends the loop once the job in hand (if any) is done; resolves when it has ended. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      const job = await this.fetch();
      if (!job) {
        await this.sleep();
        continue;
      }
      try {
        await this.handler(job.data, { id: job.id, retryCount: job.retryCount });
        await this.boss.complete(this.queue, job.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await this.boss
          .fail(this.queue, job.id, { message })
          .catch((failure: unknown) =>
            this.logger.warn({ err: failure, queue: this.queue }, 'could not mark a job failed'),
          );
      }
    }
  }

  private async fetch(): Promise<PgBoss.JobWithMetadata<Record<string, unknown>> | undefined> {
    try {
      const [job] = await this.boss.fetch<Record<string, unknown>>(this.queue, {
        includeMetadata: true,
      });
      return job;
    } catch (error) {
      this.logger.warn({ err: error, queue: this.queue }, 'could not fetch a job');
      return undefined;
    }
  }

  private sleep(): Promise<void> {
    if (this.woken || !this.running) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wakeUp = done;
    });
  }
}
