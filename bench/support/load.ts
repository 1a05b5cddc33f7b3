// Runs one autocannon load in a child process (support/load-child.ts) and returns its summary.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One load run: requests (cycled, or each once with `amount`) against `url`. */
export interface LoadSpec {
  readonly label: string;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly requests: readonly { readonly path: string; readonly body?: string }[];
  readonly connections: number;
  /** Seconds to run (unless `amount` is set). */
  readonly durationS?: number;
  /** Total requests to send, then stop. */
  readonly amount?: number;
  /**
   * Requests per second, paced: `connections` single-connection autocannon instances, each sending
   * its share of every second, their seconds staggered evenly (see load-child.ts).
   */
  readonly rate?: number;
  /**
   * With `rate`: `burst` uses one autocannon instance with `overallRate` instead (each connection
   * sends its share at the start of every second) — cheaper for the load generator, for traffic
   * whose own latency is not measured (a login storm).
   */
  readonly burst?: boolean;
  readonly timeoutS?: number;
}

/** What a load run measured; latencies are of 2xx responses only, in milliseconds. */
export interface LoadResult {
  readonly label: string;
  /** 2xx responses. */
  readonly ok: number;
  /** Responses by status code. */
  readonly statuses: Record<string, number>;
  readonly errors: number;
  readonly timeouts: number;
  /** Non-2xx responses plus connection errors. */
  readonly failed: number;
  readonly wallMs: number;
  /** 2xx responses per second of wall time. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
  /** Requests built (sent or about to be). */
  readonly sent: number;
  /** Latency of the non-2xx responses (e.g. 429s), NaN when there were none. */
  readonly otherP50Ms: number;
  readonly otherP99Ms: number;
  /** CPU the load generator process used, % of one core. */
  readonly generatorCpuPct: number;
}

const CHILD = fileURLToPath(new URL('./load-child.js', import.meta.url));

/** Runs `spec` in a fresh `node` process and resolves with its result. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pactroom-load-'));
  const file = join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`load ${spec.label} failed (exit ${code}): ${stderr.trim() || stdout}`));
        return;
      }
      resolve(JSON.parse(line) as LoadResult);
    });
  });
}

/** Share of responses with `status`, 0–1. */
export function statusShare(result: LoadResult, status: number): number {
  const total = Object.values(result.statuses).reduce((s, n) => s + n, 0);
  return total === 0 ? 0 : (result.statuses[String(status)] ?? 0) / total;
}
