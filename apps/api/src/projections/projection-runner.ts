import { Worker } from 'node:worker_threads';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { compiledWorkerFile } from '../common/worker-file.js';
import { runProjectionJob, type ProjectionJob, type ProjectionOutcome } from './projection-jobs.js';

interface Pending {
  resolve: (outcome: ProjectionOutcome) => void;
  reject: (error: Error) => void;
  label: string;
  lastLogged: number;
}

/**
 * Runs projections. Deterministic ones (no draws) take about a millisecond and run inline; Monte
 * Carlo runs and suggestions go to one worker thread, one at a time, so the event loop stays free
 * and two large runs do not fight over the machine's two cores. Progress is logged every 25 %.
 */
@Injectable()
export class ProjectionRunner implements OnModuleDestroy {
  private readonly logger = new Logger(ProjectionRunner.name);
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  async run(job: ProjectionJob, label: string): Promise<ProjectionOutcome> {
    const cheap = job.kind !== 'suggest' && job.draws === 0;
    if (cheap) {
      return runProjectionJob(job);
    }
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<ProjectionOutcome>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, label, lastLogged: 0 });
      worker.postMessage({ id, job });
    });
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) {
      return this.worker;
    }
    const worker = new Worker(compiledWorkerFile(import.meta.url, 'projection.worker.js'));
    worker.unref();
    worker.on(
      'message',
      (message: {
        id: number;
        progress?: { done: number; total: number };
        outcome?: ProjectionOutcome;
        error?: string;
      }) => {
        const pending = this.pending.get(message.id);
        if (!pending) {
          return;
        }
        if (message.progress) {
          const percent = Math.floor((100 * message.progress.done) / message.progress.total);
          if (percent >= pending.lastLogged + 25) {
            pending.lastLogged = percent - (percent % 25);
            this.logger.log(
              `${pending.label}: ${message.progress.done}/${message.progress.total} draws`,
            );
          }
          return;
        }
        this.pending.delete(message.id);
        if (message.outcome) {
          pending.resolve(message.outcome);
        } else {
          pending.reject(new Error(message.error ?? 'projection failed'));
        }
      },
    );
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) {
        this.worker = undefined;
      }
      this.failAll(new Error('projection worker exited'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) {
      pending.reject(error);
    }
    this.pending.clear();
  }
}
