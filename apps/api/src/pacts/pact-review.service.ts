import { Injectable } from '@nestjs/common';
import type { AuditEvent } from '@pactroom/audit-chain';
import type { PactStatus } from '@pactroom/negotiation';
import type { Principal } from '../auth/principal.js';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { MAX_LIMIT } from '../common/pagination.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { PactDetailDto } from './dto/pact-response.dto.js';
import { PactQueriesService } from './pact-queries.service.js';
import { PactRecordsService } from './pact-records.service.js';
import { certificateRow } from './store/index.js';

/** At most this many pacts per list: a queue and a review are working lists, not an archive. */
export const PER_LIST = 50;
/** Recently rejected pacts shown under a coordinator's queue. */
export const RECENT_REJECTIONS = 10;

/**
 * A list cut at a limit: `cappedAt` is the limit when there were more to show (the page says so
 * rather than cutting silently), else null.
 */
export interface CappedList<T> {
  readonly items: readonly T[];
  readonly cappedAt: number | null;
}

export interface QueueItem {
  readonly id: string;
  readonly title: string;
  readonly revision: number;
  readonly signedAt: string | null;
  readonly respondBy: string;
  readonly participants: ReadonlyArray<{ name: string; party: string }>;
  /** Whether the viewer may reject it here (the services' allowedCommands). */
  readonly canReject: boolean;
}

export interface RejectionItem {
  readonly id: string;
  readonly title: string;
  readonly reason: string | null;
  readonly rejectedBy: string | null;
  readonly rejectedAt: string | null;
}

export interface StandAsideLine {
  readonly party: string;
  readonly constituency: string;
  readonly constituencyName: string;
  readonly beneficiary: string;
}

export interface ReviewItem {
  readonly id: string;
  readonly title: string;
  readonly status: PactStatus;
  readonly election: string;
  readonly revision: number;
  readonly standAsides: readonly StandAsideLine[];
  readonly commitments: ReadonlyArray<{ party: string; text: string }>;
  readonly signers: ReadonlyArray<{ name: string; localParty: string; at: string }>;
  readonly approvers: ReadonlyArray<{ name: string; party: string; region: string; at: string }>;
}

/**
 * What a coordinator's queue and a member's review show: the pacts the queries let the viewer see,
 * sorted by what the services allow them to do, with names taken from the audit trail (who acted,
 * as of then) — no rule of its own.
 */
