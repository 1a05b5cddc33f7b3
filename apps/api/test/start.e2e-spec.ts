import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';

// Drives the built start script (`npm test` builds first) as a user would: cold start on a new
// data folder, health, a demo login, SIGTERM — and no PostgreSQL left running afterwards.
const main = join(process.cwd(), 'dist', 'apps', 'api', 'src', 'main.js');
let dataDir = '';

afterAll(async () => {
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
});

const postgresOf = (dir: string) => {
  try {
    return execFileSync('pgrep', ['-f', `postgres -D ${dir}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

async function waitForHealth(url: string, deadlineMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    try {
      const res = await fetch(url);
      if (res.status === 200) {
        return Date.now() - started;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not healthy within ${deadlineMs} ms`);
}

it('starts cold on an embedded PostgreSQL, serves the demo logins, and stops cleanly on SIGTERM', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pactroom-start-'));
  const port = 40_000 + Math.floor(Math.random() * 5_000);
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      LOG_PRETTY: 'false',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      PACTROOM_DATA_DIR: dataDir,
      PACTROOM_EMBEDDED_PG_PORT: String(port + 5_000),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const base = `http://127.0.0.1:${port}/api`;
    await waitForHealth(`${base}/health`, 15_000);
    expect(output).toContain('coord.lab.southeast@pactroom.test');
    expect(output).toContain('/api/docs');
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'officer.ld.hastings@pactroom.test',
        password: 'pactroom-demo',
      }),
    });
    expect(login.status).toBe(200);
    // The built app serves the pages from the build's copy of the templates and assets.
    const site = `http://127.0.0.1:${port}`;
    const home = await fetch(`${site}/`, { redirect: 'manual' });
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/sign-in?next=%2F');
    const signIn = await fetch(`${site}/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('Sign in to Pactroom');
    for (const asset of ['pactroom.css', 'pages.css', 'htmx.min.js', 'verify-certificate.js']) {
      expect((await fetch(`${site}/assets/${asset}`)).status).toBe(200);
    }
    expect(output).toContain(`open ${site}/ in a browser`);
    expect(postgresOf(dataDir)).not.toBe('');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(postgresOf(dataDir)).toBe('');
}, 60_000);
