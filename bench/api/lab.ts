// The processes one API bench run owns — its scratch PostgreSQL cluster, the apps and the bare
// baselines — and a load run measured against them: the CPU the server and the cluster spent, and
// what other work on the machine took meanwhile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../apps/api/src/database/free-port.js';
import type { ScratchCluster } from '../../apps/api/src/database/scratch-cluster.js';
import { clusterCpuMs, openWindow, processCpuMs, type Disturbance } from '../support/cpu.js';
import { runLoad, type LoadResult, type LoadSpec } from '../support/load.js';
import type { MailSink } from '../support/mail-sink.js';
import { startServer, type ServerProcess } from '../support/processes.js';
import { repoRoot } from '../support/results.js';
import { SECRET } from './settings.js';

/** A load run with the CPU the server process and the PostgreSQL cluster spent during it. */
export type Run = LoadResult &
  Disturbance & { readonly appCpuMs: number; readonly dbCpuMs: number };

export class Lab {
  readonly root = repoRoot();
  readonly workDir = mkdtempSync(join(tmpdir(), 'pactroom-bench-'));
  readonly profileDir = join(this.root, 'bench', '.work', 'profiles');
  private readonly running: ServerProcess[] = [];
  cluster: ScratchCluster | undefined;
  /** The scratch cluster's postmaster, whose process tree is "the database" in CPU accounting. */
  postmaster: number | undefined;
  /** The SMTP server the apps send their mail to (support/mail-sink.ts), once started. */
  mail: MailSink | undefined;

  /** The benchmark's own CPU outside this process tree: live servers and the PostgreSQL cluster. */
  readonly serversCpuMs = (): number =>
    this.running.reduce((sum, s) => sum + processCpuMs(s.child.pid), 0) +
    clusterCpuMs(this.postmaster);

  async measure(server: ServerProcess, spec: LoadSpec): Promise<Run> {
    const app0 = processCpuMs(server.child.pid);
    const db0 = clusterCpuMs(this.postmaster);
    const window = openWindow(this.serversCpuMs);
    const result = await runLoad(spec);
    const disturbance = window.close();
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`${server.name} died during ${spec.label}:\n${server.output()}`);
    }
    return {
      ...result,
      ...disturbance,
      appCpuMs: processCpuMs(server.child.pid) - app0,
      dbCpuMs: clusterCpuMs(this.postmaster) - db0,
    };
  }

  /** The app as `npm start` runs it (compiled), on `databaseUrl`, optionally CPU-profiled. */
  async startApp(
    name: string,
    databaseUrl: string,
    withProfile = false,
    extraEnv: Record<string, string> = {},
  ): Promise<ServerProcess> {
    const flags = withProfile ? ['--cpu-prof', `--cpu-prof-dir=${this.profileDir}`] : [];
    return this.start(
      name,
      databaseUrl,
      [...flags, join(this.root, 'dist', 'apps', 'api', 'src', 'main.js')],
      extraEnv,
    );
  }

  /** The bare fastify + pg baseline (support/baseline-server.ts) on `databaseUrl`. */
  startBaseline(name: string, databaseUrl: string): Promise<ServerProcess> {
    return this.start(name, databaseUrl, [
      join(this.root, 'dist', 'bench', 'support', 'baseline-server.js'),
    ]);
  }

  /** The read floor (support/floor-server.ts): JWT check and one primary-key look-up. */
  startFloor(name: string, databaseUrl: string): Promise<ServerProcess> {
    return this.start(name, databaseUrl, [
      join(this.root, 'dist', 'bench', 'support', 'floor-server.js'),
    ]);
  }

  async stopServer(server: ServerProcess): Promise<void> {
    const i = this.running.indexOf(server);
    if (i >= 0) {
      this.running.splice(i, 1);
    }
    await server.stop();
  }

  async stopServers(): Promise<void> {
    await Promise.all(this.running.splice(0).map((s) => s.stop()));
  }

  /** Stops the scratch cluster (the startup phase that may follow runs its own). */
  async closeCluster(): Promise<void> {
    await this.cluster?.dispose();
    this.cluster = undefined;
    this.postmaster = undefined;
  }

  /** Stops every server and the cluster, and removes the work folder; safe to call again. */
  async dispose(): Promise<void> {
    await this.stopServers();
    await this.closeCluster().catch(() => undefined);
    await this.mail?.close().catch(() => undefined);
    this.mail = undefined;
    rmSync(this.workDir, { recursive: true, force: true });
  }

  private async start(
    name: string,
    databaseUrl: string,
    args: string[],
    extraEnv: Record<string, string> = {},
  ): Promise<ServerProcess> {
    const port = await freePort();
    const server = await startServer({
      name,
      command: process.execPath,
      args,
      env: { ...this.env(databaseUrl, port), ...extraEnv },
      port,
      cwd: this.root,
    });
    this.running.push(server);
    return server;
  }

  private env(databaseUrl: string, port: number): Record<string, string | undefined> {
    return {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      PACTROOM_JWT_SECRET: SECRET,
      PACTROOM_DEMO: 'true',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      PACTROOM_CHECKPOINT_INTERVAL_SECONDS: '0',
      PACTROOM_EXPIRY_SWEEP_SECONDS: '0',
      PACTROOM_ACCESS_TOKEN_TTL_SECONDS: '7200',
      // sign-pact signs 150 pacts a second as one officer: a load test, not a person.
      PACTROOM_COMMANDS_PER_MINUTE: '1000000',
      // The login phase measures hashing capacity from one address; the per-account and
      // per-address shares of the in-flight cap (tested in login-in-flight.e2e-spec.ts) stay out.
      PACTROOM_LOGINS_IN_FLIGHT_PER_ACCOUNT: '10000',
      PACTROOM_LOGINS_IN_FLIGHT_PER_IP: '10000',
      PACTROOM_DATA_DIR: join(this.workDir, 'app-data'),
      // Mail goes over SMTP, as in production (which refuses to start without it), to the bench's
      // own sink; the notify phase times its arrival.
      PACTROOM_SMTP_URL: this.mail?.url,
    };
  }
}
