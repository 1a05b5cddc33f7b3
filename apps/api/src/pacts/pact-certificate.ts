import type { CertificateInput, ChainHead } from '@pactroom/audit-chain';
import type { Pact } from '@pactroom/negotiation';
import type { PactImpact } from '@pactroom/seat-projection';
import type { EntityManager } from 'typeorm';

/**
 * The facts an agreement certificate states: the ratified revision, who signed for which local
 * party and who approved for which party and region (people named as the audit event of their
 * signature or approval recorded them; local parties as named when it is issued), the ratification (and termination) time, the logged chain head, and
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
    named: Record<string, string> | null;
    ratified_at: Date | null;
    terminated_at: Date | null;
  }[] = await manager.query(
    `SELECT r.canonical_terms,
            (SELECT json_object_agg(lp.id, lp.name) FROM pact_participants pp JOIN local_parties lp ON lp.id = pp.local_party_id
              WHERE pp.pact_id = p.id) AS names,
            (SELECT json_object_agg(u.id, u.name) FROM users u
              WHERE u.id IN (SELECT user_id FROM pact_signatures WHERE pact_id = p.id UNION SELECT user_id FROM pact_approvals WHERE pact_id = p.id)) AS users,
            (SELECT json_object_agg(x.k, x.n) FROM (
               SELECT DISTINCT ON (k) e.actor_user_id || ':' || (e.payload->>'revision') || ':' || COALESCE(e.actor_local_party_id::text, '') AS k,
                      e.actor_name AS n
                 FROM audit_events e
                WHERE e.pact_id = p.id AND e.actor_name IS NOT NULL
                  AND e.action IN ('pact.proposed', 'pact.countered', 'pact.signed', 'pact.approved')
                ORDER BY k, e.seq) x) AS named,
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
  // Who signed or approved, as named by the event that recorded it; events from before names were
  // recorded fall back to the account's name now.
  const nameThen = (userId: string, revision: number, localPartyId: string | null) =>
    row.named?.[`${userId}:${revision}:${localPartyId ?? ''}`] ?? row.users[userId] ?? '';
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
          userName: nameThen(s.userId, s.revision, s.localPartyId),
        })),
      approvals: pact.approvals
        .filter((a) => a.revision === current)
        .map((a) => ({
          ...a,
          role: 'coordinator',
          userName: nameThen(a.userId, a.revision, null),
        })),
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
