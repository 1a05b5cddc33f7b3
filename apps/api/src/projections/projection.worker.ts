import { parentPort } from 'node:worker_threads';
import { runProjectionJob, type ProjectionJob } from './projection-jobs.js';

/**
 * The projection worker thread: Monte Carlo runs take up to a second of CPU, which must not block
 * the API's event loop. Messages: `{id, job}` in; `{id, progress}` and `{id, outcome | error}` out.
 */
const port = parentPort;
if (!port) {
  throw new Error('projection.worker must run as a worker thread');
}
port.on('message', (message: { id: number; job: ProjectionJob }) => {
  runProjectionJob(message.job, (done, total) =>
    port.postMessage({ id: message.id, progress: { done, total } }),
  ).then(
    (outcome) => port.postMessage({ id: message.id, outcome }),
    (error: unknown) =>
      port.postMessage({
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
