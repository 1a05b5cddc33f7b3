// Volume seeding for the API benchmarks: pacts with their whole history, written straight into
// PostgreSQL with unnest() batches. Every pact is played through the negotiation lib (createDraft,
// then decide: propose, sign, approve, withdraw, decline, expire, terminate) so its rows are what
// the app would have written, and its audit events are real hash chains (audit-chain appendEvent).
//
// Two pairings of the demo local parties, so that lists have something to filter:
// - A: Hastings and Rye Liberal Democrats (author) with Lewes Labour — LD stands aside in Hastings
//   and Rye for Labour, Labour in Lewes for the LDs, or both (identical legs in many live pacts are
//   consistent: same beneficiary);
// - B: Hastings and Rye Labour (author) with Brighton Pavilion Green Party — the Greens stand aside
//   in Brighton Pavilion for Labour (a seat A never touches, so no cross-pact conflict).
// The sign pool is A pacts left `proposed`, awaiting Lewes Labour's signature.
//
// The pieces: seed/world.ts (who the pacts are between), seed/play.ts (each pact played through the
// lib), seed/batch.ts (the rows of a batch of pacts, written with unnest()); here, the plan.
import type pg from 'pg';
import { Batch, STAGED_KEYS } from './seed/batch.js';
import { DAY, OUTCOMES, playPact, prng, type Outcome } from './seed/play.js';
import { pairings, type World } from './seed/world.js';

export { ELECTION, loadWorld, type World } from './seed/world.js';

/** What to seed into one database. */
export interface SeedPlan {
  /** Pacts in all (the sign pool included). */
  readonly pacts: number;
  /** A pacts left proposed for sign-pact. */
  readonly signPool: number;
  /** PRNG seed. */
  readonly seed: number;
  /** Pacts per INSERT batch. */
  readonly batch?: number;
}

/** A pact the sign benchmark may sign once: its id and current revision. */
export interface SignTarget {
  readonly id: string;
  readonly revision: number;
  readonly hash: string;
}

export interface SeedReport {
  readonly pacts: number;
  readonly auditEvents: number;
  readonly byStatus: Record<string, number>;
  readonly signPool: SignTarget[];
  /** A pacts (not in the sign pool) that the Hastings LD officer can read. */
  readonly readable: string[];
  readonly ms: number;
}

/**
 * Seeds `plan.pacts` pacts (created over the past year, in random order) with their rows and audit
 * chains. Generation of the next batch overlaps the database's work on the previous one.
 */
export async function seedPacts(
  client: pg.ClientBase,
  world: World,
  plan: SeedPlan,
  progress: (done: number) => void,
): Promise<SeedReport> {
  const started = Date.now();
  const random = prng(plan.seed);
  const [a, b] = pairings(world);
  if (!a || !b) {
    throw new Error('seed: pairings missing');
  }
  const batchSize = plan.batch ?? 2500;
  const nowMs = Date.now();
  const byStatus: Record<string, number> = {};
  const signPool: SignTarget[] = [];
  const readable: string[] = [];
  let auditEvents = 0;
  let pending: Promise<void> = Promise.resolve();
  await client.query(
    `CREATE UNLOGGED TABLE ${STAGED_KEYS} (key varchar(160), pact_created_at timestamptz, pact_id uuid)`,
  );
  let batch = new Batch();
  const pick = (): Outcome => {
    let r = random();
    for (const [outcome, share] of OUTCOMES) {
      if ((r -= share) < 0) {
        return outcome;
      }
    }
    return 'ratified';
  };
  for (let i = 0; i < plan.pacts; i++) {
    // Pool pacts are spread evenly among the others (every k-th pact), so they age like the rest.
    const inPool =
      signPool.length < plan.signPool && i % Math.ceil(plan.pacts / plan.signPool) === 0;
    const pairing = inPool || random() < 0.7 ? a : b;
    const outcome = inPool ? 'proposed' : pick();
    // A year of history; what can still expire (drafts, proposals) is from the last 60 days.
    const createdMs =
      outcome === 'draft' || outcome === 'proposed'
        ? nowMs - Math.floor(random() * 60 * DAY) - DAY
        : nowMs - 365 * DAY + Math.floor(random() * 350 * DAY);
    const { pact, events } = playPact(world, pairing, outcome, i, createdMs, nowMs, random);
    batch.add(world, pact, events, pairing.author.userId);
    byStatus[pact.status] = (byStatus[pact.status] ?? 0) + 1;
    auditEvents += events.length;
    if (inPool) {
      signPool.push({ id: pact.id, revision: pact.revision.number, hash: pact.revision.hash });
    } else if (pairing.key === 'A' && readable.length < 4000) {
      readable.push(pact.id);
    }
    if (batch.size === batchSize || i === plan.pacts - 1) {
      const full = batch;
      batch = new Batch();
      await pending;
      progress(i + 1 - full.size);
      const write = full.write(client);
      write.catch(() => undefined); // awaited (and rethrown) at the next batch
      pending = write;
    } else if (i % 250 === 0) {
      // Let the database client flush and read while the next batch is generated.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  await pending;
  // The list index, `listKeysOf` of every pact (as the app files them), staged per batch and
  // inserted at the end in key order, so the primary key's B-tree grows at its right edge instead
  // of splitting pages everywhere.
  await client.query(
    `INSERT INTO pact_list_keys (key, pact_created_at, pact_id)
     SELECT * FROM ${STAGED_KEYS} ORDER BY 1, 2, 3 ON CONFLICT DO NOTHING`,
  );
  await client.query(`DROP TABLE ${STAGED_KEYS}`);
  progress(plan.pacts);
  return { pacts: plan.pacts, auditEvents, byStatus, signPool, readable, ms: Date.now() - started };
}
