// What one API bench run does: its command-line flags, sizes, durations and targets, and its log.
import {
  MAX_PACT_COMMITMENTS,
  MAX_PACT_PARTICIPANTS,
  MAX_PACT_STAND_ASIDES,
} from '../../apps/api/src/pacts/dto/pact-limits.js';
import { msSince } from '../support/stats.js';

export const started = process.hrtime.bigint();

const args = process.argv.slice(2);
/** Short runs on 20,000 pacts, for development; results.json is not written. */
export const quick = args.includes('--quick');
/** The 100k app runs with --cpu-prof; a summary is printed. */
export const profile = args.includes('--profile');
/** Exit 1 when a target is missed. */
export const strict = args.includes('--strict');
export const only = new Set(
  (
    args.find((a) => a.startsWith('--only='))?.slice('--only='.length) ??
    'read,floor,page,sign,list,notify,login,flood,large,startup'
  )
    .split(',')
    .filter(Boolean),
);

export const ROUNDS = 3;
export const SECRET = 'pactroom-bench-secret-0123456789-abcdefghijklmnop';
/** The demo accounts' password. */
export const PASSWORD = 'pactroom-demo';
export const BIG = {
  pacts: quick ? 20_000 : 100_000,
  signPool: quick ? 8_000 : 30_000,
  seed: 2019,
};
export const SMALL = { pacts: 1_000, signPool: 300, seed: 2017 };
const S = (full: number, short: number) => (quick ? short : full);
export const READ = { connections: 16, warmS: 2, maxS: S(4, 2), rateS: S(4, 2) };
/** Paced runs: single-connection autocannon instances, staggered over the second. */
export const PACED_INSTANCES = 32;
export const SIGN = { connections: 16, warm: 300, max: S(1200, 600), rateS: S(3, 1) };
export const LIST = { connections: 1, warmS: S(1.5, 1), runS: S(3, 1.5) };
export const LOGIN = {
  connections: 4,
  warmS: 2,
  runS: S(4, 2),
  overloadS: S(4, 2),
  stormConnections: 64,
};
/** The projection flood: health paced at this rate, runs this long, and the slowdown target. */
export const FLOOD = { healthRps: 50, runS: S(8, 4), leadS: 2, maxSlowdown: 3 };
/**
 * notify-latency: `samples` signs timed one every `intervalMs`, idle and then under the sign-pact
 * load paced at `loadRate` signs/s (about the rate sign-pact's own p99 is measured at); deliveries
 * not seen within `waitS` of the last sign count as lost. Targets: p99 under load.
 */
export const NOTIFY = {
  samples: S(200, 50),
  intervalMs: 200,
  loadRate: 40,
  leadS: 2,
  waitS: 120,
  drainS: S(300, 120),
  sseP99: 1000,
  smtpP99: 30_000,
};
/** Seeded proposed pacts notify-latency signs: warm-up, samples idle and loaded, the load. */
export function notifyReserve(): number {
  const loadS = NOTIFY.leadS + (NOTIFY.samples * NOTIFY.intervalMs) / 1000 + 1;
  return 5 + 2 * NOTIFY.samples + Math.ceil(NOTIFY.loadRate * loadS);
}
/**
 * large-pact: pacts of (participants, stand-asides[, commitments of `commitmentChars` each]), each
 * size played `pacts` times with `reads` reads of each; the baseline before and after the others.
 * The last size is the API's limits (MAX_PACT_PARTICIPANTS, MAX_PACT_STAND_ASIDES,
 * MAX_PACT_COMMITMENTS of the longest text): the worst pact they allow.
 */
export interface LargeSize {
  readonly participants: number;
  readonly standAsides: number;
  readonly commitments?: number;
  readonly pacts: number;
}
export const LARGE = {
  baseline: { participants: 2, standAsides: 2, pacts: S(4, 2) } as LargeSize,
  sizes: [
    { participants: 20, standAsides: 20, pacts: S(2, 1) },
    { participants: 60, standAsides: 71, pacts: 1 },
    { participants: 131, standAsides: 71, pacts: 1 },
    {
      participants: MAX_PACT_PARTICIPANTS,
      standAsides: MAX_PACT_STAND_ASIDES,
      commitments: MAX_PACT_COMMITMENTS,
      pacts: 1,
    },
  ] as LargeSize[],
  commitmentChars: 2000,
  reads: S(10, 5),
};
export const TARGET = {
  readRatio: 0.6,
  floorRatio: 0.35,
  readP99: 25,
  signRatio: 0.4,
  signP99: 100,
  listGrowth: 1.3,
};

export function log(line: string): void {
  process.stdout.write(`[${(msSince(started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
}
