// What every API bench phase is given, and what it gives back.
import type { ScratchCluster } from '../../apps/api/src/database/scratch-cluster.js';
import type { LoadSpec } from '../support/load.js';
import type { ServerProcess } from '../support/processes.js';
import { type BenchEntry, machine } from '../support/results.js';
import type { SeedReport, SignTarget } from '../support/seed.js';
import type { TableRow } from '../support/table.js';
import { shuffle } from './client.js';
import type { Lab } from './lab.js';
import { READ } from './settings.js';

/** Where an entry was recorded, stored with it. */
export const recorded = { machine: machine(), recordedAt: new Date().toISOString() };

/** The seeded databases and the servers running on them, app and baseline side by side. */
export interface Stage {
  readonly lab: Lab;
  readonly database: ScratchCluster['database'];
  /** Access tokens of the two officers the benchmarks act as. */
  readonly tokens: { readonly ldHastings: string; readonly labLewes: string };
  /** The 100,000-pact database (`pactroom`). */
  readonly big: SeedReport;
  readonly appBig: ServerProcess;
  readonly baseBig: ServerProcess;
  /** On the 1,000-pact database (`pactroom_small`); only started for list-pacts. */
  readonly appSmall: ServerProcess | undefined;
  readonly baseSmall: ServerProcess | undefined;
  /** The big database's proposed pacts awaiting the Lewes Labour officer, for sign-pact. */
  readonly signPool: SignTarget[];
  /**
   * Others, set aside for notify-latency (notifyReserve() of them, taken from the end of the
   * seeded pool), so sign-pact's repeated rounds cannot use them up.
   */
  readonly notifyPool: SignTarget[];
}

/** A phase's entry for results.json, and the rows it adds under it in the printed table. */
export interface PhaseResult {
  readonly entry: BenchEntry;
  readonly extraRows?: TableRow[];
}

/** GET /api/pacts/:id as the Hastings LD officer, over the readable pacts in a fixed order. */
export const readSpec = (stage: Stage, server: ServerProcess, label: string): LoadSpec => ({
  label,
  url: server.url,
  method: 'GET',
  headers: { authorization: `Bearer ${stage.tokens.ldHastings}` },
  requests: shuffle(stage.big.readable, 7).map((id) => ({ path: `/api/pacts/${id}` })),
  connections: READ.connections,
});
