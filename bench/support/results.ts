// bench/results.json: one array of entries, merged by `name` so each benchmark only replaces its own.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * One benchmark result. `ours` and `baseline` are in `unit`; `ratio` is ours ÷ baseline as
 * throughput (1 = as fast as the baseline). Extra fields (target, pass, notes…) are allowed.
 */
export interface BenchEntry {
  readonly name: string;
  readonly ours: number;
  readonly baseline: number;
  readonly unit: string;
  readonly ratio: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly wallMs: number;
  readonly [extra: string]: unknown;
}

/**
 * The repository root: the first ancestor of this file holding `package.json` and `libs/`, so the
 * bench finds its data whether it runs from `bench/` or from the compiled `dist/bench/`.
 */
export function repoRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'libs'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`no repository root above ${fileURLToPath(from)}`);
    }
    dir = parent;
  }
}

/** The machine a result was recorded on, stored with each entry. */
export function machine(): Record<string, string | number> {
  const list = cpus();
  return {
    cpu: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

function isEntry(value: unknown): value is BenchEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string'
  );
}

/**
 * Writes `entries` into the results file (a JSON array), replacing entries of the same name and
 * keeping the others in place; new names are appended. An unreadable file is replaced.
 */
export function mergeResults(file: string, entries: readonly BenchEntry[]): BenchEntry[] {
  let existing: BenchEntry[] = [];
  if (existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (Array.isArray(parsed)) {
        existing = parsed.filter(isEntry);
      }
    } catch {
      existing = [];
    }
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const merged = existing.map((e) => byName.get(e.name) ?? e);
  for (const e of entries) {
    if (!existing.some((old) => old.name === e.name)) {
      merged.push(e);
    }
  }
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}
