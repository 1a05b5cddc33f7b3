// The console table of bench results, one row per results.json entry (sub-rows indented).
import type { BenchEntry } from './results.js';
import { fmt } from './stats.js';

/** A row: an entry, or an indented detail line under one. */
export interface TableRow {
  readonly name: string;
  readonly ours: number | null;
  readonly baseline: number | null;
  readonly unit: string;
  readonly ratio: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly wallMs: number | null;
  readonly target: string;
  readonly pass: boolean | null;
}

/** The table row of a results.json entry. */
export function entryRow(entry: BenchEntry): TableRow {
  return {
    name: entry.name,
    ours: entry.ours,
    baseline: entry.baseline,
    unit: entry.unit,
    ratio: entry.ratio,
    p50Ms: entry.p50Ms,
    p99Ms: entry.p99Ms,
    wallMs: entry.wallMs,
    target: typeof entry.target === 'string' ? entry.target : '-',
    pass: typeof entry.pass === 'boolean' ? entry.pass : null,
  };
}

const HEADER = [
  'name',
  'ours',
  'baseline',
  'unit',
  'ratio',
  'p50 ms',
  'p99 ms',
  'wall ms',
  'target',
  'pass',
];
const NUMERIC = new Set([1, 2, 4, 5, 6, 7]);

/** Renders rows as an aligned plain-text table. */
export function renderTable(rows: readonly TableRow[]): string {
  const cells = rows.map((r) => [
    r.name,
    fmt(r.ours),
    fmt(r.baseline),
    r.unit,
    fmt(r.ratio),
    fmt(r.p50Ms),
    fmt(r.p99Ms),
    fmt(r.wallMs),
    r.target,
    r.pass === null ? '(info)' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = HEADER.map((h, c) => Math.max(h.length, ...cells.map((r) => (r[c] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) =>
        NUMERIC.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(HEADER), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
