import { allowedCommands, type Actor, type Pact, type Terms } from '@pactroom/negotiation';
import type { PactImpact } from '@pactroom/seat-projection';
import type { EntityManager } from 'typeorm';
import type { PactDetailDto, RevisionDto } from './dto/pact-response.dto.js';

interface ViewExtras {
  names: Record<string, string>;
  coordinators: { party: string; region: string }[];
  head: { seq: number; hash: string } | null;
  created_at: Date;
  updated_at: Date;
  canonical_terms: string;
}

/** Reads what the detail response shows beyond the lib's model: names, coordinators, chain head. */
async function loadExtras(manager: EntityManager, pact: Pact): Promise<ViewExtras> {
  const rows: ViewExtras[] = await manager.query(
    `SELECT p.created_at, p.updated_at, r.canonical_terms,
            (SELECT json_object_agg(lp.id, lp.name) FROM pact_participants pp JOIN local_parties lp ON lp.id = pp.local_party_id
              WHERE pp.pact_id = p.id) AS names,
            (SELECT COALESCE(json_agg(DISTINCT jsonb_build_object('party', g.party_code, 'region', g.region_slug)), '[]')
               FROM grants g JOIN users u ON u.id = g.user_id
              WHERE g.role = 'coordinator' AND u.disabled_at IS NULL
                AND g.party_code IN (SELECT party_code FROM pact_participants WHERE pact_id = p.id)) AS coordinators,
            (SELECT json_build_object('seq', e.seq, 'hash', e.hash) FROM audit_events e WHERE e.pact_id = p.id
              ORDER BY e.seq DESC LIMIT 1) AS head
       FROM pacts p JOIN pact_revisions r ON r.pact_id = p.id AND r.number = p.current_revision
      WHERE p.id = $1`,
    [pact.id],
  );
  const row = rows[0];
  if (!row) {
    throw new Error(`pact ${pact.id} vanished`);
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

/** The pact detail response for `actor` (its allowed commands depend on who asks). */
export async function buildPactView(
  manager: EntityManager,
  pact: Pact,
  actor: Actor,
  now: Date,
  impact: PactImpact | null,
): Promise<PactDetailDto> {
  const extras = await loadExtras(manager, pact);
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
      hasCoordinator: extras.coordinators.some(
        (c) => c.party === slot.party && c.region === slot.region,
      ),
    })),
    allowedCommands: allowedCommands(pact, actor, now),
    auditHead: extras.head,
    impact,
  };
}
