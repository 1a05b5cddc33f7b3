// The load generator process: `node load-child.js <spec.json>` runs autocannon against one server
// and prints one JSON line (LoadResult) on stdout. It runs apart from the servers under test so its
// own CPU use never shares their event loop. Latencies are recorded per 2xx response at
// sub-millisecond precision (autocannon's own histogram keeps whole milliseconds).
//
// Closed loop (no `rate`): one autocannon instance with `connections` connections.
// Paced (`rate`): autocannon's -R sends each connection's share of a second back to back at the
// start of the second, so at "half the maximum rate" the server would still be saturated for half
// of every second and the latency measured would be that of a burst. Instead, `connections`
// single-connection instances each send rate/connections per second, their seconds staggered
// evenly (instance i starts i/connections s late): requests arrive spread over the second.
import { readFileSync } from 'node:fs';
import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';
import type { LoadResult, LoadSpec } from './load.js';

const specFile = process.argv[2];
if (!specFile) {
  throw new Error('usage: load-child.js <spec.json>');
}
const spec = JSON.parse(readFileSync(specFile, 'utf8')) as LoadSpec;
if (spec.requests.length === 0) {
  throw new Error('a load spec needs at least one request');
}

// One request template whose setupRequest hands out the spec's requests in order, shared by all
// connections and instances: with `amount` equal to the list's length every request is sent
// exactly once (each pact signed once), otherwise the list is cycled.
let next = 0;
const template = (): AutocannonRequest => ({
  method: spec.method,
  setupRequest: (request) => {
    const item = spec.requests[next % spec.requests.length];
    next++;
    return { ...request, path: item?.path, body: item?.body };
  },
});

let latencies = new Float64Array(1 << 16);
let recorded = 0;
/** Latencies of the other (non-2xx) responses, e.g. how fast a 429 comes back. */
const otherLatencies: number[] = [];
const statuses: Record<string, number> = {};
let errors = 0;
let timeouts = 0;

/** Splits `total` into `parts` integers that differ by at most one. */
const share = (total: number, parts: number, i: number) =>
  Math.floor(total / parts) + (i < total % parts ? 1 : 0);

function run(connections: number, rate?: number, amount?: number): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections,
        pipelining: 1,
        // autocannon refuses keys that are present but undefined
        ...(amount === undefined ? { duration: spec.durationS } : { amount }),
        ...(rate === undefined ? {} : { overallRate: rate }),
        timeout: spec.timeoutS ?? 10,
        method: spec.method,
        headers: { 'content-type': 'application/json', ...spec.headers },
        requests: [template()],
        ignoreCoordinatedOmission: rate !== undefined,
        skipAggregateResult: true,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      const code = String(statusCode);
      statuses[code] = (statuses[code] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) {
        if (recorded === latencies.length) {
          const grown = new Float64Array(latencies.length * 2);
          grown.set(latencies);
          latencies = grown;
        }
        latencies[recorded++] = ms;
      } else {
        otherLatencies.push(ms);
      }
    });
    instance.on('reqError', () => {
      errors++;
    });
  });
}

const started = process.hrtime.bigint();
let results: AutocannonResult[];
const paced = spec.rate !== undefined && spec.burst !== true;
const instances = paced
  ? Math.max(1, Math.min(spec.connections, spec.rate ?? 1, spec.amount ?? Infinity))
  : 1;
if (!paced || spec.rate === undefined) {
  results = [await run(spec.connections, spec.rate, spec.amount)];
} else {
  const n = instances;
  const rate = spec.rate;
  // With `amount`, each instance gets a share proportional to its rate, so all run equally long.
  const total = spec.amount;
  const amounts = Array.from({ length: n }, (_, i) =>
    total === undefined ? undefined : Math.floor((share(rate, n, i) * total) / rate),
  );
  if (total !== undefined) {
    const missing = total - amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0);
    for (let i = 0; i < missing; i++) {
      amounts[i % n] = (amounts[i % n] ?? 0) + 1;
    }
  }
  results = await Promise.all(
    Array.from(
      { length: n },
      (_, i) =>
        new Promise<AutocannonResult>((resolve, reject) => {
          setTimeout(
            () => {
              if (amounts[i] === 0) {
                resolve({ errors: 0, timeouts: 0 } as AutocannonResult); // nothing left to send
                return;
              }
              run(1, Math.max(1, share(rate, n, i)), amounts[i]).then(resolve, reject);
            },
            Math.floor((i * 1000) / n),
          );
        }),
    ),
  );
}
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
function nearestRank(values: number[], q: number): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN);
}
for (const r of results) {
  errors += r.errors;
  timeouts += r.timeouts;
}
const sorted = latencies.slice(0, recorded).sort();
const at = (q: number) =>
  recorded === 0 ? Number.NaN : (sorted[Math.min(recorded - 1, Math.ceil(q * recorded) - 1)] ?? 0);
const ok = Object.entries(statuses)
  .filter(([code]) => code.startsWith('2'))
  .reduce((sum, [, n]) => sum + n, 0);
// Paced instances start up to a second apart and each runs about as long: rates are per instance.
const staggerMs = paced ? Math.floor(((instances - 1) * 1000) / instances) : 0;
const out: LoadResult = {
  label: spec.label,
  ok,
  statuses,
  errors,
  timeouts,
  failed: Object.values(statuses).reduce((sum, n) => sum + n, 0) - ok + errors,
  wallMs,
  rps: (ok * 1000) / Math.max(1, wallMs - staggerMs),
  p50Ms: at(0.5),
  p90Ms: at(0.9),
  p99Ms: at(0.99),
  maxMs: recorded === 0 ? Number.NaN : (sorted[recorded - 1] ?? 0),
  meanMs: recorded === 0 ? Number.NaN : sorted.reduce((s, v) => s + v, 0) / recorded,
  sent: next,
  otherP50Ms: nearestRank(otherLatencies, 0.5),
  otherP99Ms: nearestRank(otherLatencies, 0.99),
  generatorCpuPct: (() => {
    const { user, system } = process.cpuUsage();
    return (100 * (user + system)) / 1000 / wallMs;
  })(),
};
process.stdout.write(`${JSON.stringify(out)}\n`);
