import type { CertificateInput, ChainHead } from '@pactroom/audit-chain';
import type { Pact } from '@pactroom/negotiation';
import type { PactImpact } from '@pactroom/seat-projection';
import type { EntityManager } from 'typeorm';

/**
 * The facts an agreement certificate states: the ratified revision, who signed for which local
 * party and who approved for which party and region (with names as they stand when it is issued,
 * so a member can read it), the ratification (and termination) time, the logged chain head, and
 * the projection snapshot (the ratified terms projected
 * deterministically at central rates), all as plain JSON a member can recompute.
 */
export async function certificateFacts(
  manager: EntityManager,
  pact: Pact,
  event: 'ratified' | 'terminated',
  chainHead: ChainHead,
  projection: PactImpact,
  now: Date,
): Promise<{ input: CertificateInput; canonicalTerms: string }> {
  const rows: {
    canonical_terms: string;
    names: Record<string, string>;
    users: Record<string, string>;
    ratified_at: Date | null;
    terminated_at: Date | null;
  }[] = await manager.query(
    `SELECT r.canonical_terms,
            (SELECT json_object_agg(lp.id, lp.name) FROM pact_participants pp JOIN local_parties lp ON lp.id = pp.local_party_id
              WHERE pp.pact_id = p.id) AS names,
            (SELECT json_object_agg(u.id, u.name) FROM users u
              WHERE u.id IN (SELECT user_id FROM pact_signatures WHERE pact_id = p.id UNION SELECT user_id FROM pact_approvals WHERE pact_id = p.id)) AS users,
            (SELECT max(e.occurred_at) FROM audit_events e WHERE e.pact_id = p.id AND e.action = 'pact.approved'
                AND e.payload->>'to' = 'ratified') AS ratified_at,
            (SELECT max(e.occurred_at) FROM audit_events e WHERE e.pact_id = p.id AND e.action = 'pact.terminated') AS terminated_at
       FROM pacts p JOIN pact_revisions r ON r.pact_id = p.id AND r.number = p.current_revision WHERE p.id = $1`,
    [pact.id],
  );
  const row = rows[0];
  if (!row?.ratified_at) {
    throw new Error(`pact ${pact.id} has no ratification event`);
  }
  const current = pact.revision.number;
  return {
    canonicalTerms: row.canonical_terms,
    input: {
      pactId: pact.id,
      title: pact.title,
      election: pact.election,
      revision: { number: current, hash: pact.revision.hash, terms: pact.revision.terms },
      participants: pact.participants.map((p) => ({
        localPartyId: p.localPartyId,
        name: row.names[p.localPartyId] ?? '',
        party: p.party,
        region: p.region,
      })),
      signatures: pact.signatures
        .filter((s) => s.revision === current)
        .map((s) => ({
          ...s,
          localPartyName: row.names[s.localPartyId] ?? '',
          userName: row.users[s.userId] ?? '',
        })),
      approvals: pact.approvals
        .filter((a) => a.revision === current)
        .map((a) => ({ ...a, role: 'coordinator', userName: row.users[a.userId] ?? '' })),
      projection,
      event,
      chainHead,
      ratifiedAt: new Date(row.ratified_at).toISOString(),
      terminatedAt:
        event === 'terminated' && row.terminated_at
          ? new Date(row.terminated_at).toISOString()
          : null,
      issuedAt: now.toISOString(),
    },
  };
}
