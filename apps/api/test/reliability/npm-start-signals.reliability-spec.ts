import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from '@jest/globals';
import { freePort } from '../../src/database/free-port.js';
import { isAlive } from '../../src/database/pid-alive.js';
import { waitFor } from './support/processes.js';

// `npm start` as people and process managers run it: in its own process group, stopped by SIGTERM
// to the npm process alone (systemd's default is the main process; `kill <pid>`; a container
// runtime), or by Ctrl-C, which the terminal sends to the whole group. Either way nothing of the run
// may stay behind (npm used to exit and leave node and its PostgreSQL serving, re-parented to PID 1),
// and the next start must reuse the data folder.

const TIMEOUT = 240_000;
const DEMO = { email: 'officer.ld.hastings@pactroom.test', password: 'pactroom-demo' };

/** Pids of every live process whose process group is `pgid` (from /proc; Linux only). */
function processGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces: state ppid pgrp.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') {
        pids.push(Number(entry));
      }
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

interface Run {
  readonly npm: ChildProcess;
  readonly pgid: number;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

const runs: Run[] = [];
const dirs: string[] = [];

/** Starts `npm start` in a process group of its own and waits until the API answers health. */
async function npmStart(dataDir: string, port: number, pgPort: number): Promise<Run> {
  const npm = spawn('npm', ['start'], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: '',
      PACTROOM_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PACTROOM_EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
    },
  });
  let text = '';
  npm.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  npm.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  if (npm.pid === undefined) {
    throw new Error('npm did not start');
  }
  const run: Run = { npm, pgid: npm.pid, output: () => text, exited };
  runs.push(run);
  await waitFor(
    `npm start to answer health on ${port}`,
    async () => {
      if (npm.exitCode !== null) {
        throw new Error(`npm start exited with ${npm.exitCode}:\n${text}`);
      }
      const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      return res?.status === 200;
    },
    180_000,
    100,
  );
  return run;
}

async function login(port: number): Promise<{ refreshToken: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { refreshToken: string };
}

/** Sends the signal as the case says and waits until every process of the run has gone. */
async function stop(run: Run, how: 'SIGTERM to npm' | 'SIGINT to the group'): Promise<void> {
  const before = processGroup(run.pgid);
  // npm, node and PostgreSQL's postmaster and its workers, all in npm's group.
  expect(before.length).toBeGreaterThanOrEqual(3);
  if (how === 'SIGTERM to npm') {
    process.kill(run.pgid, 'SIGTERM');
  } else {
    process.kill(-run.pgid, 'SIGINT');
  }
  await waitFor(
    `every process of the run to exit (${how})`,
    () => processGroup(run.pgid).length === 0,
    60_000,
  );
  await run.exited;
  expect(before.filter(isAlive)).toEqual([]);
}

afterEach(() => {
  // A failed case must not leave its group running for the next one.
  for (const run of runs.splice(0)) {
    for (const pid of processGroup(run.pgid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
});
afterAll(async () => {
  for (const dir of dirs) {
    await rm(dir, { recursive: true, force: true });
  }
});

it.each(['SIGTERM to npm', 'SIGINT to the group'] as const)(
  '%s stops the API and its PostgreSQL, and the next start reuses the data',
  async (how) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pactroom-npm-start-'));
    dirs.push(dataDir);
    const port = await freePort();
    const pgPort = await freePort();

    const first = await npmStart(dataDir, port, pgPort);
    expect(first.output()).toContain('initialising embedded PostgreSQL');
    const { refreshToken } = await login(port);
    await stop(first, how);
    // A clean shutdown removes the lock file; a killed postmaster would leave it behind.
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(first.output()).toContain('stopping the API and the embedded PostgreSQL');
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();

    const second = await npmStart(dataDir, port, pgPort);
    expect(second.output()).not.toContain('initialising embedded PostgreSQL');
    expect(second.output()).not.toContain('left running by an earlier process');
    expect(second.output()).toContain('database schema is up to date');
    // The session made before the stop is still there: same cluster, same JWT secret file.
    const refreshed = await fetch(`http://127.0.0.1:${port}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refreshed.status).toBe(200);
    await stop(second, how);
  },
  TIMEOUT,
);
