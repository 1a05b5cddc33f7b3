// Rows of many pacts gathered as column arrays and written with one INSERT … SELECT FROM unnest()
// per table in one transaction: a round trip per table per batch instead of per row.
import { canonicalJson, type ChainHead } from '@pactroom/audit-chain';
import { listKeysOf, type Pact, type PactEvent } from '@pactroom/negotiation';
import type pg from 'pg';
import { chainPactEvent } from '../../../apps/api/src/audit/audit-log.js';
import { AUDIT_EVENT_COLUMNS, AUDIT_EVENT_TYPES, auditEventValues } from '../audit-rows.js';
import type { World } from './world.js';

/** Where batches stage their list keys until the end of the seed. */
export const STAGED_KEYS = 'seed_list_keys';

/** Column arrays of one batch, one per table. */
export class Batch {
  // One array per column of the pacts INSERT below (its column list is the count to keep in step).
  readonly pacts: unknown[][] = Array.from({ length: 12 }, () => []);
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
      pact.contest,
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
      'id, title, election_code, contest_id, status, author_local_party_id, current_revision, respond_by, proposed_at, created_by, created_at, updated_at',
      [
        'uuid',
        'varchar',
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
