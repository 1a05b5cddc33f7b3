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
import { canonicalJson, type ChainHead } from '@pactroom/audit-chain';
import {
  createDraft,
  decide,
  listKeysOf,
  type Actor,
  type Grant,
  type Pact,
  type PactCommand,
  type PactEvent,
  type Participant,
  type StandAside,
} from '@pactroom/negotiation';
import type pg from 'pg';
import { chainPactEvent } from '../../apps/api/src/audit/audit-log.js';
import { AUDIT_EVENT_COLUMNS, AUDIT_EVENT_TYPES, auditEventValues } from './audit-rows.js';

export const ELECTION = 'ge2017';
const DAY = 86_400_000;

/** The demo accounts and local parties the seeded pacts are between. */
export interface World {
  readonly actors: ReadonlyMap<string, Actor>;
  readonly localParties: ReadonlyMap<string, Participant>;
  readonly regions: ReadonlyMap<string, string>;
}

/** Reads users with their grants, the demo local parties and the election's seat → region map. */
export async function loadWorld(client: pg.ClientBase): Promise<World> {
  const users = await client.query<{ id: string; email: string; grants: Grant[] }>(
    `SELECT u.id, u.email,
            COALESCE(json_agg(json_build_object('role', g.role, 'party', g.party_code, 'region', g.region_slug,
              'localPartyId', g.local_party_id)) FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
       FROM users u LEFT JOIN grants g ON g.user_id = u.id GROUP BY u.id`,
  );
  const parties = await client.query<{
    id: string;
    name: string;
    party_code: string;
    region_slug: string;
    constituencies: string[];
  }>(
    `SELECT lp.id, lp.name, lp.party_code, lp.region_slug,
            ARRAY(SELECT c.ons_code FROM local_party_constituencies lc JOIN constituencies c ON c.id = lc.constituency_id
                   WHERE lc.local_party_id = lp.id ORDER BY c.ons_code) AS constituencies
       FROM local_parties lp`,
  );
  const seats = await client.query<{ ons_code: string; region_slug: string }>(
    `SELECT c.ons_code, c.region_slug FROM elections e
       JOIN constituency_results r ON r.election_code = e.code JOIN constituencies c ON c.id = r.constituency_id
      WHERE e.code = $1`,
    [ELECTION],
  );
  return {
    actors: new Map(users.rows.map((u) => [u.email, { userId: u.id, grants: u.grants }])),
    localParties: new Map(
      parties.rows.map((p) => [
        p.name,
        {
          localPartyId: p.id,
          party: p.party_code,
          region: p.region_slug,
          constituencies: p.constituencies,
        },
      ]),
    ),
    regions: new Map(seats.rows.map((s) => [s.ons_code, s.region_slug])),
  };
}

type Outcome =
  | 'draft'
  | 'proposed'
  | 'signed'
  | 'ratified'
  | 'withdrawn'
  | 'declined'
  | 'expired'
  | 'terminated';

/** Share of each final status among the pacts outside the sign pool. */
const OUTCOMES: readonly [Outcome, number][] = [
  ['draft', 0.08],
  ['proposed', 0.22],
  ['signed', 0.15],
  ['ratified', 0.3],
  ['withdrawn', 0.05],
  ['declined', 0.05],
  ['expired', 0.05],
  ['terminated', 0.1],
];

interface Pairing {
  readonly key: 'A' | 'B';
  readonly participants: readonly Participant[];
  readonly author: Actor;
  readonly counterpart: Actor;
  readonly coordinators: readonly Actor[];
  readonly termChoices: readonly (readonly StandAside[])[];
  readonly titles: readonly string[];
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`seed: no ${what} (were the demo accounts seeded?)`);
  }
  return value;
}

function pairings(world: World): Pairing[] {
  const actor = (email: string) => required(world.actors.get(email), `account ${email}`);
  const lp = (name: string) => required(world.localParties.get(name), `local party ${name}`);
  const ldStandsAside = { party: 'ld', constituency: 'E14000735', beneficiary: 'lab' };
  const labStandsAside = { party: 'lab', constituency: 'E14000786', beneficiary: 'ld' };
  return [
    {
      key: 'A',
      participants: [lp('Hastings and Rye Liberal Democrats'), lp('Lewes Labour')],
      author: actor('officer.ld.hastings@pactroom.test'),
      counterpart: actor('officer.lab.lewes@pactroom.test'),
      coordinators: [
        actor('coord.ld.southeast@pactroom.test'),
        actor('coord.lab.southeast@pactroom.test'),
      ],
      termChoices: [[ldStandsAside, labStandsAside], [ldStandsAside], [labStandsAside]],
      titles: ['Hastings for Lewes', 'East Sussex swap', 'Rye and Lewes understanding'],
    },
    {
      key: 'B',
      participants: [lp('Hastings and Rye Labour'), lp('Brighton Pavilion Green Party')],
      author: actor('officer.lab.hastings@pactroom.test'),
      counterpart: actor('officer.green.pavilion@pactroom.test'),
      coordinators: [
        actor('coord.lab.southeast@pactroom.test'),
        actor('coord.green.southeast@pactroom.test'),
      ],
      termChoices: [[{ party: 'green', constituency: 'E14000598', beneficiary: 'lab' }]],
      titles: ['Pavilion for Hastings', 'Brighton understanding'],
    },
  ];
}

