import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { ChangeFeed } from '../database/change-feed.js';

/**
 * The rows a statement returned. TypeORM's plain `query` answers an UPDATE or DELETE with
 * `[rows, rowCount]` instead of the rows, and pg-boss fetches jobs with `UPDATE … RETURNING`, so
 * its jobs would arrive without their data; the structured result always carries the rows.
 */
async function rowsOf(
  manager: EntityManager,
  text: string,
  values: unknown[] | undefined,
): Promise<unknown[]> {
  if (manager.queryRunner) {
    const result: { records: unknown[] } = await manager.queryRunner.query(text, values, true);
    return result.records;
  }
  const runner = manager.connection.createQueryRunner();
  try {
    const result: { records: unknown[] } = await runner.query(text, values, true);
    return result.records;
  } finally {
    await runner.release();
  }
}

/** The queues of the notification pipeline; each has a dead-letter queue `<name>.dead`. */
export const QUEUES = ['notify.fanout', 'notify.email', 'notify.webhook'] as const;
export type QueueName = (typeof QUEUES)[number];

type Handler = (
  data: Record<string, unknown>,
  job: { id: string; retryCount: number },
) => Promise<void>;

/**
 * The job queue: pg-boss 10 on the app's own PostgreSQL (its schema `pgboss`, which pg-boss
 * creates and migrates at start). Chosen over graphile-worker because pg-boss 10 runs on Node 20
 * and 24 (graphile-worker 0.18 needs Node 22.18), has dead-letter queues and exponential retries
 * built in, and can insert a job through our transaction (`db` option), so a job exists exactly
 * when the change that caused it commits. Jobs are fetched with `SKIP LOCKED`, so every API
 * process works the same queues without taking a job twice.
 *
 * pg-boss polls; to answer within milliseconds rather than a polling interval, a committed outbox
 * row is announced on `pactroom_outbox` and every process wakes its workers at once.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly handlers = new Map<QueueName, Handler>();
  private readonly deadHandlers = new Map<QueueName, Handler>();
  private readonly workerIds: string[] = [];
  private boss: PgBoss | undefined;
  private started = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Registers the worker of a queue (before the app starts). It throws to be retried. */
  work(queue: QueueName, handler: Handler): void {
    this.handlers.set(queue, handler);
  }

  /** Registers what to do when a job of `queue` has failed its last retry. */
  onDead(queue: QueueName, handler: Handler): void {
    this.deadHandlers.set(queue, handler);
  }

  /** Inserts a job inside the caller's transaction: it exists exactly if that commits. */
  async send(
    manager: EntityManager,
    queue: QueueName,
    data: Record<string, unknown>,
  ): Promise<void> {
    const boss = this.requireBoss();
    const { retryDelaySeconds, retryLimit } = this.config.notifications;
    await boss.send(queue, data, {
      retryLimit,
      retryDelay: retryDelaySeconds,
      retryBackoff: true,
      deadLetter: `${queue}.dead`,
      expireInSeconds: 60,
      db: {
        executeSql: async (text, values) => ({ rows: await rowsOf(manager, text, values) }),
      },
    });
    await manager.query(`SELECT pg_notify('pactroom_outbox', $1)`, [queue]);
  }

  async onApplicationBootstrap(): Promise<void> {
    const boss = new PgBoss({
      db: {
        executeSql: async (text, values) => ({
          rows: await rowsOf(this.dataSource.manager, text, values),
        }),
      },
      schema: 'pgboss',
      // Completed jobs are kept a week for inspection; our own tables keep the delivery record.
      deleteAfterDays: 7,
      maintenanceIntervalSeconds: 120,
    });
    boss.on('error', (error) => this.logger.error({ err: error }, 'job queue'));
    this.boss = boss;
    await boss.start();
    for (const queue of QUEUES) {
      await boss.createQueue(`${queue}.dead`);
      await boss.createQueue(queue, { name: queue, deadLetter: `${queue}.dead` });
    }
    for (const [queue, handler] of this.handlers) {
      this.workerIds.push(await this.startWorker(boss, queue, handler));
    }
    for (const [queue, handler] of this.deadHandlers) {
      this.workerIds.push(await this.startWorker(boss, `${queue}.dead`, handler));
    }
    this.feed.on('pactroom_outbox', () => this.wake());
    this.started = true;
  }

  async onApplicationShutdown(): Promise<void> {
    this.started = false;
    await this.boss?.stop({ graceful: true, wait: true, timeout: 5_000 }).catch(() => undefined);
  }

  /** Wakes this process's workers (a job was just committed somewhere). */
  wake(): void {
    if (!this.started || !this.boss) {
      return;
    }
    for (const id of this.workerIds) {
      this.boss.notifyWorker(id);
    }
  }

  private startWorker(boss: PgBoss, name: string, handler: Handler): Promise<string> {
    return boss.work<Record<string, unknown>>(
      name,
      { pollingIntervalSeconds: 2, batchSize: 1, includeMetadata: true },
      async ([job]) => {
        if (job) {
          await handler(job.data, { id: job.id, retryCount: job.retryCount });
        }
      },
    );
  }

  private requireBoss(): PgBoss {
    if (!this.boss) {
      throw new Error('the job queue is not started');
    }
    return this.boss;
  }
}
