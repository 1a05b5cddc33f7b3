// CPU time of the processes under test, from /proc (Linux): how much of the machine a run cost the
// server and its database, per request — the evidence of where a missed target's time goes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Stat {
  readonly ppid: number;
  /** utime + stime of the process itself (all its threads). */
  readonly ownMs: number;
  /** cutime + cstime: CPU of children it has waited for. */
  readonly childrenMs: number;
}

function readStat(path: string): Stat | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    // The command name (field 2) may contain spaces; fields after it are space-separated.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const num = (i: number) => Number(fields[i - 3] ?? 0);
    return {
      ppid: num(4),
      ownMs: (num(14) + num(15)) * TICK_MS,
      childrenMs: (num(16) + num(17)) * TICK_MS,
    };
  } catch {
    return undefined;
  }
}

/** True where /proc can be read (Linux). */
export const cpuAccounting = existsSync('/proc/self/stat');

/** CPU milliseconds used so far by process `pid` (all threads). */
export function processCpuMs(pid: number | undefined): number {
  return pid === undefined ? 0 : (readStat(`/proc/${pid}/stat`)?.ownMs ?? 0);
}

/**
 * CPU milliseconds used so far by a PostgreSQL cluster: the postmaster, its live children
 * (backends, background workers) and, through the postmaster's cutime, the children it reaped.
 */
export function clusterCpuMs(postmasterPid: number | undefined): number {
  if (postmasterPid === undefined || !cpuAccounting) {
    return 0;
  }
  const main = readStat(`/proc/${postmasterPid}/stat`);
  if (!main) {
    return 0;
  }
  let total = main.ownMs + main.childrenMs;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const stat = readStat(join('/proc', entry, 'stat'));
    if (stat?.ppid === postmasterPid) {
      total += stat.ownMs;
    }
  }
  return total;
}

/**
 * CPU milliseconds so far of a process's main thread and of all its other threads, and how long the
 * main thread has waited, runnable, for a CPU (schedstat; 0 where the kernel does not keep it).
 */
export function threadCpuMs(pid: number | undefined): {
  main: number;
  others: number;
  mainWait: number;
} {
  if (pid === undefined || !cpuAccounting) {
    return { main: 0, others: 0, mainWait: 0 };
  }
  let main = 0;
  let others = 0;
  let mainWait = 0;
  try {
    const [, waitNs] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ');
    mainWait = Number(waitNs ?? 0) / 1e6;
  } catch {
    // no schedstat
  }
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const ms = readStat(`/proc/${pid}/task/${tid}/stat`)?.ownMs ?? 0;
      if (Number(tid) === pid) {
        main += ms;
      } else {
        others += ms;
      }
    }
  } catch {
    // the process is gone
  }
  return { main, others, mainWait };
}

/** The postmaster's pid of a cluster, from its data folder. */
export function postmasterPid(clusterDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Busy (user + system: time some process ran) and stolen CPU milliseconds of the whole machine so
 * far, all cores, from /proc/stat. Interrupt and softirq time is left out: it is mostly the kernel
 * moving the benchmark's own loopback traffic, which no process is charged for.
 */
function machineCpuMs(): { busy: number; steal: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, , , , , steal] = line.trim().split(/\s+/).map(Number);
    return {
      busy: ((user ?? 0) + (nice ?? 0) + (system ?? 0)) * TICK_MS,
      steal: (steal ?? 0) * TICK_MS,
    };
  } catch {
    return { busy: 0, steal: 0 };
  }
}

/** CPU milliseconds of this process and of every child it has waited for (load runs, starts). */
function selfTreeCpuMs(): number {
  const stat = readStat('/proc/self/stat');
  return stat ? stat.ownMs + stat.childrenMs : 0;
}

/** What the rest of the machine did while a measurement ran, in % of one core. */
export interface Disturbance {
  readonly wallMs: number;
  /** CPU used by processes that are not part of the benchmark (other work on this machine). */
  readonly foreignPct: number;
  /** CPU the hypervisor gave to other guests while this one wanted it (steal time). */
  readonly stealPct: number;
}

/**
 * Opens a measurement window: on `close()`, the machine's busy CPU minus the benchmark's own (this
 * process and the children it has reaped, plus `ownMs()`: live servers, the PostgreSQL cluster) is
 * what other work took. A noisy neighbour shows up here instead of silently in the latencies.
 */
export function openWindow(ownMs: () => number): { close(): Disturbance } {
  const own = () => selfTreeCpuMs() + ownMs();
  const started = process.hrtime.bigint();
  const machine0 = machineCpuMs();
  const own0 = own();
  return {
    close() {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const machine1 = machineCpuMs();
      const foreign = machine1.busy - machine0.busy - (own() - own0);
      return {
        wallMs,
        foreignPct: cpuAccounting ? Math.max(0, (100 * foreign) / wallMs) : 0,
        stealPct: cpuAccounting ? (100 * (machine1.steal - machine0.steal)) / wallMs : 0,
      };
    },
  };
}

/** The process group of `pid` (0 when unknown). */
export function processGroup(pid: number | undefined): number {
  if (pid === undefined) {
    return 0;
  }
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[2] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU milliseconds so far of every live process in group `pgid`, with the children they reaped. */
export function groupCpuMs(pgid: number): number {
  if (!cpuAccounting || pgid <= 0) {
    return 0;
  }
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && processGroup(Number(entry)) === pgid) {
      const stat = readStat(join('/proc', entry, 'stat'));
      total += stat ? stat.ownMs + stat.childrenMs : 0;
    }
  }
  return total;
}
