// `npm run bench`: the projection benchmarks, then the API benchmarks, each in its own process (so
// neither inherits the other's heap or JIT state), then one table of every entry of
// bench/results.json. Arguments are passed to both (--strict: exit 1 when a target is missed);
// --only=… is the API bench's alone, and `--only=…` without `projection` skips the projection bench.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchEntry, repoRoot } from './support/results.js';
import { msSince } from './support/stats.js';
import { entryRow, renderTable } from './support/table.js';

const started = process.hrtime.bigint();
const root = repoRoot();
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

let current: ChildProcess | undefined;
let stopped: NodeJS.Signals | undefined;
// A signal to `npm run bench` reaches this process only: pass it to the running bench, which stops
// its servers and PostgreSQL, and run nothing after it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopped = signal;
    current?.kill(signal);
  });
}

function run(script: string, scriptArgs: readonly string[]): Promise<number> {
  if (stopped) {
    return Promise.resolve(1);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [here(script), ...scriptArgs], { stdio: 'inherit' });
    current = child;
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const say = (line: string) =>
  process.stdout.write(`\n==== ${line} (${(msSince(started) / 1000).toFixed(1)} s) ====\n`);

const passThrough = args.filter((a) => !a.startsWith('--only='));
const codes: number[] = [];
if (!only || only.includes('projection')) {
  say('projection benchmarks');
  codes.push(await run('./projection.bench.js', passThrough));
}
const apiPhases = only
  ?.slice('--only='.length)
  .split(',')
  .filter((p) => p !== 'projection');
if (!only || (apiPhases && apiPhases.length > 0)) {
  say('API benchmarks');
  codes.push(
    await run('./api.bench.js', [
      ...passThrough,
      ...(apiPhases ? [`--only=${apiPhases.join(',')}`] : []),
    ]),
  );
}

if (stopped) {
  process.exit(stopped === 'SIGINT' ? 130 : 143);
}
const entries = JSON.parse(
  readFileSync(join(root, 'bench', 'results.json'), 'utf8'),
) as BenchEntry[];
say('all results (bench/results.json)');
process.stdout.write(`${renderTable(entries.map(entryRow))}\n`);
process.stdout.write(`\nwhole run ${(msSince(started) / 1000).toFixed(1)} s\n`);
if (codes.some((c) => c !== 0)) {
  process.exitCode = 1;
}
