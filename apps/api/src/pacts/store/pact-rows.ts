import { canonicalJson } from '@pactroom/audit-chain';
import {
  listKeysOf,
  requiredApprovalSlots,
  type Approval,
  type Pact,
  type Participant,
  type Signature,
  type Terms,
} from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import { PactApprovalEntity } from '../entities/pact-approval.entity.js';
import { PactParticipantEntity } from '../entities/pact-participant.entity.js';
import { PactRevisionEntity } from '../entities/pact-revision.entity.js';
import { PactSignatureEntity } from '../entities/pact-signature.entity.js';
import { PactStandAsideEntity } from '../entities/pact-stand-aside.entity.js';
import { PactEntity } from '../entities/pact.entity.js';
import type { Geography } from '../election-geography.js';
import { PactErrors } from '../pacts.errors.js';
import { localPartySeats } from './fragments.js';
import type { PactHeadRow } from './pact-reads.js';

interface PactRow extends PactHeadRow {
  proposed_at: Date | null;
  canonical_terms: string;
  hash: string;
  revision_author: string;
  revision_created_at: Date;
  participants: Participant[];
  signatures: (Omit<Signature, 'signedAt'> & { signedAt: string })[] | null;
  approvals: (Omit<Approval, 'approvedAt'> & { approvedAt: string })[] | null;
  seat_regions: { constituency: string; region: string }[] | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** One query loads everything `decide` needs. */
const LOAD = `
  SELECT p.id, p.title, p.election_code, p.contest_id, p.status, p.author_local_party_id, p.current_revision,
         p.respond_by, p.proposed_at, r.canonical_terms, r.hash, r.author_local_party_id AS revision_author,
         r.created_at AS revision_created_at,
         (SELECT json_agg(json_build_object('localPartyId', pp.local_party_id, 'party', pp.party_code, 'region', pp.region_slug,
                  'constituencies', ${localPartySeats('pp.local_party_id', '(SELECT ct.boundary_set FROM contests ct WHERE ct.id = p.contest_id)')})
                  ORDER BY pp.local_party_id)
            FROM pact_participants pp WHERE pp.pact_id = p.id) AS participants,
         (SELECT json_agg(json_build_object('localPartyId', s.local_party_id, 'revision', s.revision_number, 'hash', s.hash,
                  'userId', s.user_id, 'signedAt', s.signed_at) ORDER BY s.id)
            FROM pact_signatures s WHERE s.pact_id = p.id) AS signatures,
         (SELECT json_agg(json_build_object('party', a.party_code, 'region', a.region_slug, 'revision', a.revision_number,
                  'hash', a.hash, 'userId', a.user_id, 'approvedAt', a.approved_at) ORDER BY a.id)
            FROM pact_approvals a WHERE a.pact_id = p.id) AS approvals,
         (SELECT json_agg(json_build_object('constituency', sa.ons_code, 'region', sa.region_slug))
            FROM pact_stand_asides sa WHERE sa.pact_id = p.id AND sa.revision_number = p.current_revision) AS seat_regions
    FROM pacts p JOIN pact_revisions r ON r.pact_id = p.id AND r.number = p.current_revision
   WHERE p.id = ANY($1::uuid[])`;

/**
 * Loads the lib's view of a pact, or undefined. With `forUpdate`, the pact row is locked first, until
 * the transaction ends: every command on a pact runs under that lock (STYLE.md §6). The lock is its
 * own statement on purpose: under READ COMMITTED a `SELECT … FOR UPDATE` that waited re-reads only
 * the locked row, while its joins and subqueries keep the snapshot from before the wait — it would
 * see the new status without the new revision or signature. The load after it takes a new snapshot.
 */
export async function loadPact(
  manager: EntityManager,
  id: string,
  forUpdate: boolean,
): Promise<Pact | undefined> {
  if (forUpdate) {
    const locked: unknown[] = await manager.query('SELECT 1 FROM pacts WHERE id = $1 FOR UPDATE', [
      id,
    ]);
    if (locked.length === 0) {
      return undefined;
    }
  }
  const [pact] = await loadPacts(manager, [id]);
  return pact;
}

/** Loads several pacts at once (those that exist), in no particular order. */
export async function loadPacts(manager: EntityManager, ids: readonly string[]): Promise<Pact[]> {
  const rows: PactRow[] = await manager.query(LOAD, [ids]);
  return rows.map(toPact);
}

function toPact(row: PactRow): Pact {
  const terms = JSON.parse(row.canonical_terms) as Terms;
  const participants = row.participants;
  const constituencyRegions = new Map(
    (row.seat_regions ?? []).map((s) => [s.constituency, s.region]),
  );
  return {
    id: row.id,
    title: row.title,
    election: row.election_code,
    contest: row.contest_id,
    status: row.status,
    authorLocalPartyId: row.author_local_party_id,
    participants,
    revision: {
      number: row.current_revision,
      hash: row.hash,
      terms,
      authorLocalPartyId: row.revision_author,
      createdAt: iso(row.revision_created_at),
    },
    signatures: (row.signatures ?? []).map((s) => ({ ...s, signedAt: iso(s.signedAt) })),
    approvals: (row.approvals ?? []).map((a) => ({ ...a, approvedAt: iso(a.approvedAt) })),
    requiredApprovals: requiredApprovalSlots(terms, { participants, constituencyRegions }),
    respondBy: iso(row.respond_by),
    proposedAt: row.proposed_at ? iso(row.proposed_at) : null,
  };
}

/** Writes a new pact (a draft, or a draft proposed at once) with its first revision. */
export async function insertPact(
  manager: EntityManager,
  pact: Pact,
  userId: string,
  regions: ReadonlyMap<string, string>,
): Promise<void> {
  const now = new Date(pact.revision.createdAt);
  await manager.insert(PactEntity, {
    id: pact.id,
    title: pact.title,
    electionCode: pact.election,
    contestId: pact.contest,
    status: pact.status,
    authorLocalPartyId: pact.authorLocalPartyId,
    currentRevision: pact.revision.number,
    respondBy: new Date(pact.respondBy),
    proposedAt: pact.proposedAt ? new Date(pact.proposedAt) : null,
    createdBy: userId,
    createdAt: now,
    updatedAt: now,
  });
  await manager.insert(
    PactParticipantEntity,
    pact.participants.map((p) => ({
      pactId: pact.id,
      localPartyId: p.localPartyId,
      partyCode: p.party,
      regionSlug: p.region,
    })),
  );
  await insertRevision(manager, pact, userId, regions);
  await insertNew(manager, pact, undefined);
  await fileListKeys(manager, pact, undefined);
}

/**
 * Persists what `decide` changed between `before` and `after`: a new revision, new signatures and
 * approvals, and the pact row's status. Rows are only ever added; the pact row is the one update.
 */
export async function savePactChanges(
  manager: EntityManager,
  before: Pact,
  after: Pact,
  userId: string | null,
  regions: ReadonlyMap<string, string>,
  at: Date,
): Promise<void> {
  if (after.revision.number !== before.revision.number) {
    if (!userId) {
      throw new Error('a new revision needs an author');
    }
    await insertRevision(manager, after, userId, regions);
  }
  await insertNew(manager, after, before);
  await fileListKeys(manager, after, before);
  await manager.update(
    PactEntity,
    { id: after.id },
    {
      status: after.status,
      currentRevision: after.revision.number,
      respondBy: new Date(after.respondBy),
      proposedAt: after.proposedAt ? new Date(after.proposedAt) : null,
      updatedAt: at,
    },
  );
}

/**
 * Files the pact under exactly the list keys of its new state (`listKeysOf`), replacing those of
 * the state before: keys it no longer has go, keys it gains come. Runs under the pact's row lock
 * (or on a pact not yet committed), so a pact's keys are always those of its current state — the
 * database decides who may see a pact and which filters it matches from them. A change that moves
 * no key (a signature that completes nothing) writes nothing here.
 */
async function fileListKeys(
  manager: EntityManager,
  after: Pact,
  before: Pact | undefined,
): Promise<void> {
  const had = new Set(before ? listKeysOf(before) : []);
  const has = listKeysOf(after);
  const keep = new Set(has);
  const removed = [...had].filter((key) => !keep.has(key));
  const added = has.filter((key) => !had.has(key));
  if (removed.length > 0) {
    await manager.query(
      `DELETE FROM pact_list_keys lk USING pacts p
        WHERE p.id = $1 AND lk.key = ANY($2::varchar[]) AND lk.pact_created_at = p.created_at
          AND lk.pact_id = p.id`,
      [after.id, removed],
    );
  }
  if (added.length > 0) {
    await manager.query(
      `INSERT INTO pact_list_keys (key, pact_created_at, pact_id)
       SELECT k, p.created_at, p.id FROM pacts p, unnest($2::varchar[]) AS k WHERE p.id = $1
       ON CONFLICT DO NOTHING`,
      [after.id, added],
    );
  }
}

async function insertRevision(
  manager: EntityManager,
  pact: Pact,
  userId: string,
  regions: ReadonlyMap<string, string>,
): Promise<void> {
  await manager.insert(PactRevisionEntity, {
    pactId: pact.id,
    number: pact.revision.number,
    hash: pact.revision.hash,
    canonicalTerms: canonicalJson(pact.revision.terms),
    authorLocalPartyId: pact.revision.authorLocalPartyId,
    createdBy: userId,
    createdAt: new Date(pact.revision.createdAt),
  });
  await manager.insert(
    PactStandAsideEntity,
    pact.revision.terms.standAsides.map((s) => ({
      pactId: pact.id,
      revisionNumber: pact.revision.number,
      partyCode: s.party,
      onsCode: s.constituency,
      beneficiaryParty: s.beneficiary,
      regionSlug: regions.get(s.constituency) ?? '',
    })),
  );
}

async function insertNew(
  manager: EntityManager,
  after: Pact,
  before: Pact | undefined,
): Promise<void> {
  const signatureKey = (s: Signature) => `${s.localPartyId}|${s.revision}`;
  const approvalKey = (a: Approval) => `${a.party}|${a.region}|${a.revision}`;
  const oldSignatures = new Set((before?.signatures ?? []).map(signatureKey));
  const oldApprovals = new Set((before?.approvals ?? []).map(approvalKey));
  const signatures = after.signatures.filter((s) => !oldSignatures.has(signatureKey(s)));
  const approvals = after.approvals.filter((a) => !oldApprovals.has(approvalKey(a)));
  if (signatures.length > 0) {
    await manager.insert(
      PactSignatureEntity,
      signatures.map((s) => ({
        pactId: after.id,
        revisionNumber: s.revision,
        localPartyId: s.localPartyId,
        hash: s.hash,
        userId: s.userId,
        signedAt: new Date(s.signedAt),
      })),
    );
  }
  if (approvals.length > 0) {
    await manager.insert(
      PactApprovalEntity,
      approvals.map((a) => ({
        pactId: after.id,
        revisionNumber: a.revision,
        partyCode: a.party,
        regionSlug: a.region,
        hash: a.hash,
        userId: a.userId,
        approvedAt: new Date(a.approvedAt),
      })),
    );
  }
}

/**
 * The participating local parties with their seats on the election's boundary set only (a local
 * party may cover seats on several sets). Refuses a retired local party, and one with no seats on
 * that set — naming it, the set, and the fix (a coordinator adds its seats there).
 */
export async function loadParticipants(
  manager: EntityManager,
  ids: readonly string[],
  geography: Geography,
): Promise<Participant[]> {
  const unique = [...new Set(ids)];
  const rows: {
    id: string;
    name: string;
    party_code: string;
    region_slug: string;
    retired_at: Date | null;
    constituencies: string[];
    boundary_sets: string[];
  }[] = await manager.query(
    `SELECT lp.id, lp.name, lp.party_code, lp.region_slug, lp.retired_at,
            ${localPartySeats('lp.id', '$2')} AS constituencies,
            ARRAY(SELECT DISTINCT c.boundary_set FROM local_party_constituencies lc
                    JOIN constituencies c ON c.id = lc.constituency_id
                   WHERE lc.local_party_id = lp.id AND lc.removed_at IS NULL ORDER BY 1) AS boundary_sets
       FROM local_parties lp WHERE lp.id = ANY($1::uuid[])`,
    [unique, geography.boundarySet],
  );
  const missing = unique.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0) {
    throw PactErrors.unknownLocalParties(missing);
  }
  const retired = rows.filter((r) => r.retired_at !== null);
  if (retired.length > 0) {
    throw PactErrors.localPartiesRetired(
      retired.map((r) => ({ id: r.id, name: r.name, retiredAt: iso(r.retired_at ?? new Date()) })),
    );
  }
  const seatless = rows.filter((r) => r.constituencies.length === 0);
  if (seatless.length > 0) {
    throw PactErrors.boundaryMismatch(
      geography.boundarySet,
      seatless.map((r) => ({ id: r.id, name: r.name, boundarySets: r.boundary_sets })),
    );
  }
  return ids.map((id) => {
    const row = rows.find((r) => r.id === id);
    if (!row) {
      throw new Error('participant vanished');
    }
    return {
      localPartyId: row.id,
      party: row.party_code,
      region: row.region_slug,
      constituencies: row.constituencies,
    };
  });
}
