import type { CertificateInput, ChainHead } from '@pactroom/audit-chain';
import type { Pact } from '@pactroom/negotiation';
import type { PactImpact } from '@pactroom/seat-projection';
import type { EntityManager } from 'typeorm';
import { certificateRow } from './store/index.js';

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
  const row = await certificateRow(manager, pact.id);
  if (!row?.ratified_at) {
    throw new Error(`pact ${pact.id} has no ratification event`);
  }
  const [contest] = await manager.query<{ id: string; name: string; pollingDay: string | null }[]>(
    `SELECT id, name, polling_day::text AS "pollingDay" FROM contests WHERE id = $1`,
    [pact.contest],
  );
  const [checked] =
    event === 'terminated'
      ? await manager.query<{ payload: unknown; occurred_at: Date }[]>(
          `SELECT payload, occurred_at FROM audit_events
            WHERE pact_id = $1 AND action = 'pact.compliance_checked' ORDER BY seq DESC LIMIT 1`,
          [pact.id],
        )
      : [];
  const current = pact.revision.number;
  const consultations = await consultationsOfRevision(manager, pact.id, current);
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
      contest,
      ...(checked
        ? {
            compliance: {
              checkedAt: new Date(checked.occurred_at).toISOString(),
              ...(checked.payload as object),
            },
          }
        : {}),
      ...(consultations.length > 0 ? { consultations } : {}),
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

/**
 * The members' consultations closed on a revision, from the pact's audit chain: each one's outcome
 * and, if its coordinator approved against it, the reason they recorded.
 */
async function consultationsOfRevision(manager: EntityManager, pactId: string, revision: number) {
  const rows = await manager.query<{ action: string; payload: Record<string, unknown> }[]>(
    `SELECT action, payload FROM audit_events
      WHERE pact_id = $1 AND action IN ('pact.consultation_closed', 'pact.consultation_overridden')
        AND (payload ->> 'revision')::int = $2
      ORDER BY seq`,
    [pactId, revision],
  );
  const overrides = new Map(
    rows
      .filter((r) => r.action === 'pact.consultation_overridden')
      .map((r) => [r.payload.consultationId, r.payload.reason] as const),
  );
  return rows
    .filter((r) => r.action === 'pact.consultation_closed')
    .map(({ payload }) => ({
      consultationId: payload.consultationId,
      party: payload.party,
      region: payload.region,
      outcome: payload.outcome,
      approvedAgainstItBecause: overrides.get(payload.consultationId) ?? null,
    }));
}
