import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DEFAULT_RULES,
  checkRules,
  checkStance,
  latestStances,
  stanceHistory,
  type PublishedResult,
} from '@pactroom/consultation';
import { canView, type Terms } from '@pactroom/negotiation';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { withSerializationRetry } from '../common/transaction-retry.js';
import { ContestsService } from '../contests/contests.service.js';
import { Outbox } from '../notifications/outbox.js';
import { PactImpactService } from '../scenarios/pact-impact.service.js';
import { CommandThrottle } from '../pacts/command-throttle.js';
import { ElectionGeography } from '../pacts/election-geography.js';
import { actorOf, lockVisiblePact } from '../pacts/pact-command-locks.js';
import { PactErrors } from '../pacts/pacts.errors.js';
import { loadPact, pactIsVisible } from '../pacts/store/index.js';
import { closeConsultation, resultOf } from './consultation-gate.js';
import {
  announceConsultation,
  coordinatorActor,
  openedEvent,
  recordConsultationEvents,
} from './consultation-events.js';
import { consultationView } from './consultation-view.js';
import {
  consultationsOfPact,
  consultationOfSlot,
  consultationsOpenTo,
  electorateOf,
  insertConsultation,
  insertStance,
  isElector,
  loadConsultation,
  type ConsultationRow,
} from './consultation-store.js';
import type { ConsultationDto } from './dto/consultation-response.dto.js';
import type { OpenConsultationDto, StanceDto } from './dto/consultation-request.dto.js';
import { ConsultationErrors } from './consultations.errors.js';
import {
  chooseSlot,
  closingTime,
  coordinatorSlots,
  localPartiesOf,
} from './consultation-opening.js';

