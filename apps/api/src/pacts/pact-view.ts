import { allowedCommands, type Actor, type Pact, type Terms } from '@pactroom/negotiation';
import type { PactImpact } from '@pactroom/seat-projection';
import type { EntityManager } from 'typeorm';
import type { PactDetailDto, RevisionDto } from './dto/pact-response.dto.js';

/** What the detail response shows beyond the lib's model and the coordinators: names, chain head. */
export interface ViewExtras {
  names: Record<string, string>;
  head: { seq: number; hash: string } | null;
  created_at: Date;
  updated_at: Date;
  canonical_terms: string;
  /** The pact row's version (`xmin`): every change to a pact updates its row. */
  version: string;
}

/** Party × region slots that have at least one enabled coordinator account. */
export type CoordinatorSlots = ReadonlySet<string>;
export const slotKey = (party: string, region: string) => `${party}:${region}`;

/** The coordinator slots of the pact's participating parties, read now. */
export async function loadCoordinatorSlots(
  manager: EntityManager,
  pactId?: string,
): Promise<CoordinatorSlots> {
  const rows: { party_code: string; region_slug: string }[] = await manager.query(
    `SELECT DISTINCT g.party_code, g.region_slug FROM grants g JOIN users u ON u.id = g.user_id
      WHERE g.role = 'coordinator' AND u.disabled_at IS NULL
        AND ($1::uuid IS NULL OR g.party_code IN (SELECT party_code FROM pact_participants WHERE pact_id = $1))`,
    [pactId ?? null],
  );
  return new Set(rows.map((r) => slotKey(r.party_code, r.region_slug)));
}

/** Reads what the detail response shows beyond the lib's model: names, chain head, version. */
export async function loadExtras(manager: EntityManager, pactId: string): Promise<ViewExtras> {
  const rows: ViewExtras[] = await manager.query(
    `SELECT p.created_at, p.updated_at, r.canonical_terms, p.xmin::text AS version,
            (SELECT json_object_agg(lp.id, lp.name) FROM pact_participants pp JOIN local_parties lp ON lp.id = pp.local_party_id
              WHERE pp.pact_id = p.id) AS names,
            (SELECT json_build_object('seq', e.seq, 'hash', e.hash) FROM audit_events e WHERE e.pact_id = p.id
              ORDER BY e.seq DESC LIMIT 1) AS head
       FROM pacts p JOIN pact_revisions r ON r.pact_id = p.id AND r.number = p.current_revision
      WHERE p.id = $1`,
    [pactId],
  );
  const row = rows[0];
  if (!row) {
    throw new Error(`pact ${pactId} vanished`);
  }
  return row;
}

/** A revision row as the API shows it. */
export function toRevisionDto(row: {
  number: number;
  hash: string;
  canonical_terms: string;
  author_local_party_id: string;
  created_at: Date | string;
}): RevisionDto {
  const terms = JSON.parse(row.canonical_terms) as Terms;
  return {
    number: row.number,
    hash: row.hash,
    terms: { standAsides: [...terms.standAsides], commitments: [...terms.commitments] },
    canonicalTerms: row.canonical_terms,
    authorLocalPartyId: row.author_local_party_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The pact detail response for `actor`, read now (commands answer with it). */
export async function buildPactView(
  manager: EntityManager,
  pact: Pact,
  actor: Actor,
  now: Date,
  impact: PactImpact | null,
): Promise<PactDetailDto> {
  const [extras, coordinators] = await Promise.all([
    loadExtras(manager, pact.id),
    loadCoordinatorSlots(manager, pact.id),
  ]);
  return pactView(pact, extras, coordinators, actor, now, impact);
}

/** The pact detail response for `actor` (its allowed commands depend on who asks and when). */
export function pactView(
  pact: Pact,
  extras: ViewExtras,
  coordinators: CoordinatorSlots,
  actor: Actor,
  now: Date,
  impact: PactImpact | null,
): PactDetailDto {
  const current = pact.revision.number;
  const signatures = pact.signatures.filter((s) => s.revision === current);
  const approvals = pact.approvals.filter((a) => a.revision === current);
  const signed = new Set(signatures.map((s) => s.localPartyId));
  return {
    id: pact.id,
    title: pact.title,
    election: pact.election,
    status: pact.status,
    authorLocalPartyId: pact.authorLocalPartyId,
    currentRevision: current,
    respondBy: pact.respondBy,
    proposedAt: pact.proposedAt,
    createdAt: extras.created_at.toISOString(),
    updatedAt: extras.updated_at.toISOString(),
    participants: pact.participants.map((p) => ({
      localPartyId: p.localPartyId,
      name: extras.names[p.localPartyId] ?? '',
      party: p.party,
      region: p.region,
      constituencies: [...p.constituencies],
      signed: signed.has(p.localPartyId),
    })),
    revision: toRevisionDto({
      number: current,
      hash: pact.revision.hash,
      canonical_terms: extras.canonical_terms,
      author_local_party_id: pact.revision.authorLocalPartyId,
      created_at: pact.revision.createdAt,
    }),
    signatures: signatures.map((s) => ({ ...s })),
    approvals: approvals.map((a) => ({ ...a })),
    requiredApprovals: pact.requiredApprovals.map((slot) => ({
      party: slot.party,
      region: slot.region,
      status: approvals.some((a) => a.party === slot.party && a.region === slot.region)
        ? 'approved'
        : 'pending',
      hasCoordinator: coordinators.has(slotKey(slot.party, slot.region)),
    })),
    allowedCommands: allowedCommands(pact, actor, now),
    auditHead: extras.head,
    impact,
  };
}
