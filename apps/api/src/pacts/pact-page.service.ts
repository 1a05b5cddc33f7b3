import { Injectable } from '@nestjs/common';
import type { AuditEvent } from '@pactroom/audit-chain';
import { certificateFileName } from '@pactroom/audit-chain';
import type { Commitment, StandAside, TermsDiff } from '@pactroom/negotiation';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { MAX_LIMIT, type Page } from '../common/pagination.js';
import { ProjectionsService } from '../projections/projections.service.js';
import type { ComplianceReport } from '@pactroom/compliance';
import { complianceOf } from '../compliance/nominations-store.js';
import { ContestsService } from '../contests/contests.service.js';
import type { ContestDto } from '../contests/dto/contest.dto.js';
import { electionResults } from '../reference/election-files.js';
import type { PactImpactQueryDto } from './dto/pact-impact.dto.js';
import { engineSwing } from '../scenarios/scenario-swing.js';
import { ScenariosService } from '../scenarios/scenarios.service.js';
import type { PactDetailDto, RevisionDto } from './dto/pact-response.dto.js';
import { PactQueriesService } from './pact-queries.service.js';
import { PactRecordsService } from './pact-records.service.js';
import { actingChoices, mayHaveChoices, type ActingChoices } from './acting-choices.js';
import { actorOf } from './pact-commands.service.js';
import { certificateRow } from './store/index.js';

/** A stand-aside with its seat's name. */
export interface NamedStandAside extends StandAside {
  readonly constituencyName: string;
}

export interface PageSignature {
  readonly localPartyName: string;
  readonly party: string;
  readonly userName: string;
  readonly signedAt: string;
}

export interface PageApprovalSlot {
  readonly party: string;
  readonly region: string;
  readonly status: 'approved' | 'pending';
  readonly hasCoordinator: boolean;
  readonly userName: string | null;
  readonly approvedAt: string | null;
}

export interface PageRevision {
  readonly number: number;
  readonly hash: string;
  readonly authorName: string;
  readonly createdAt: string;
}

/** An audit event as the page lists it: who acted by name and in which capacity. */
export interface PageEvent {
  readonly seq: number;
  readonly action: string;
  readonly revision: number | null;
  /** The name the event recorded (or the account's name now); null for Pactroom itself. */
  readonly actorName: string | null;
  readonly role: string;
  readonly localPartyName: string | null;
  readonly party: string | null;
  readonly region: string | null;
  readonly occurredAt: string;
  readonly hash: string;
}

/** Everything the pact page shows, read for one viewer in one call. */
export interface PactPageView {
  readonly pact: PactDetailDto;
  /** The contest the pact is for, with its calendar and respond-by bound. */
  readonly contest: ContestDto;
  /** Whether each stand-aside was kept, once nominations are known for any of its seats. */
  readonly compliance: {
    readonly checkedAt: string;
    readonly report: ComplianceReport;
  } | null;
  readonly authorName: string;
  readonly signatures: readonly PageSignature[];
  readonly approvals: readonly PageApprovalSlot[];
  readonly standAsides: readonly NamedStandAside[];
  readonly commitments: readonly Commitment[];
  readonly revisions: readonly PageRevision[];
  readonly events: readonly PageEvent[];
  /** Where the viewer could act under several identities: which, for each such command. */
  readonly actingAs: ActingChoices;
}

export interface PactDiffView {
  readonly pact: PactDetailDto;
  readonly revisions: readonly PageRevision[];
  readonly from: number;
  readonly to: number;
  readonly added: readonly NamedStandAside[];
  readonly removed: readonly NamedStandAside[];
  readonly changed: ReadonlyArray<
    TermsDiff['standAsides']['changed'][number] & { constituencyName: string }
  >;
  readonly commitments: TermsDiff['commitments'];
}

/**
 * The pact page's reads: the pact as the viewer may see it, with people and local parties named
 * (signers and approvers as the audit event of their act named them, as the certificate does;
 * seats by their names in the election's data), its revisions and its audit trail. Each use case
 * goes through the queries and records services, so visibility (404) is theirs.
 */