/**
 * Members' consultations (issue 15): a coordinator whose approval a signed pact needs asks their
 * party's members about that exact revision; members give stances until it closes; the result is
 * published at close and recorded in the pact's audit chain. Each use case is one transaction.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly geography: ElectionGeography,
    private readonly outbox: Outbox,
    private readonly impacts: PactImpactService,
    private readonly throttle: CommandThrottle,
  ) {}

  /** Opens a consultation of the coordinator's members on the pact's current (signed) revision. */
  async open(
    principal: Principal,
    pactId: string,
    dto: OpenConsultationDto,
  ): Promise<ConsultationDto> {
    await this.throttle.consume(principal.userId);
    const now = new Date();
    return withSerializationRetry(() =>
      this.dataSource.transaction(async (manager) => {
        const actor = actorOf(principal, dto.actingFor);
        const pact = await lockVisiblePact(manager, pactId, actor);
        const slot = chooseSlot(pact, principal, dto.actingFor);
        if (pact.status !== 'signed') {
          throw ConsultationErrors.notSigned(pact.status);
        }
        const current = pact.revision.number;
        if (
          pact.approvals.some(
            (a) => a.revision === current && a.party === slot.party && a.region === slot.region,
          )
        ) {
          throw ConsultationErrors.alreadyApproved();
        }
        const existing = await consultationOfSlot(
          manager,
          pact.id,
          current,
          slot.party,
          slot.region,
        );
        if (existing) {
          throw ConsultationErrors.exists(existing.id);
        }
        const closesAt = await closingTime(this.contests, manager, pact, dto.closesAt, now);
        const rules = {
          quorum: dto.quorum ?? DEFAULT_RULES.quorum,
          threshold: dto.threshold ?? DEFAULT_RULES.threshold,
        };
        const problem = checkRules(rules);
        if (problem) {
          throw ConsultationErrors.rules(problem.field, problem.problem);
        }
        const scope = dto.scope ?? 'local-parties';
        const localParties =
          scope === 'local-parties'
            ? await localPartiesOf(this.geography, manager, pact, slot)
            : [];
        const electors = await electorateOf(
          manager,
          slot.party,
          slot.region,
          scope,
          localParties.map((lp) => lp.id),
        );
        if (electors.length === 0) {
          throw ConsultationErrors.noElectorate(scope);
        }
        const row: ConsultationRow = {
          id: randomUUID(),
          pactId: pact.id,
          revision: current,
          party: slot.party,
          region: slot.region,
          scope,
          localPartyIds: localParties.map((lp) => lp.id),
          secret: dto.secret,
          quorum: rules.quorum,
          threshold: rules.threshold,
          electorate: electors.length,
          closesAt,
          openedBy: principal.userId,
          openedAt: now,
          endedAt: null,
          ending: null,
          endedBy: null,
          result: null,
        };
        await insertConsultation(manager, row, electors);
        const by = coordinatorActor(principal.userId, slot.party, slot.region);
        await recordConsultationEvents(manager, [openedEvent(pact, row, by)], principal);
        await announceConsultation(
          manager,
          this.outbox,
          'consultation.opened',
          row,
          principal.userId,
          now,
        );
        return consultationView(manager, row, pact, principal.userId, now);
      }),
    );
  }

  /** The pact's consultations, for those who may see the pact. */
  async listForPact(principal: Principal, pactId: string): Promise<ConsultationDto[]> {
    const manager = this.dataSource.manager;
    const pact = await this.visiblePact(manager, principal, pactId);
    const now = new Date();
    const rows = await consultationsOfPact(manager, pact.id);
    return Promise.all(rows.map((c) => consultationView(manager, c, pact, principal.userId, now)));
  }

  /** One consultation: for those consulted, and for those who may see its pact. */
  async get(principal: Principal, id: string): Promise<ConsultationDto> {
    const manager = this.dataSource.manager;
    const { c, pact } = await this.visibleConsultation(manager, principal, id);
    // The projected impact of the terms asked about, as the pact shows it (central rates).
    const impactOf = (terms: Terms) => this.impacts.summary(pact, terms.standAsides);
    return consultationView(manager, c, pact, principal.userId, new Date(), impactOf);
  }

  /** A member's stance (the latest counts); open consultations, consulted members only. */
  async setStance(principal: Principal, id: string, dto: StanceDto): Promise<ConsultationDto> {
    // Counted like pact commands: nobody fills the table (and every tally) with changes of mind.
    await this.throttle.consume(principal.userId);
    return this.dataSource.transaction(async (manager) => {
      const { pact } = await this.visibleConsultation(manager, principal, id);
      // Shared lock: stances go in side by side; a close (FOR UPDATE) waits for them, and they for it.
      const c = await loadConsultation(manager, id, 'FOR SHARE');
      if (!c || !(await isElector(manager, id, principal.userId))) {
        throw ConsultationErrors.notElector();
      }
      const now = new Date();
      if (c.endedAt !== null || c.closesAt <= now) {
        throw ConsultationErrors.ended(c.ending ?? 'closed');
      }
      const checked = checkStance(dto.stance, dto.reason);
      if (!checked.ok) {
        throw ConsultationErrors.stance(checked.code, checked.message);
      }
      await insertStance(manager, id, principal.userId, dto.stance, checked.reason, now);
      return consultationView(manager, c, pact, principal.userId, now);
    });
  }

  /** Closes it early: only the coordinator who opened it, only while open. */
  close(principal: Principal, id: string): Promise<ConsultationDto> {
    return withSerializationRetry(() =>
      this.dataSource.transaction(async (manager) => {
        const found = await loadConsultation(manager, id);
        if (!found) {
          throw ConsultationErrors.notFound();
        }
        const pact = await lockVisiblePact(manager, found.pactId, actorOf(principal)).catch(() => {
          throw ConsultationErrors.notFound();
        });
        if (found.openedBy !== principal.userId) {
          throw ConsultationErrors.notOpener();
        }
        const now = new Date();
        if (found.endedAt !== null) {
          throw ConsultationErrors.ended(found.ending ?? 'closed');
        }
        const by = coordinatorActor(principal.userId, found.party, found.region);
        await closeConsultation(manager, this.outbox, pact, id, by, now);
        const after = (await loadConsultation(manager, id)) ?? found;
        return consultationView(manager, after, pact, principal.userId, now);
      }),
    );
  }

  /** The open consultations the member is asked in, soonest closing first (My desk). */
  async openForMember(principal: Principal): Promise<ConsultationDto[]> {
    const manager = this.dataSource.manager;
    const now = new Date();
    const rows = await consultationsOpenTo(manager, principal.userId, now);
    const views = await Promise.all(
      rows.map(async (c) => {
        const pact = await loadPact(manager, c.pactId, false);
        return pact ? consultationView(manager, c, pact, principal.userId, now) : undefined;
      }),
    );
    return views.filter((v): v is ConsultationDto => v !== undefined);
  }

  /**
   * The slots for which the coordinator could consult their members on the pact now (signed, the
   * slot's approval still needed, none held on this revision) — what the pact page offers.
   */
  async slotsToConsult(
    principal: Principal,
    pactId: string,
  ): Promise<{ party: string; region: string }[]> {
    const manager = this.dataSource.manager;
    const pact = await this.visiblePact(manager, principal, pactId);
    if (pact.status !== 'signed') {
      return [];
    }
    const current = pact.revision.number;
    const held = await consultationsOfPact(manager, pact.id);
    return coordinatorSlots(pact, principal, 'reject').filter(
      (s) =>
        !pact.approvals.some(
          (a) => a.revision === current && a.party === s.party && a.region === s.region,
        ) &&
        !held.some((c) => c.revision === current && c.party === s.party && c.region === s.region),
    );
  }

  /**
   * The consultations on the current revision of the slots the coordinator may approve for, and
   * whether approving needs a written reason (closed, and failed or blocked) — the approve page.
   */
  async forApproval(
    principal: Principal,
    pactId: string,
  ): Promise<{ consultation: ConsultationDto; overrideNeeded: boolean }[]> {
    const manager = this.dataSource.manager;
    const pact = await this.visiblePact(manager, principal, pactId);
    const slots = coordinatorSlots(pact, principal, 'approve');
    const now = new Date();
    const rows = (await consultationsOfPact(manager, pact.id)).filter(
      (c) =>
        c.revision === pact.revision.number &&
        c.ending !== 'voided' &&
        slots.some((s) => s.party === c.party && s.region === c.region),
    );
    return Promise.all(
      rows.map(async (c) => {
        const consultation = await consultationView(manager, c, pact, principal.userId, now);
        const outcome = consultation.result?.outcome;
        const overrideNeeded = outcome !== undefined && (!outcome.passed || outcome.blocked);
        return { consultation, overrideNeeded };
      }),
    );
  }

  /** Closes every consultation whose time has come (the sweep); returns how many. */
  async closeDue(ids: readonly { id: string; pactId: string }[]): Promise<number> {
    let closed = 0;
    for (const { id, pactId } of ids) {
      const done = await withSerializationRetry(() =>
        this.dataSource.transaction(async (manager) => {
          const pact = await loadPact(manager, pactId, true);
          return pact
            ? closeConsultation(manager, this.outbox, pact, id, null, new Date())
            : undefined;
        }),
      );
      closed += done ? 1 : 0;
    }
    return closed;
  }

  /** Who is being consulted and their own stances — exported for the pages. */
  async published(manager: EntityManager, c: ConsultationRow): Promise<PublishedResult> {
    return (c.result as PublishedResult | null) ?? resultOf(manager, c);
  }

  /** Whether the principal may open the pact itself (members asked may not, before ratification). */
  async seesPact(principal: Principal, pactId: string): Promise<boolean> {
    return this.visiblePact(this.dataSource.manager, principal, pactId).then(
      () => true,
      () => false,
    );
  }

  private async visiblePact(manager: EntityManager, principal: Principal, pactId: string) {
    const actor = actorOf(principal);
    const pact = (await pactIsVisible(manager, principal.grants, pactId))
      ? await loadPact(manager, pactId, false)
      : undefined;
    if (!pact || !canView(pact, actor)) {
      throw PactErrors.notFound();
    }
    return pact;
  }

  /**
   * The consultation and its pact if the user is consulted or may see the pact; else 404, for one
   * that exists as for one that does not (both checks always run).
   */
  private async visibleConsultation(manager: EntityManager, principal: Principal, id: string) {
    const c = await loadConsultation(manager, id);
    // Both checks always run (one after the other: `manager` may be a transaction's connection).
    const consulted = await isElector(manager, id, principal.userId);
    const seesPact = await pactIsVisible(manager, principal.grants, c?.pactId ?? id);
    const pact = c ? await loadPact(manager, c.pactId, false) : undefined;
    if (!c || !pact || !(consulted || (seesPact && canView(pact, actorOf(principal))))) {
      throw ConsultationErrors.notFound();
    }
    return { c, pact };
  }
}

export { latestStances, stanceHistory };
