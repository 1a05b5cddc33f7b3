import { allowedCommands, type Actor, type Pact, type Terms } from '@pactroom/negotiation';
import type { PactImpactReport } from '../scenarios/pact-impact-report.js';
import type { PactImpactService } from '../scenarios/pact-impact.service.js';
import type { EntityManager } from 'typeorm';
import {
  loadCoordinatorSlots,
  loadExtras,
  slotKey,
  type CoordinatorSlots,
  type ViewExtras,
} from './store/index.js';
import type { PactDetailDto, RevisionDto } from './dto/pact-response.dto.js';

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
  impact: PactImpactReport | null,
): Promise<PactDetailDto> {
  const [extras, coordinators] = await Promise.all([
    loadExtras(manager, pact.id),
    loadCoordinatorSlots(manager),
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
  impact: PactImpactReport | null,
): PactDetailDto {
  const current = pact.revision.number;
  const signatures = pact.signatures.filter((s) => s.revision === current);
  const approvals = pact.approvals.filter((a) => a.revision === current);
  const signed = new Set(signatures.map((s) => s.localPartyId));
  return {
    id: pact.id,
    title: pact.title,
    election: pact.election,
    contest: pact.contest,
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

/**
 * A command's response with its impact: computed after the command commits, never while it holds
 * the pact's or the seats' locks (2,000 draws take a tenth of a second or more, and 50 concurrent
 * signatures would queue behind them). The response kept for an idempotent replay is stored
 * without it, and a replay gets it here the same way, for the terms that response shows.
 */
export async function withImpact(
  impacts: PactImpactService,
  view: PactDetailDto,
  pact: Pact,
): Promise<PactDetailDto> {
  if (view.impact) {
    return view;
  }
  return { ...view, impact: await impacts.summary(pact, view.revision.terms.standAsides) };
}
