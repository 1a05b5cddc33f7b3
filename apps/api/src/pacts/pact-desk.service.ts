import type { ContestView } from '@pactroom/contests';
import { Injectable } from '@nestjs/common';
import { arrangeDesk, askedOf, type PactCommandType, type PactStatus } from '@pactroom/negotiation';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ContestsService } from '../contests/contests.service.js';
import type { PactDetailDto } from './dto/pact-response.dto.js';
import { PactQueriesService } from './pact-queries.service.js';

/** Pacts still being negotiated or ratified: what a desk shows. */
const OPEN_STATUSES: readonly PactStatus[] = ['draft', 'proposed', 'signed'];
/** Per status, at most this many on a desk (the newest): a desk is a to-do list, not an archive. */
const PER_STATUS = 50;
const RECENT_EVENTS = 12;

export interface DeskItem {
  readonly id: string;
  readonly title: string;
  readonly status: PactStatus;
  readonly election: string;
  /** The contest it is for, with the deadline the desk counts down to. */
  readonly contest: DeskContest;
  readonly respondBy: string;
  readonly updatedAt: string;
  readonly currentRevision: number;
  readonly allowedCommands: readonly PactCommandType[];
  /** What waits for the viewer on it. */
  readonly asked: PactCommandType[];
  readonly participants: ReadonlyArray<{ name: string; party: string; signed: boolean }>;
}

export interface DeskContest {
  readonly id: string;
  readonly name: string;
  readonly phase: ContestView['phase'];
  readonly withdrawalDeadline: string;
}

export interface DeskActivity {
  readonly pactId: string;
  readonly pactTitle: string;
  readonly action: string;
  readonly actorName: string | null;
  readonly occurredAt: string;
}

export interface DeskView {
  readonly waiting: DeskItem[];
  readonly live: DeskItem[];
  readonly activity: DeskActivity[];
}

/**
 * The signed-in person's desk: the pacts waiting for them (to propose, sign, counter or approve),
 * their other open pacts, and what last happened on the pacts they can see — all through the
 * queries the API uses, so it shows exactly what the viewer may see and do.
 */
@Injectable()
export class PactDeskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: PactQueriesService,
    private readonly contests: ContestsService,
  ) {}

  async desk(principal: Principal): Promise<DeskView> {
    const [pages, recent] = await Promise.all([
      Promise.all(
        OPEN_STATUSES.map((status) =>
          this.queries.listPacts(principal, { status, limit: PER_STATUS }),
        ),
      ),
      this.queries.listPacts(principal, { limit: PER_STATUS }),
    ]);
    const ids = pages.flatMap((page) => page.items.map((item) => item.id));
    const [details, contests] = await Promise.all([
      Promise.all(ids.map((id) => this.queries.getPact(principal, id))),
      this.contests.views(),
    ]);
    const contestOf = (id: string): DeskContest => {
      const c = contests.find((view) => view.id === id);
      return {
        id,
        name: c?.name ?? id,
        phase: c?.phase ?? 'past',
        withdrawalDeadline: c?.calendar.withdrawalDeadline ?? '',
      };
    };
    const open = details
      .filter((pact) => OPEN_STATUSES.includes(pact.status))
      .map((pact) => toItem(pact, contestOf(pact.contest)));
    const { waiting, live } = arrangeDesk(open);
    const seen = [...new Set([...ids, ...recent.items.map((item) => item.id)])];
    return { waiting, live, activity: await this.activity(seen) };
  }

  private async activity(pactIds: readonly string[]): Promise<DeskActivity[]> {
    if (pactIds.length === 0) {
      return [];
    }
    const rows: Array<{
      pact_id: string;
      title: string;
      action: string;
      actor_name: string | null;
      occurred_at: Date;
    }> = await this.dataSource.query(
      `SELECT e.pact_id, p.title, e.action, e.actor_name, e.occurred_at
         FROM audit_events e JOIN pacts p ON p.id = e.pact_id
        WHERE e.pact_id = ANY($1::uuid[])
        ORDER BY e.occurred_at DESC, e.seq DESC
        LIMIT $2`,
      [pactIds, RECENT_EVENTS],
    );
    return rows.map((r) => ({
      pactId: r.pact_id,
      pactTitle: r.title,
      action: r.action,
      actorName: r.actor_name,
      occurredAt: r.occurred_at.toISOString(),
    }));
  }
}

function toItem(pact: PactDetailDto, contest: DeskContest): DeskItem {
  return {
    id: pact.id,
    title: pact.title,
    status: pact.status,
    election: pact.election,
    contest,
    respondBy: pact.respondBy,
    updatedAt: pact.updatedAt,
    currentRevision: pact.currentRevision,
    allowedCommands: pact.allowedCommands,
    asked: askedOf(pact),
    participants: pact.participants.map((p) => ({
      name: p.name,
      party: p.party,
      signed: p.signed,
    })),
  };
}
