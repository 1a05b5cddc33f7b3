import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { hashSync, verifySync } from '@node-rs/argon2';
import {
  HASH_PARAMS,
  LOW_NICE,
  type HashPriority,
  type HashReply,
  type HashRequest,
} from './hash-protocol.js';

/**
 * A password-hashing thread. argon2id is meant to be expensive (≈ 11 ms of CPU and 19 MiB here);
 * on the libuv pool a surge of logins took both cores and the rest of the API starved. This thread
 * hashes synchronously, one request at a time, and first lowers its own CPU priority (Linux: a
 * thread's id works as a pid for setpriority), so under contention reads and commands get more of
 * the CPU. Elsewhere the priority stays as it is (reported to the pool, which logs it).
 */
const port = parentPort;
if (!port) {
  throw new Error('password-hash.worker must run as a worker thread');
}

/** Lowers this thread's priority as asked; what it managed (Linux only). */
function lowerPriority(wanted: HashPriority): HashPriority | 'unchanged' {
  if (wanted === 'normal') {
    return 'normal';
  }
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), LOW_NICE);
    return 'low';
  } catch {
    return 'unchanged';
  }
}

port.postMessage({
  ready: true,
  priority: lowerPriority((workerData as { priority: HashPriority }).priority),
} satisfies HashReply);
port.on('message', (request: HashRequest) => {
  try {
    const value =
      request.op === 'hash'
        ? hashSync(request.password, HASH_PARAMS)
        : verifySync(request.hash, request.password);
    port.postMessage({ id: request.id, value } satisfies HashReply);
  } catch (error) {
    port.postMessage({
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    } satisfies HashReply);
  }
});
