import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { hashSync, verifySync } from '@node-rs/argon2';
import {
  HASH_PARAMS,
  HASH_THREAD_NICE,
  type HashRequest,
  type HashReply,
} from './hash-protocol.js';

/**
 * A password-hashing thread. argon2id is meant to be expensive (≈ 11 ms of CPU and 19 MiB here);
 * on the libuv pool a surge of logins took both cores and the rest of the API starved. This thread
 * hashes synchronously, one request at a time, and first lowers its own CPU priority (Linux: a
 * thread's id works as a pid for setpriority), so under contention reads and commands run first
 * and sign-ins wait. Elsewhere the priority stays as it is (reported to the pool).
 */
const port = parentPort;
if (!port) {
  throw new Error('password-hash.worker must run as a worker thread');
}

function lowerPriority(): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid)) {
      return false;
    }
    setPriority(tid, HASH_THREAD_NICE);
    return true;
  } catch {
    return false;
  }
}

port.postMessage({ ready: true, lowered: lowerPriority() } satisfies HashReply);
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
