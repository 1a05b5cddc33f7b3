// The API as a child process running the built entry point, and bounded HTTP requests to it: what
// a fault test kills, signals and reads the log of, and whose answers (or silence) it judges.
import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';

/**
 * The built API entry point (`npm run test:reliability` builds first). PACTROOM_RELIABILITY_MAIN
 * points the tests at another build, e.g. a patched copy when checking a fix.
 */
export const MAIN =
  process.env.PACTROOM_RELIABILITY_MAIN ??
  join(process.cwd(), 'dist', 'apps', 'api', 'src', 'main.js');

/** Shared by every API process of a file, so tokens and checkpoints survive restarts. */
export const JWT_SECRET = 'reliability-secret-that-is-long-enough-for-hs256-0123456789';
export const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

/** How one API child process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running `node dist/apps/api/src/main.js`. */
export class ApiProcess {
  private log = '';
  private exit: Exit | undefined;
  readonly exited: Promise<Exit>;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    const append = (chunk: Buffer) => {
      this.log += chunk.toString();
      if (this.log.length > 400_000) {
        this.log = this.log.slice(-200_000);
      }
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Everything the process printed (the tail, if it printed a lot). */
  output(): string {
    return this.log;
  }

  /**
   * The distinct errors the API logged as unhandled (pino JSON lines at error level): message and
   * code, with how often each occurred — the evidence behind a 500.
   */
  unhandledErrors(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const line of this.log.split('\n')) {
      if (!line.startsWith('{')) {
        continue;
      }
      try {
        const entry = JSON.parse(line) as {
          msg?: string;
          err?: { type?: string; message?: string; code?: string };
        };
        if (entry.err) {
          const key = `${entry.msg ?? ''}: ${entry.err.type ?? ''} ${entry.err.code ?? ''} ${entry.err.message ?? ''}`;
          counts[key] = (counts[key] ?? 0) + 1;
        }
      } catch {
        // not a log entry
      }
    }
    return counts;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) {
      this.child.kill(signal);
    }
  }

  /** `kill -9`: no shutdown hook runs, open transactions are cut off mid-way. */
  async kill9(): Promise<Exit> {
    this.signal('SIGKILL');
    return this.exited;
  }

  /** SIGTERM (graceful), then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 15_000): Promise<Exit> {
    if (!this.running) {
      return this.exited;
    }
    this.signal('SIGCONT');
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** An HTTP answer; status 0: no answer (connection refused or cut), -1: timed out (a hang). */
export interface Reply<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly ms: number;
  readonly error?: string;
}

/** The error body of the API. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
}

/** One HTTP request with a bounded wait. */
export async function call<T = unknown>(
  api: ApiProcess | string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; key?: string; timeoutMs?: number } = {},
): Promise<Reply<T>> {
  const base = typeof api === 'string' ? api : api.base;
  const headers: Record<string, string> = {};
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  if (options.key) {
    headers['idempotency-key'] = options.key;
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const started = Date.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: body as T, ms: Date.now() - started };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      status: timedOut ? -1 : 0,
      body: null as T,
      ms: Date.now() - started,
      error: cause?.code ?? cause?.message ?? String(error),
    };
  }
}

/** `status code` of a reply, for readable assertion messages. */
export function outcome(reply: Reply): string {
  const code = (reply.body as Partial<ErrorBody> | null)?.code;
  return `${reply.status}${typeof code === 'string' ? ` ${code}` : ''}${reply.error ? ` (${reply.error})` : ''}`;
}