@Injectable()
export class PactPageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: PactQueriesService,
    private readonly records: PactRecordsService,
    private readonly projections: ProjectionsService,
    private readonly contests: ContestsService,
    private readonly scenarios: ScenariosService,
  ) {}

  async pactPage(principal: Principal, id: string): Promise<PactPageView> {
    const pact = await this.queries.getPact(principal, id);
    const [row, revisions, events, seats, contest, checked] = await Promise.all([
      certificateRow(this.dataSource.manager, id),
      everything((cursor) =>
        this.queries.listRevisions(principal, id, { limit: MAX_LIMIT, cursor }),
      ),
      everything((cursor) => this.records.auditTrail(principal, id, { limit: MAX_LIMIT, cursor })),
      seatNames(pact.election),
      this.contests.getContest(pact.contest),
      complianceOf(this.dataSource.manager, pact.contest, pact.revision.terms.standAsides),
    ]);
    const names = row?.names ?? {};
    // Only several grants, or an HQ's, can give a choice to make (the rules' own identities).
    const actingAs =
      mayHaveChoices(principal.grants) && pact.allowedCommands.length > 0
        ? actingChoices(
            await this.queries.getVisiblePact(principal, id),
            pact.allowedCommands,
            actorOf(principal),
            names,
          )
        : {};
    // Both maps are SQL aggregates: null when there is nothing to aggregate yet.
    const users = (row?.users as Record<string, string> | null | undefined) ?? {};
    // Who signed or approved, as their event named them then; else the account's name now.
    const nameThen = (userId: string, revision: number, localPartyId: string | null) =>
      row?.named?.[`${userId}:${revision}:${localPartyId ?? ''}`] ?? users[userId] ?? '';
    const partyOf = new Map(pact.participants.map((p) => [p.localPartyId, p.party]));
    return {
      pact,
      contest,
      compliance: checked.checkedAt
        ? { checkedAt: checked.checkedAt.toISOString(), report: checked.report }
        : null,
      authorName: names[pact.authorLocalPartyId] ?? '',
      signatures: pact.signatures.map((s) => ({
        localPartyName: names[s.localPartyId] ?? '',
        party: partyOf.get(s.localPartyId) ?? '',
        userName: nameThen(s.userId, s.revision, s.localPartyId),
        signedAt: s.signedAt,
      })),
      approvals: pact.requiredApprovals.map((slot) => {
        const approval = pact.approvals.find(
          (a) => a.party === slot.party && a.region === slot.region,
        );
        return {
          ...slot,
          userName: approval ? nameThen(approval.userId, approval.revision, null) : null,
          approvedAt: approval?.approvedAt ?? null,
        };
      }),
      standAsides: pact.revision.terms.standAsides.map((s) => named(s, seats)),
      commitments: pact.revision.terms.commitments,
      revisions: revisions.map((r) => pageRevision(r, names)),
      events: events.map((e) => pageEvent(e, names, users)),
      actingAs,
    };
  }

  /**
   * Revision `to` against revision `from`, in words the page can show; by default the current
   * revision against the one before it (revision 1 against itself when there is only one).
   */
  async revisionDiff(
    principal: Principal,
    id: string,
    fromAsked?: number,
    toAsked?: number,
  ): Promise<PactDiffView> {
    const pact = await this.queries.getPact(principal, id);
    const to = toAsked ?? pact.currentRevision;
    const from = fromAsked ?? Math.max(1, to - 1);
    const { diff } = await this.queries.diffRevisions(principal, id, to, from);
    const [row, revisions, seats] = await Promise.all([
      certificateRow(this.dataSource.manager, id),
      everything((cursor) =>
        this.queries.listRevisions(principal, id, { limit: MAX_LIMIT, cursor }),
      ),
      seatNames(pact.election),
    ]);
    const names = row?.names ?? {};
    return {
      pact,
      revisions: revisions.map((r) => pageRevision(r, names)),
      from,
      to,
      added: diff.standAsides.added.map((s) => named(s, seats)),
      removed: diff.standAsides.removed.map((s) => named(s, seats)),
      changed: diff.standAsides.changed.map((c) => ({
        ...c,
        constituencyName: seats.get(c.constituency) ?? c.constituency,
      })),
      commitments: diff.commitments,
    };
  }

  /** The transfer sets a viewer may pick for the impact and the chart (upper-bound included). */
  transferSets() {
    return this.projections.listTransferSets();
  }

  /** The current terms' seat impact: the records use case (per seat, names included). */
  impact(principal: Principal, id: string, query: PactImpactQueryDto, signal: AbortSignal) {
    return this.records.impact(principal, id, query, signal);
  }

  /** The before/after seat chart of the current terms: the projections' hemicycle use case. */
  async hemicycle(
    principal: Principal,
    id: string,
    query: PactImpactQueryDto,
    signal: AbortSignal,
  ): Promise<string> {
    const pact = await this.queries.getVisiblePact(principal, id);
    const standAsides = pact.revision.terms.standAsides
      .map((s) => `${s.party}:${s.constituency}:${s.beneficiary}`)
      .join(',');
    // On the same scenario as the impact tables above it.
    const scenario = await this.scenarios.forImpact(pact.contest, pact.election, query.scenario);
    return this.projections.hemicycle(
      { election: pact.election, standAsides, transfers: query.transfers, seed: query.seed },
      { owner: principal.userId, signal },
      scenario ? { swing: engineSwing(scenario.swing), name: scenario.name } : undefined,
    );
  }

  /** The certificate as a download: its JSON and a file name made from the pact's title. */
  async certificateFile(
    principal: Principal,
    id: string,
  ): Promise<{ fileName: string; body: string }> {
    const body = await this.records.certificate(principal, id);
    const pact = await this.queries.getVisiblePact(principal, id);
    return { fileName: certificateFileName(pact.title), body };
  }
}

/** Every item of a paged list. */
async function everything<T>(page: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

/** ONS code → constituency name in the election's shipped data (parsed once per process). */
async function seatNames(election: string): Promise<ReadonlyMap<string, string>> {
  const results = await electionResults(election);
  return new Map((results?.constituencies ?? []).map((c) => [c.onsCode, c.name]));
}

function named(s: StandAside, seats: ReadonlyMap<string, string>): NamedStandAside {
  return { ...s, constituencyName: seats.get(s.constituency) ?? s.constituency };
}

function pageEvent(
  e: AuditEvent,
  names: Readonly<Record<string, string>>,
  users: Readonly<Record<string, string>>,
): PageEvent {
  const revision = (e.payload as { revision?: unknown } | null)?.revision;
  const { actor } = e;
  return {
    seq: e.seq,
    action: e.action,
    revision: typeof revision === 'number' ? revision : null,
    actorName: actor.name ?? (actor.userId === null ? null : (users[actor.userId] ?? 'An account')),
    role: actor.role,
    localPartyName: actor.localPartyId === null ? null : (names[actor.localPartyId] ?? null),
    party: actor.party,
    region: actor.region,
    occurredAt: e.occurredAt,
    hash: e.hash,
  };
}

function pageRevision(r: RevisionDto, names: Readonly<Record<string, string>>): PageRevision {
  return {
    number: r.number,
    hash: r.hash,
    authorName: names[r.authorLocalPartyId] ?? '',
    createdAt: r.createdAt,
  };
}
