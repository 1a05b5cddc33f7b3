import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createDraft, decide, type Pact } from '@pactroom/negotiation';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { withSerializationRetry } from '../common/transaction-retry.js';
import { ContestErrors } from '../contests/contests.errors.js';
import { ContestsService } from '../contests/contests.service.js';
import { Outbox } from '../notifications/outbox.js';
import { PactImpactService } from '../scenarios/pact-impact.service.js';
import { CommandThrottle } from './command-throttle.js';
import type { PactDetailDto } from './dto/pact-response.dto.js';
import { ElectionGeography } from './election-geography.js';
import { claimOrReplay, storeResponse, type IdempotentRequest } from './idempotency.js';
import { actorOf } from './pact-command-locks.js';
import { normaliseTerms, type CreatePactInput } from './pact-inputs.js';
import { appendAndAnnounce } from './pact-notifications.js';
import { buildPactView, withImpact } from './pact-view.js';
import { PactErrors } from './pacts.errors.js';
import {
  insertPact,
  loadPact,
  loadParticipants,
  lockSeatsAndLoadOtherPacts,
} from './store/index.js';

/**
 * Creating a pact: its draft (revision 1) and, with `propose`, its proposal in the same transaction
 * — the pact's first audit events, its seats locked for the conflict check, its list keys filed.
 * The other commands act on an existing pact (`PactCommandsService`).
 */
@Injectable()
export class PactCreationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly geography: ElectionGeography,
    private readonly impacts: PactImpactService,
    private readonly throttle: CommandThrottle,
    private readonly outbox: Outbox,
    private readonly contests: ContestsService,
  ) {}

  /** Drafts a pact for a contest (and proposes it when asked), as the author local party. */
  async createPact(
    principal: Principal,
    dto: CreatePactInput,
    idempotency?: IdempotentRequest,
  ): Promise<PactDetailDto> {
    await this.throttle.consume(principal.userId);
    const { contest, baseline } = await this.contests.forPact(dto);
    const geography = await this.geography.forElection(baseline);
    if (!geography) {
      throw PactErrors.electionNotFound(baseline);
    }
    if (geography.boundarySet !== contest.boundarySet) {
      throw ContestErrors.baselineBoundaryMismatch(baseline, contest.id, contest.boundarySet);
    }
    const actor = actorOf(principal, dto.actingFor);
    const terms = normaliseTerms(dto.terms);
    const created = await withSerializationRetry(() =>
      this.dataSource.transaction(async (manager): Promise<{ view: PactDetailDto; pact: Pact }> => {
        if (idempotency) {
          const replay = await claimOrReplay(manager, idempotency);
          if (replay !== undefined) {
            const view = replay as PactDetailDto;
            const stored = await loadPact(manager, view.id, false);
            if (!stored) {
              throw PactErrors.notFound();
            }
            return { view, pact: stored };
          }
        }
        const participants = await loadParticipants(manager, dto.localParties, geography);
        const now = new Date();
        const drafted = createDraft(
          {
            id: randomUUID(),
            title: dto.title,
            election: baseline,
            contest: contest.id,
            respondByLimit: this.contests.respondByLimit(contest),
            participants,
            terms,
            respondBy: dto.respondBy,
            constituencyRegions: geography.regions,
          },
          actor,
          now,
        );
        if (!drafted.ok) {
          throw PactErrors.rejected(drafted);
        }
        let pact = drafted.pact;
        const events = [...drafted.events];
        if (dto.propose) {
          const otherPacts = await lockSeatsAndLoadOtherPacts(
            manager,
            pact.contest,
            pact.revision.terms.standAsides,
            pact.id,
          );
          const proposed = decide(
            pact,
            { type: 'propose', context: { constituencyRegions: geography.regions, otherPacts } },
            actor,
            now,
          );
          if (!proposed.ok) {
            throw PactErrors.rejected(proposed);
          }
          pact = proposed.pact;
          events.push(...proposed.events);
        }
        await insertPact(manager, pact, principal.userId, geography.regions);
        await appendAndAnnounce(manager, this.outbox, events, principal);
        // The impact is added after commit, outside the seat locks (see withImpact).
        const view = await buildPactView(manager, pact, actor, now, null);
        if (idempotency) {
          await storeResponse(manager, idempotency, 201, view);
        }
        return { view, pact };
      }),
    );
    return withImpact(this.impacts, created.view, created.pact);
  }
}
