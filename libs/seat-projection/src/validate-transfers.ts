import { type Checked, type ScenarioProblem } from './problems.js';
import { type TransferRate, type TransferSet } from './transfer-sets.js';

/** Tolerance for row sums, so that 0.1 + 0.2 + 0.7 counts as 1. */
const ROW_SUM_SLACK = 1e-9;

/**
 * Checks a transfer set: every rate in [0, 1] with low ≤ central ≤ high, no pair twice, no party
 * transferring to itself, and each row's low, central and high values each summing to at most 1
 * (a voter cannot be transferred twice). Returns the problems; an empty list means valid.
 */
export function validateTransferSet(set: TransferSet): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const fail = (path: string, message: string) =>
    problems.push({ code: 'INVALID_TRANSFER_SET', path, message });
  if (typeof set.name !== 'string' || set.name.length === 0) {
    fail('transfers.name', 'a transfer set needs a name');
  }
  const kind: string = set.kind;
  if (kind !== 'evidence' && kind !== 'upper-bound' && kind !== 'custom') {
    fail('transfers.kind', `unknown kind ${kind}`);
  }
  const seen = new Set<string>();
  const sums = new Map<string, [number, number, number]>();
  set.rates.forEach((r, i) => {
    const path = `transfers.rates[${i}]`;
    if (!r.from || !r.to || r.from === r.to) {
      fail(path, `${r.from} → ${r.to} is not a transfer between two parties`);
      return;
    }
    const key = `${r.from}→${r.to}`;
    if (seen.has(key)) {
      fail(path, `${key} is given twice`);
    }
    seen.add(key);
    const values = [r.low, r.central, r.high];
    if (!values.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)) {
      fail(path, `${key}: rates must lie in [0, 1], got ${values.join(' / ')}`);
      return;
    }
    if (!(r.low <= r.central && r.central <= r.high)) {
      fail(path, `${key}: need low ≤ central ≤ high, got ${values.join(' / ')}`);
    }
    const sum = sums.get(r.from) ?? [0, 0, 0];
    sums.set(r.from, [sum[0] + r.low, sum[1] + r.central, sum[2] + r.high]);
  });
  for (const [from, sum] of sums) {
    (['low', 'central', 'high'] as const).forEach((level, j) => {
      if (sum[j] > 1 + ROW_SUM_SLACK) {
        fail(`transfers.${from}`, `${from}: ${level} rates sum to ${sum[j].toFixed(4)} > 1`);
      }
    });
  }
  return problems;
}

/** A rate as a user supplies it: one number (no uncertainty) or a low/central/high range. */
export type CustomRate =
  number | { readonly low: number; readonly central: number; readonly high: number };

/**
 * Builds and validates a custom transfer set from a matrix `{ from: { to: rate } }`. Returns the
 * set, or the list of problems (rates outside [0, 1], rows summing above 1…).
 */
export function customTransferSet(
  name: string,
  matrix: Readonly<Record<string, Readonly<Record<string, CustomRate>>>>,
  description = 'Custom transfer matrix supplied by the user.',
): Checked<TransferSet> {
  const rates: TransferRate[] = [];
  for (const [from, row] of Object.entries(matrix)) {
    for (const [to, rate] of Object.entries(row)) {
      const range = typeof rate === 'number' ? { low: rate, central: rate, high: rate } : rate;
      rates.push({ from, to, ...range, basis: 'custom', source: 'supplied by the user' });
    }
  }
  const set: TransferSet = { name, kind: 'custom', description, rates };
  const problems = validateTransferSet(set);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: set };
}
