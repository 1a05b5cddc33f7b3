// Child processes of the API benchmarks: the app (`node dist/apps/api/src/main.js`), the bare
// baseline server, and `npm start` for the startup benchmark. Each is stopped by its own pid (or,
// for `npm start`, its own process group), never by name.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from '../../apps/api/src/database/pid-alive.js';

/** A server the bench started and waits on. */
export interface ServerProcess {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** The last 8 KiB of its stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Record<string, string | undefined>;
  readonly port: number;
  readonly cwd: string;
  /** Start it as the leader of its own process group (stop signals the whole group). */
  readonly group?: boolean;
  readonly timeoutMs?: number;
}

/** Resolves once GET /api/health answers 200, or rejects after `timeoutMs` or on early exit. */
export async function waitHealthy(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<number> {
  const started = process.hrtime.bigint();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `exited (${child.exitCode ?? child.signalCode}) before healthy:\n${output()}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) {
        return Number(process.hrtime.bigint() - started) / 1e6;
      }
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error(`not healthy within ${timeoutMs} ms:\n${output()}`);
}

/** Spawns a server and waits until it is healthy. */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.group ?? false,
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    name: options.name,
    port: options.port,
    url,
    child,
    output: () => tail,
    stop: () => stopChild(child, options.group ?? false),
  };
  try {
    await waitHealthy(url, child, options.timeoutMs ?? 60_000, () => tail);
  } catch (error) {
    await server.stop();
    throw new Error(`${options.name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return server;
}

/** SIGTERM (to the process, or its group), then SIGKILL after 15 s; resolves when it has exited. */
export async function stopChild(child: ChildProcess, group: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return;
  }
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(group ? -pid : pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const killed = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
  if (killed) {
    signal('SIGKILL');
    await exited;
  }
}

/**
 * Stops a PostgreSQL left running in `clusterDir` (its postmaster.pid names it): after a killed
 * `npm start`, its embedded server would otherwise outlive the bench.
 */
export async function stopLeftoverPostgres(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) {
    return;
  }
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 200 && isAlive(pid); i++) {
    await sleep(50);
  }
}
