import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { compiledWorkerFile } from '../common/worker-file.js';
import type { HashPriority, HashReply, HashRequest } from './hash-protocol.js';

type Job = {
  [K in HashRequest['op']]: Omit<Extract<HashRequest, { op: K }>, 'id'>;
}[HashRequest['op']];

interface Queued {
  job: Job;
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  busy: Queued | undefined;
}

/**
 * A fixed number of password-hashing threads (password-hash.worker.ts) fed from one FIFO queue.
 * The number bounds how much CPU hashing can take at once; the login route bounds how many
 * sign-ins may wait here (LoginAdmission). Threads start on first use; one that dies fails its
 * request and is replaced on the next.
 */
export class HashWorkers {
  private readonly logger = new Logger(HashWorkers.name);
  private readonly threads: Thread[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;
  private priorityLogged = false;

  constructor(
    private readonly size: number,
    private readonly priority: HashPriority,
  ) {}

  run(job: Job): Promise<string | boolean> {
    if (this.closed) {
      return Promise.reject(new Error('password hashing has shut down'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('password hashing has shut down');
    for (const queued of this.queue.splice(0)) {
      queued.reject(error);
    }
    await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find((t) => !t.busy) ?? this.spawn();
      if (!thread) {
        return;
      }
      const next = this.queue.shift();
      if (!next) {
        return;
      }
      thread.busy = next;
      thread.worker.postMessage({ ...next.job, id: this.nextId++ } satisfies HashRequest);
    }
  }

  private spawn(): Thread | undefined {
    if (this.threads.length >= this.size) {
      return undefined;
    }
    const worker = new Worker(compiledWorkerFile(import.meta.url, 'password-hash.worker.js'), {
      workerData: { priority: this.priority },
    });
    worker.unref();
    const thread: Thread = { worker, busy: undefined };
    worker.on('message', (reply: HashReply) => {
      if ('ready' in reply) {
        this.logPriority(reply.priority);
        return;
      }
      const done = thread.busy;
      thread.busy = undefined;
      if ('error' in reply) {
        done?.reject(new Error(reply.error));
      } else {
        done?.resolve(reply.value);
      }
      this.dispatch();
    });
    const fail = (error: Error) => {
      const i = this.threads.indexOf(thread);
      if (i >= 0) {
        this.threads.splice(i, 1);
      }
      thread.busy?.reject(error);
      thread.busy = undefined;
      if (!this.closed) {
        this.dispatch();
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`password hashing thread exited (${code})`)));
    this.threads.push(thread);
    return thread;
  }

  private logPriority(got: HashPriority | 'unchanged'): void {
    if (!this.priorityLogged && got !== this.priority) {
      this.priorityLogged = true;
      this.logger.warn(
        `password-hashing threads run at priority "${got}" instead of "${this.priority}" on this platform; a login surge may slow other routes`,
      );
    }
  }
}
