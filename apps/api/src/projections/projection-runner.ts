import { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { compiledWorkerFile } from '../common/worker-file.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { FairQueue } from './fair-queue.js';
import { parsedElectionResults } from '../reference/election-files.js';
import { runProjectionJob, type ProjectionJob, type ProjectionOutcome } from './projection-jobs.js';
import { ProjectionErrors } from './projections.errors.js';

/** Deterministic projections this small take about a millisecond: run them inline. */
const INLINE_STAND_ASIDES = 64;

/** Who asks, and whether they still want the answer. */
export interface ProjectionTicket {
  /** The account the work is for (caps and fair turns); absent: the platform's own work. */
  readonly owner?: string;
  /** Aborted when the client has gone: queued work is dropped, running work stopped. */
  readonly signal?: AbortSignal;
}

interface Entry {
  readonly id: number;
  readonly job: ProjectionJob;
  readonly label: string;
  readonly owner: string;
  readonly resolve: (outcome: ProjectionOutcome) => void;
  readonly reject: (error: Error) => void;
  lastLogged: number;
  detach?: () => void;
}

interface Slot {
  worker: Worker | undefined;
  /** Shared with the worker: the id of the job it must stop (checked at every progress report). */
  readonly stop: Int32Array;
  current: Entry | undefined;
  /** Elections whose results this slot's worker has been sent (reset with a new worker). */
  readonly sent: Set<string>;
}

/**
 * Runs projections off the event loop. Small deterministic ones run inline; the rest go to a pool
 * of worker threads (`PACTROOM_PROJECTION_WORKERS`) through one bounded queue that serves accounts
 * in turn: one account's pile of Monte Carlo runs waits behind itself, not in front of everyone.
 * Each account may have `PACTROOM_PROJECTIONS_PER_USER` jobs queued or running (429
 * TOO_MANY_PROJECTIONS past it); a full queue answers 503 PROJECTIONS_BUSY with Retry-After. Work
 * whose client has gone is dropped from the queue, or stopped at its next progress report.
 */
@Injectable()
export class ProjectionRunner implements OnModuleDestroy {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly slots: Slot[];
  private readonly queue: FairQueue<Entry>;
  private readonly perOwner = new Map<string, number>();
  private nextId = 1;

  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {
    const { workers, queue } = config.projections;
    this.queue = new FairQueue(queue);
    this.slots = Array.from({ length: workers }, () => ({
      worker: undefined,
      stop: new Int32Array(new SharedArrayBuffer(4)),
      current: undefined,
      sent: new Set<string>(),
    }));
  }

  async run(
    job: ProjectionJob,
    label: string,
    ticket: ProjectionTicket = {},
  ): Promise<ProjectionOutcome> {
    if (
      job.kind !== 'suggest' &&
      job.draws === 0 &&
      job.scenario.standAsides.length <= INLINE_STAND_ASIDES
    ) {
      return runProjectionJob(job);
    }
    const owner = ticket.owner ?? 'platform';
    if (
      ticket.owner !== undefined &&
      (this.perOwner.get(owner) ?? 0) >= this.config.projections.perUser
    ) {
      throw ProjectionErrors.tooMany(this.config.projections.perUser);
    }
    if (ticket.signal?.aborted) {
      throw ProjectionErrors.cancelled();
    }
    return new Promise<ProjectionOutcome>((resolve, reject) => {
      const entry: Entry = { id: this.nextId++, job, label, owner, resolve, reject, lastLogged: 0 };
      if (!this.queue.push(owner, entry)) {
        reject(ProjectionErrors.busy());
        return;
      }
      this.perOwner.set(owner, (this.perOwner.get(owner) ?? 0) + 1);
      const signal = ticket.signal;
      if (signal) {
        const onAbort = () => this.cancel(entry);
        signal.addEventListener('abort', onAbort, { once: true });
        entry.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.dispatch();
    });
  }

  /** Jobs dropped or stopped because their client had gone, since start. */
  cancelled = 0;

  /** Jobs waiting and running, for tests and logs. */
  get load(): { queued: number; running: number } {
    return { queued: this.queue.size, running: this.slots.filter((s) => s.current).length };
  }

  async onModuleDestroy(): Promise<void> {
    const workers = this.slots.flatMap((s) => (s.worker ? [s.worker] : []));
    for (const slot of this.slots) {
      slot.worker = undefined;
    }
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current) {
        continue;
      }
      const entry = this.queue.shift();
      if (!entry) {
        return;
      }
      slot.current = entry;
      Atomics.store(slot.stop, 0, 0);
      const worker = this.workerOf(slot);
      // A worker's first job of an election brings the process's parsed results with it.
      const { election } = entry.job;
      const results = slot.sent.has(election) ? undefined : parsedElectionResults(election);
      if (results) {
        slot.sent.add(election);
      }
      worker.postMessage({ id: entry.id, job: entry.job, results });
    }
  }

  private cancel(entry: Entry): void {
    this.cancelled++;
    if (this.queue.remove(entry.owner, entry)) {
      this.settle(entry);
      entry.reject(ProjectionErrors.cancelled());
      return;
    }
    const slot = this.slots.find((s) => s.current === entry);
    if (slot) {
      Atomics.store(slot.stop, 0, entry.id);
    }
  }

  private settle(entry: Entry): void {
    entry.detach?.();
    const left = (this.perOwner.get(entry.owner) ?? 1) - 1;
    if (left > 0) {
      this.perOwner.set(entry.owner, left);
    } else {
      this.perOwner.delete(entry.owner);
    }
  }

  private finish(slot: Slot, outcome: ProjectionOutcome | Error): void {
    const entry = slot.current;
    slot.current = undefined;
    if (entry) {
      this.settle(entry);
      if (outcome instanceof Error) {
        entry.reject(outcome.message === 'cancelled' ? ProjectionErrors.cancelled() : outcome);
      } else {
        entry.resolve(outcome);
      }
    }
    this.dispatch();
  }

  private workerOf(slot: Slot): Worker {
    if (slot.worker) {
      return slot.worker;
    }
    slot.sent.clear();
    const worker = new Worker(compiledWorkerFile(import.meta.url, 'projection.worker.js'), {
      workerData: { stop: slot.stop },
    });
    worker.unref();
    worker.on(
      'message',
      (message: {
        id: number;
        progress?: { done: number; total: number };
        outcome?: ProjectionOutcome;
        error?: string;
      }) => {
        const entry = slot.current;
        if (!entry || entry.id !== message.id) {
          return;
        }
        if (message.progress) {
          const percent = Math.floor((100 * message.progress.done) / message.progress.total);
          if (percent >= entry.lastLogged + 25) {
            entry.lastLogged = percent - (percent % 25);
            this.logger.log(
              `${entry.label}: ${message.progress.done}/${message.progress.total} draws`,
            );
          }
          return;
        }
        this.finish(slot, message.outcome ?? new Error(message.error ?? 'projection failed'));
      },
    );
    // A dead worker fails its job and is replaced at the next dispatch.
    const lost = (error: Error) => {
      if (slot.worker === worker) {
        slot.worker = undefined;
        this.finish(slot, error);
      }
    };
    worker.on('error', lost);
    worker.on('exit', () => lost(new Error('projection worker exited')));
    slot.worker = worker;
    return worker;
  }
}
