import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { ElectionResults } from '@pactroom/election-data';
import { runProjectionJob, type ProjectionJob } from './projection-jobs.js';

/**
 * The projection worker thread: Monte Carlo runs take up to a second of CPU, which must not block
 * the API's event loop. Messages: `{id, job}` in; `{id, progress}` and `{id, outcome | error}` out.
 * The first job of an election carries its parsed results (`results`): the thread compiles its
 * baseline from them instead of reading and parsing the files again. `workerData.stop` is shared with the runner: when it holds the running job's id (its client has
 * gone), the job stops at its next progress report.
 */
const port = parentPort;
if (!port) {
  throw new Error('projection.worker must run as a worker thread');
}
const stop = (workerData as { stop: Int32Array }).stop;
// Projections are batch work: at nice 10, as the password hashing threads, requests and health
// checks get the CPU first when the machine is busy (Linux: a thread's id works as a pid).
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // another platform: the priority stays as it is
}
port.on('message', (message: { id: number; job: ProjectionJob; results?: ElectionResults }) => {
  runProjectionJob(
    message.job,
    (done, total) => {
      if (Atomics.load(stop, 0) === message.id) {
        throw new Error('cancelled');
      }
      port.postMessage({ id: message.id, progress: { done, total } });
    },
    message.results,
  ).then(
    (outcome) => port.postMessage({ id: message.id, outcome }),
    (error: unknown) =>
      port.postMessage({
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
