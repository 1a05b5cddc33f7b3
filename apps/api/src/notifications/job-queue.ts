import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { isConnectionError } from '../common/database-errors.js';
import { ChangeFeed } from '../database/change-feed.js';
import { JobWorker, type Handler } from './job-worker.js';

/**
 * The rows a statement returned. TypeORM's plain `query` answers an UPDATE or DELETE with
 * `[rows, rowCount]` instead of the rows, and pg-boss fetches jobs with `UPDATE … RETURNING`, so
 * its jobs would arrive without their data; the structured result always carries the rows.
 */
/** An idle worker looks for jobs this often even if no announcement arrives. */
const POLL_MS = 2_000;

const MARKS_JOBS = /select count\(\*\) from results\s*$/i;

/** The queues of the notification pipeline; each has a dead-letter queue `<name>.dead`. */
export const QUEUES = ['notify.fanout', 'notify.email', 'notify.webhook', 'notify.digest'] as const;
export type QueueName = (typeof QUEUES)[number];

/**
 * Workers per queue in each process (pg-boss 10 runs one job per worker at a time): a slow
 * webhook endpoint (up to the 10 s timeout) must not hold up every other party's deliveries.
 */
const WORKERS: Readonly<Record<QueueName, number>> = {
  'notify.fanout': 2,
  'notify.email': 4,
  'notify.webhook': 4,
  'notify.digest': 1,
};

/** pg-boss needs plain `pg` results; TypeORM's `query` reshapes UPDATE results. */
function transactionDb(manager: EntityManager): PgBoss.Db {
  const runner = manager.queryRunner;
  if (!runner) {
    throw new Error('a job is inserted inside a transaction');
  }
  return {
    executeSql: async (text, values) => {
      const client = (await runner.connect()) as pg.PoolClient;
      return client.query(text, values);
    },
  };
}

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
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly handlers = new Map<QueueName, Handler>();
  private readonly deadHandlers = new Map<QueueName, Handler>();
  private readonly workers: JobWorker[] = [];
  private readonly daily = new Map<QueueName, number>();
  private boss: PgBoss | undefined;
  private pool: pg.Pool | undefined;
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

  /** Runs `queue` once a day at `hourUtc` (a pg-boss cron schedule: one process runs it). */
  scheduleDaily(queue: QueueName, hourUtc: number): void {
    this.daily.set(queue, hourUtc);
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
      expireInSeconds: this.config.notifications.jobExpireSeconds,
      db: transactionDb(manager),
    });
    await manager.query(`SELECT pg_notify('pactroom_outbox', $1)`, [queue]);
  }

  async onApplicationBootstrap(): Promise<void> {
    const boss = new PgBoss({
      db: this.bookkeepingDb(),
      schema: 'pgboss',
      // Completed jobs are kept a week for inspection; our own tables keep the delivery record.
      deleteAfterDays: 7,
      // Finds the jobs of a process that died mid-job (past their expiry) and retries them.
      maintenanceIntervalSeconds: this.config.notifications.jobMaintenanceSeconds,
    });
    boss.on('error', (error) => this.logger.error({ err: error }, 'job queue'));
    this.boss = boss;
    await boss.start();
    for (const queue of QUEUES) {
      await boss.createQueue(`${queue}.dead`);
      await boss.createQueue(queue, { name: queue, deadLetter: `${queue}.dead` });
    }
    for (const [queue, handler] of this.handlers) {
      for (let i = 0; i < WORKERS[queue]; i++) {
        this.workers.push(new JobWorker(boss, queue, handler, POLL_MS, this.logger));
      }
    }
    for (const [queue, handler] of this.deadHandlers) {
      this.workers.push(new JobWorker(boss, `${queue}.dead`, handler, POLL_MS, this.logger));
    }
    for (const [queue, hour] of this.daily) {
      await boss.schedule(queue, `0 ${hour} * * *`, {}, { tz: 'UTC' });
    }
    this.feed.on('pactroom_outbox', () => this.wake());
    this.started = true;
  }

  /**
   * pg-boss's own connection: a small pool of its own (polling never competes with requests for
   * the app's connections). pg-boss 10 does not await marking a job done or failed, so a rejected
   * query there while PostgreSQL is unreachable would be an unhandled rejection and end the
   * process. Once started, a query that fails for want of a connection is therefore logged and
   * answered as if it changed nothing: a fetch finds nothing, a job whose completion was lost stays active and
   * is retried after its expiry — and its handler finds the delivery already done.
   */
  private bookkeepingDb(): PgBoss.Db {
    const pool = new pg.Pool({
      connectionString: (this.dataSource.options as { url?: string }).url,
      max: 2,
      application_name: 'pactroom-jobs',
      connectionTimeoutMillis: 5_000,
    });
    pool.on('error', (error) => this.logger.warn({ err: error }, 'job queue connection lost'));
    this.pool = pool;
    return {
      executeSql: async (text, values) => {
        try {
          return await pool.query(text, values);
        } catch (error) {
          if (this.started && isConnectionError(error)) {
            this.logger.warn({ err: error }, 'job queue: database unreachable, will retry');
            // Marking jobs done or failed ends in `SELECT COUNT(*) FROM results`, whose one row
            // pg-boss reads; every other query is read as a list.
            return { rows: MARKS_JOBS.test(text) ? [{ count: '0' }] : [] };
          }
          throw error;
        }
      },
    };
  }

  /**
   * Stops taking jobs before the app's database pool closes (Nest runs every
   * `beforeApplicationShutdown` before any `onApplicationShutdown`): each worker finishes the job
   * in hand on a live connection, then pg-boss stops and its pool closes.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    if (!boss || !this.started) {
      return;
    }
    this.started = false;
    await Promise.all(this.workers.map((worker) => worker.stop()));
    await boss.stop({ graceful: true, wait: true, timeout: 2_000 }).catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
  }

  /** Wakes this process's workers (a job was just committed somewhere). */
  wake(): void {
    if (!this.started) {
      return;
    }
    for (const worker of this.workers) {
      worker.wake();
    }
  }

  private requireBoss(): PgBoss {
    if (!this.boss) {
      throw new Error('the job queue is not started');
    }
    return this.boss;
  }
}