/** mulberry32: a small seeded PRNG, so every run seeds the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One pact played through the lib: its final state and its events, oldest first. */
function playPact(
  world: World,
  pairing: Pairing,
  outcome: Outcome,
  index: number,
  createdMs: number,
  nowMs: number,
  random: () => number,
): { pact: Pact; events: PactEvent[] } {
  let at = createdMs;
  const next = () => new Date((at += 60_000 + Math.floor(random() * 6 * 3_600_000)));
  // At most 90 days after creation (MAX_RESPOND_BY_DAYS); pacts that can still expire (drafts,
  // proposals) are created recently enough for theirs to lie ahead.
  const respondBy =
    outcome === 'expired'
      ? new Date(createdMs + 14 * DAY)
      : new Date(createdMs + (80 + Math.floor(random() * 10)) * DAY);
  const terms = {
    standAsides: pairing.termChoices[index % pairing.termChoices.length] ?? [],
    commitments:
      index % 4 === 0
        ? [{ party: pairing.participants[0]?.party ?? '', text: `Joint leaflet no. ${index}` }]
        : [],
  };
  const title = `${pairing.titles[index % pairing.titles.length] ?? 'Pact'} #${index}`;
  const drafted = createDraft(
    {
      id: uuidFrom(random),
      title,
      election: ELECTION,
      participants: pairing.participants,
      terms,
      respondBy,
      constituencyRegions: world.regions,
    },
    pairing.author,
    new Date(at),
  );
  if (!drafted.ok) {
    throw new Error(`seed: draft refused: ${drafted.code} ${drafted.message}`);
  }
  let pact = drafted.pact;
  const events: PactEvent[] = [...drafted.events];
  const apply = (command: PactCommand, actor: Actor, when: Date) => {
    const decision = decide(pact, command, actor, when);
    if (!decision.ok || !decision.changed) {
      throw new Error(
        `seed: ${command.type} refused: ${decision.ok ? 'no change' : decision.code}`,
      );
    }
    pact = decision.pact;
    events.push(...decision.events);
  };
  const revision = () => ({ revision: pact.revision.number, hash: pact.revision.hash });
  if (outcome === 'draft') {
    return { pact, events };
  }
  apply(
    { type: 'propose', context: { constituencyRegions: world.regions, otherPacts: [] } },
    pairing.author,
    next(),
  );
  switch (outcome) {
    case 'proposed':
      break;
    case 'withdrawn':
      apply({ type: 'withdraw', reason: 'Our executive changed its mind' }, pairing.author, next());
      break;
    case 'declined':
      apply({ type: 'decline', reason: 'Members voted against' }, pairing.counterpart, next());
      break;
    case 'expired':
      apply({ type: 'expire' }, pairing.author, new Date(respondBy.getTime() + 60_000));
      break;
    case 'signed':
    case 'ratified':
    case 'terminated':
      apply(
        {
          type: 'sign',
          ...revision(),
          context: { constituencyRegions: world.regions, otherPacts: [] },
        },
        pairing.counterpart,
        next(),
      );
      if (outcome !== 'signed') {
        for (const coordinator of pairing.coordinators) {
          apply({ type: 'approve', ...revision() }, coordinator, next());
        }
      }
      if (outcome === 'terminated') {
        apply({ type: 'terminate', reason: 'Candidates withdrew' }, pairing.author, next());
      }
      break;
  }
  return { pact, events };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Column arrays of one batch, one per table. */
/** Where batches stage their list keys until the end of the seed. */
const STAGED_KEYS = 'seed_list_keys';

class Batch {
  readonly pacts: unknown[][] = Array.from({ length: 11 }, () => []);
  readonly participants: unknown[][] = Array.from({ length: 4 }, () => []);
  readonly revisions: unknown[][] = Array.from({ length: 7 }, () => []);
  readonly standAsides: unknown[][] = Array.from({ length: 6 }, () => []);
  readonly signatures: unknown[][] = Array.from({ length: 6 }, () => []);
  readonly approvals: unknown[][] = Array.from({ length: 7 }, () => []);
  readonly events: unknown[][] = AUDIT_EVENT_TYPES.map(() => []);
  readonly keys: unknown[][] = [[], [], []];
  size = 0;
  eventCount = 0;

  add(world: World, pact: Pact, events: readonly PactEvent[], createdBy: string): void {
    const created = pact.revision.createdAt;
    const last = events[events.length - 1]?.occurredAt ?? created;
    push(this.pacts, [
      pact.id,
      pact.title,
      pact.election,
      pact.status,
      pact.authorLocalPartyId,
      pact.revision.number,
      pact.respondBy,
      pact.proposedAt,
      createdBy,
      created,
      last,
    ]);
    for (const p of pact.participants) {
      push(this.participants, [pact.id, p.localPartyId, p.party, p.region]);
    }
    push(this.revisions, [
      pact.id,
      pact.revision.number,
      pact.revision.hash,
      canonicalJson(pact.revision.terms),
      pact.revision.authorLocalPartyId,
      createdBy,
      created,
    ]);
    for (const s of pact.revision.terms.standAsides) {
      push(this.standAsides, [
        pact.id,
        pact.revision.number,
        s.party,
        s.constituency,
        s.beneficiary,
        world.regions.get(s.constituency) ?? '',
      ]);
    }
    for (const s of pact.signatures) {
      push(this.signatures, [pact.id, s.revision, s.localPartyId, s.hash, s.userId, s.signedAt]);
    }
    for (const a of pact.approvals) {
      push(this.approvals, [
        pact.id,
        a.revision,
        a.party,
        a.region,
        a.hash,
        a.userId,
        a.approvedAt,
      ]);
    }
    let head: ChainHead | null = null;
    for (const event of events) {
      const chained = chainPactEvent(head, event);
      head = { seq: chained.seq, hash: chained.hash };
      push(this.events, auditEventValues(chained));
      this.eventCount++;
    }
    // The list index by the app's own rule, staged: see seedPacts.
    for (const key of listKeysOf(pact)) {
      push(this.keys, [key, created, pact.id]);
    }
    this.size++;
  }

  async write(client: pg.ClientBase): Promise<void> {
    const insert = (table: string, columns: string, types: string[], data: unknown[][]) =>
      data[0]?.length
        ? client.query(
            `INSERT INTO ${table} (${columns}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
            data,
          )
        : Promise.resolve();
    await client.query('BEGIN');
    // Bulk load: the rows are consistent by construction, so skip the per-row foreign-key
    // triggers for this transaction (as pg_restore --disable-triggers does). Needs a superuser.
    await client.query("SET LOCAL session_replication_role = 'replica'");
    await insert(
      'pacts',
      'id, title, election_code, status, author_local_party_id, current_revision, respond_by, proposed_at, created_by, created_at, updated_at',
      [
        'uuid',
        'varchar',
        'varchar',
        'varchar',
        'uuid',
        'int',
        'timestamptz',
        'timestamptz',
        'uuid',
        'timestamptz',
        'timestamptz',
      ],
      this.pacts,
    );
    await insert(
      'pact_participants',
      'pact_id, local_party_id, party_code, region_slug',
      ['uuid', 'uuid', 'varchar', 'varchar'],
      this.participants,
    );
    await insert(
      'pact_revisions',
      'pact_id, number, hash, canonical_terms, author_local_party_id, created_by, created_at',
      ['uuid', 'int', 'bpchar', 'text', 'uuid', 'uuid', 'timestamptz'],
      this.revisions,
    );
    await insert(
      'pact_stand_asides',
      'pact_id, revision_number, party_code, ons_code, beneficiary_party, region_slug',
      ['uuid', 'int', 'varchar', 'varchar', 'varchar', 'varchar'],
      this.standAsides,
    );
    await insert(
      'pact_signatures',
      'pact_id, revision_number, local_party_id, hash, user_id, signed_at',
      ['uuid', 'int', 'uuid', 'bpchar', 'uuid', 'timestamptz'],
      this.signatures,
    );
    await insert(
      'pact_approvals',
      'pact_id, revision_number, party_code, region_slug, hash, user_id, approved_at',
      ['uuid', 'int', 'varchar', 'varchar', 'bpchar', 'uuid', 'timestamptz'],
      this.approvals,
    );
    await insert('audit_events', AUDIT_EVENT_COLUMNS, AUDIT_EVENT_TYPES, this.events);
    await insert(
      STAGED_KEYS,
      'key, pact_created_at, pact_id',
      ['varchar', 'timestamptz', 'uuid'],
      this.keys,
    );
    await client.query('COMMIT');
  }
}

function push(columns: unknown[][], values: readonly unknown[]): void {
  values.forEach((v, i) => columns[i]?.push(v));
}

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
