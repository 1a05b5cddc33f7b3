import type { CertificateInput } from '@pactroom/audit-chain';
import type { Pact } from '@pactroom/negotiation';
import type { PactImpact } from '@pactroom/seat-projection';
import type { EntityManager } from 'typeorm';

/**
 * The facts an agreement certificate states: the ratified revision, who signed for which local
 * party and who approved for which party and region (with names, so a member can read it), the
 * ratification time, the chain head, and the projection snapshot (the ratified terms projected
 * deterministically at central rates), all as plain JSON a member can recompute.
 */
export async function certificateFacts(
  manager: EntityManager,
  pact: Pact,
  projection: PactImpact,
  now: Date,
): Promise<{ input: CertificateInput; canonicalTerms: string }> {
  const rows: {
    canonical_terms: string;
    names: Record<string, string>;
    users: Record<string, string>;
    ratified_at: Date | null;
    head: { seq: number; hash: string };
  }[] = await manager.query(
    `SELECT r.canonical_terms,
            (SELECT json_object_agg(lp.id, lp.name) FROM pact_participants pp JOIN local_parties lp ON lp.id = pp.local_party_id
              WHERE pp.pact_id = p.id) AS names,
            (SELECT json_object_agg(u.id, u.name) FROM users u
              WHERE u.id IN (SELECT user_id FROM pact_signatures WHERE pact_id = p.id UNION SELECT user_id FROM pact_approvals WHERE pact_id = p.id)) AS users,
            (SELECT max(e.occurred_at) FROM audit_events e WHERE e.pact_id = p.id AND e.action = 'pact.approved'
                AND e.payload->>'to' = 'ratified') AS ratified_at,
            (SELECT json_build_object('seq', e.seq, 'hash', e.hash) FROM audit_events e WHERE e.pact_id = p.id ORDER BY e.seq DESC LIMIT 1) AS head
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
      chainHead: row.head,
      ratifiedAt: new Date(row.ratified_at).toISOString(),
      issuedAt: now.toISOString(),
    },
  };
}
