import {
  latestStances,
  publishResult,
  stanceHistory,
  type PublishedResult,
} from '@pactroom/consultation';
import type { Pact, Terms } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import {
  isElector,
  namesOf,
  stancesOf,
  voidedBecause,
  type ConsultationRow,
} from './consultation-store.js';
import type { ConsultationDto, ConsultationResultDto } from './dto/consultation-response.dto.js';

/** Open until its closing time; then closed (the sweep records it), unless it was voided. */
export function statusOf(c: ConsultationRow, now: Date): ConsultationDto['status'] {
  return c.ending ?? (c.closesAt <= now ? 'closed' : 'open');
}

interface RevisionFacts {
  hash: string;
  terms: Terms;
  signatures: { localPartyName: string; userName: string; signedAt: Date }[];
  localParties: { id: string; name: string }[];
}

/** The revision asked about: its hash, terms and signatures, and the local parties consulted. */
async function revisionFacts(manager: EntityManager, c: ConsultationRow): Promise<RevisionFacts> {
  const [row] = await manager.query<
    {
      hash: string;
      canonical_terms: string;
      signatures: RevisionFacts['signatures'] | null;
      local_parties: RevisionFacts['localParties'] | null;
    }[]
  >(
    `SELECT r.hash, r.canonical_terms,
            (SELECT json_agg(json_build_object('localPartyName', lp.name, 'userName', u.name,
                     'signedAt', s.signed_at) ORDER BY s.signed_at)
               FROM pact_signatures s JOIN local_parties lp ON lp.id = s.local_party_id
               JOIN users u ON u.id = s.user_id
              WHERE s.pact_id = r.pact_id AND s.revision_number = r.number) AS signatures,
            (SELECT json_agg(json_build_object('id', lp.id, 'name', lp.name) ORDER BY lp.name)
               FROM local_parties lp WHERE lp.id = ANY($3::uuid[])) AS local_parties
       FROM pact_revisions r WHERE r.pact_id = $1 AND r.number = $2`,
    [c.pactId, c.revision, c.localPartyIds],
  );
  return {
    hash: row?.hash ?? '',
    terms: JSON.parse(row?.canonical_terms ?? '{"standAsides":[],"commitments":[]}') as Terms,
    signatures: row?.signatures ?? [],
    localParties: row?.local_parties ?? [],
  };
}

/** The published result with people named (an open ballot's stances; who took part). */
function namedResult(result: PublishedResult, names: ReadonlyMap<string, string>) {
  const name = (id: string) => names.get(id) ?? 'A member';
  const dto: ConsultationResultDto = {
    outcome: {
      ...result.outcome.tally,
      agreeShare: result.outcome.agreeShare,
      quorum: result.outcome.rules.quorum,
      threshold: result.outcome.rules.threshold,
      quorumMet: result.outcome.quorumMet,
      thresholdMet: result.outcome.thresholdMet,
      blocked: result.outcome.blocked,
      passed: result.outcome.passed,
    },
    voters: result.voters.map(name).sort((a, b) => a.localeCompare(b, 'en-GB')),
    stances:
      result.stances === null
        ? null
        : result.stances
            .map((s) => ({ name: name(s.voter), stance: s.stance, reason: s.reason }))
            .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    reasons: result.reasons.map((r) => ({ stance: r.stance, reason: r.reason })),
  };
  return dto;
}

/**
 * A consultation as its reader sees it: how many took part so far (never how, before it closes),
 * their own stance and history if consulted, and the result once closed — with the terms and
 * signatures of the revision it asks about, so the members consulted can read what they answer on.
 */
export async function consultationView(
  manager: EntityManager,
  c: ConsultationRow,
  pact: Pact,
  viewerId: string,
  now: Date,
  impactOf?: (terms: Terms) => Promise<unknown>,
): Promise<ConsultationDto> {
  // One after another: `manager` may be a transaction's single connection.
  const records = await stancesOf(manager, c.id);
  const facts = await revisionFacts(manager, c);
  const consulted = await isElector(manager, c.id, viewerId);
  const why = c.ending === 'voided' ? await voidedBecause(manager, c) : null;
  const status = statusOf(c, now);
  const result =
    status === 'closed'
      ? ((c.result as PublishedResult | null) ??
        publishResult(
          records,
          c.electorate,
          { quorum: c.quorum, threshold: c.threshold },
          c.secret,
        ))
      : null;
  const names = await namesOf(manager, [c.openedBy, ...(result?.voters ?? [])]);
  const history = stanceHistory(records, viewerId).map((r) => ({
    stance: r.stance,
    reason: r.reason,
    at: r.at,
  }));
  return {
    id: c.id,
    pactId: c.pactId,
    pactTitle: pact.title,
    election: pact.election,
    revision: c.revision,
    revisionHash: facts.hash,
    party: c.party,
    region: c.region,
    scope: c.scope,
    localParties: facts.localParties,
    secret: c.secret,
    quorum: c.quorum,
    threshold: c.threshold,
    closesAt: c.closesAt.toISOString(),
    openedAt: c.openedAt.toISOString(),
    openedBy: names.get(c.openedBy) ?? '',
    status,
    endedAt: c.endedAt?.toISOString() ?? null,
    voidedBecause: why,
    electorate: c.electorate,
    voters: latestStances(records).size,
    you: { consulted, opened: c.openedBy === viewerId, stance: history.at(-1) ?? null, history },
    result: result === null ? null : namedResult(result, names),
    terms: facts.terms,
    signatures: facts.signatures.map((s) => ({
      ...s,
      signedAt: new Date(s.signedAt).toISOString(),
    })),
    ...(impactOf === undefined ? {} : { impact: await impactOf(facts.terms) }),
  };
}
