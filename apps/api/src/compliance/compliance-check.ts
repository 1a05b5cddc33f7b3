import type { ComplianceCheckedPayload, Pact, PactEvent } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import type { Outbox } from '../notifications/outbox.js';
import { appendAndAnnounce } from '../pacts/pact-notifications.js';
import { complianceOf } from './nominations-store.js';

type Findings = ComplianceCheckedPayload['standAsides'];

/**
 * Checks a ratified pact (locked by the caller) against the nominations known for its seats and,
 * when the result differs from the last one recorded, appends `pact.compliance_checked` to its
 * chain and announces it — in the caller's transaction. Called by each candidate import for the
 * pacts it touches, and at ratification (a pact ratified after nominations were imported is
 * checked at once). Returns whether a stand-aside is breached, or null when no nominations are
 * known for any of its seats (nothing is recorded then).
 */
export async function recordComplianceCheck(
  manager: EntityManager,
  outbox: Outbox,
  pact: Pact,
): Promise<{ breached: boolean } | null> {
  const { report, latestImportId } = await complianceOf(
    manager,
    pact.contest,
    pact.revision.terms.standAsides,
  );
  if (latestImportId === null) {
    return null;
  }
  const breached = report.summary.breached > 0;
  const standAsides: Findings = report.standAsides.map((s) => ({
    party: s.party,
    constituency: s.constituency,
    beneficiary: s.beneficiary,
    status: s.status,
    beneficiaryStood: s.beneficiaryStood,
    breachingCandidates: [...s.breachingCandidates],
  }));
  const [last] = await manager.query<{ payload: ComplianceCheckedPayload }[]>(
    `SELECT payload FROM audit_events WHERE pact_id = $1 AND action = 'pact.compliance_checked'
      ORDER BY seq DESC LIMIT 1`,
    [pact.id],
  );
  if (last && sameFindings(last.payload.standAsides, standAsides)) {
    return { breached };
  }
  const { total, kept, unknown } = report.summary;
  const event: PactEvent = {
    pactId: pact.id,
    action: 'pact.compliance_checked',
    actor: { userId: null, role: 'system', localPartyId: null, party: null, region: null },
    occurredAt: new Date().toISOString(),
    payload: {
      from: pact.status,
      to: pact.status,
      contest: pact.contest,
      importId: latestImportId,
      summary: { total, kept, breached: report.summary.breached, unknown },
      standAsides,
    },
  };
  await appendAndAnnounce(manager, outbox, [event]);
  return { breached };
}

/** Whether two checks found the same (jsonb reorders keys, so compare field by field). */
function sameFindings(a: Findings, b: Findings): boolean {
  const key = (f: Findings[number]) =>
    [
      f.party,
      f.constituency,
      f.beneficiary,
      f.status,
      String(f.beneficiaryStood),
      ...f.breachingCandidates,
    ].join('|');
  return a.length === b.length && a.every((f, i) => b[i] !== undefined && key(f) === key(b[i]));
}