@Injectable()
export class PactReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: PactQueriesService,
    private readonly records: PactRecordsService,
    private readonly reference: ReferenceService,
  ) {}

  /** Signed pacts waiting for the viewer's approval (their pending slot, by allowedCommands). */
  async approvalQueue(principal: Principal): Promise<CappedList<QueueItem>> {
    const { pacts, cappedAt } = await this.detailsOf(principal, ['signed'], PER_LIST);
    const items = pacts
      .filter((pact) => pact.allowedCommands.includes('approve'))
      .sort((a, b) => a.respondBy.localeCompare(b.respondBy) || a.id.localeCompare(b.id))
      .map((pact) => ({
        id: pact.id,
        title: pact.title,
        revision: pact.currentRevision,
        signedAt: latest(pact.signatures.map((s) => s.signedAt)),
        respondBy: pact.respondBy,
        participants: pact.participants.map((p) => ({ name: p.name, party: p.party })),
        canReject: pact.allowedCommands.includes('reject'),
      }));
    return { items, cappedAt };
  }

  /** Rejected pacts the viewer can see, newest first, with the reason from their audit trail. */
  async recentRejections(principal: Principal): Promise<CappedList<RejectionItem>> {
    const page = await this.queries.listPacts(principal, {
      status: 'rejected',
      limit: RECENT_REJECTIONS,
    });
    const items = await Promise.all(
      page.items.map(async (pact) => {
        const trail = await this.trailOf(principal, pact.id);
        const event = trail.filter((e) => e.action === 'pact.rejected').at(-1);
        const payload = event?.payload as { reason?: unknown } | undefined;
        return {
          id: pact.id,
          title: pact.title,
          reason: typeof payload?.reason === 'string' ? payload.reason : null,
          rejectedBy: event?.actor.name ?? null,
          rejectedAt: event?.occurredAt ?? null,
        };
      }),
    );
    return { items, cappedAt: page.nextCursor ? RECENT_REJECTIONS : null };
  }

  /** The viewer's ratified and terminated pacts: terms, who signed and who approved, by name. */
  async agreements(principal: Principal): Promise<CappedList<ReviewItem>> {
    const { pacts, cappedAt } = await this.detailsOf(
      principal,
      ['ratified', 'terminated'],
      PER_LIST,
    );
    const sorted = pacts.sort(
      (a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id),
    );
    // One look-up per constituency however many pacts name it.
    const names = new Map<string, Promise<string>>();
    const nameOf = (election: string, code: string) => {
      const key = `${election}/${code}`;
      let name = names.get(key);
      if (!name) {
        name = this.constituencyName(election, code);
        names.set(key, name);
      }
      return name;
    };
    const items = await Promise.all(sorted.map((pact) => this.reviewItem(pact, nameOf)));
    return { items, cappedAt };
  }

  private async reviewItem(
    pact: PactDetailDto,
    constituencyName: (election: string, code: string) => Promise<string>,
  ): Promise<ReviewItem> {
    // Who signed or approved as the event of their act named them (as the pact page and the
    // certificate do), else the account's name now: a later rename or act does not rewrite it.
    const row = await certificateRow(this.dataSource.manager, pact.id);
    const users = (row?.users as Record<string, string> | null | undefined) ?? {};
    const nameOf = (userId: string, revision: number, localPartyId: string | null) =>
      row?.named?.[`${userId}:${revision}:${localPartyId ?? ''}`] ?? users[userId] ?? 'Unknown';
    const localParty = (id: string) =>
      pact.participants.find((p) => p.localPartyId === id)?.name ?? 'Unknown';
    const terms = pact.revision.terms;
    return {
      id: pact.id,
      title: pact.title,
      status: pact.status,
      election: pact.election,
      revision: pact.currentRevision,
      standAsides: await Promise.all(
        terms.standAsides.map(async (s) => ({
          party: s.party,
          constituency: s.constituency,
          constituencyName: await constituencyName(pact.election, s.constituency),
          beneficiary: s.beneficiary,
        })),
      ),
      commitments: terms.commitments.map((c) => ({ party: c.party, text: c.text })),
      signers: pact.signatures.map((s) => ({
        name: nameOf(s.userId, s.revision, s.localPartyId),
        localParty: localParty(s.localPartyId),
        at: s.signedAt,
      })),
      approvers: pact.approvals.map((a) => ({
        name: nameOf(a.userId, a.revision, null),
        party: a.party,
        region: a.region,
        at: a.approvedAt,
      })),
    };
  }

  /** The newest `limit` pacts of each status, and `limit` as `cappedAt` when any had more. */
  private async detailsOf(
    principal: Principal,
    statuses: readonly PactStatus[],
    limit: number,
  ): Promise<{ pacts: PactDetailDto[]; cappedAt: number | null }> {
    const pages = await Promise.all(
      statuses.map((status) => this.queries.listPacts(principal, { status, limit })),
    );
    const ids = pages.flatMap((page) => page.items.map((item) => item.id));
    const details = await Promise.all(ids.map((id) => this.queries.getPact(principal, id)));
    return {
      // Read again after expiry-on-read: a pact may have left the status it was listed under.
      pacts: details.filter((pact) => statuses.includes(pact.status)),
      cappedAt: pages.some((page) => page.nextCursor) ? limit : null,
    };
  }

  /** A pact's whole trail, a page at a time (its last event is the one that matters here). */
  private async trailOf(principal: Principal, id: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.records.auditTrail(principal, id, { limit: MAX_LIMIT, cursor });
      events.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return events;
  }

  private async constituencyName(election: string, onsCode: string): Promise<string> {
    try {
      return (await this.reference.getConstituencyResult(election, onsCode)).name;
    } catch (error) {
      if (error instanceof ApiError) {
        return onsCode;
      }
      throw error;
    }
  }
}

function latest(instants: readonly string[]): string | null {
  return instants.length === 0 ? null : ([...instants].sort().at(-1) ?? null);
}
