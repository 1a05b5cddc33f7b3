import { Injectable, Logger } from '@nestjs/common';
import {
  decide,
  expireIfDue,
  isPastRespondBy,
  type ActingFor,
  EXPIRABLE_STATUSES,
  completesSigning,
  isCertified,
  type Actor,
  type Pact,
  type PactCommand,
  type StandAside,
} from '@pactroom/negotiation';
import { DataSource } from 'typeorm';
import { appendAndAnnounce } from './pact-notifications.js';
import { recordComplianceCheck } from '../compliance/compliance-check.js';
import { ContestsService } from '../contests/contests.service.js';
import { Outbox } from '../notifications/outbox.js';
import { PactImpactService } from '../scenarios/pact-impact.service.js';
import { CertificateService, type CertifiedEvent } from '../audit/certificate.service.js';
import { CommandThrottle } from './command-throttle.js';
import type { Principal } from '../auth/principal.js';
import { withSerializationRetry } from '../common/transaction-retry.js';
import type { PactDetailDto } from './dto/pact-response.dto.js';
import { ElectionGeography, type Geography } from './election-geography.js';
import { claimOrReplay, storeResponse, type IdempotentRequest } from './idempotency.js';
import { loadPact, lockSeatsAndLoadOtherPacts, savePactChanges } from './store/index.js';
import {
  normaliseTerms,
  type ActingForInput,
  type CounterInput,
  type ApproveInput,
  type ReasonInput,
  type RevisionInput,
} from './pact-inputs.js';
import { buildPactView, withImpact } from './pact-view.js';
import { PactErrors } from './pacts.errors.js';
import { actorOf, lockVisiblePact } from './pact-command-locks.js';
import { consultationsBefore } from './pact-consultations.js';
import { recordConsultationEvents } from '../consultations/consultation-events.js';
import { staleConsultationEvents } from '../consultations/consultation-gate.js';

/** Builds the command once the locked pact is known; `lockSeats` locks seats and reads conflicts. */
type CommandBuilder = (
  pact: Pact,
  lockSeats: (legs: readonly StandAside[]) => Promise<CommandContext>,
  actor: Actor,
) => Promise<PactCommand>;

/** The negotiation context of `propose`/`counter`, built lazily (it takes seat locks). */
export interface CommandContext {
  readonly constituencyRegions: ReadonlyMap<string, string>;
  readonly otherPacts: Awaited<ReturnType<typeof lockSeatsAndLoadOtherPacts>>;
}

type Outcome =
  | { kind: 'done'; view: PactDetailDto; pact: Pact; certify: CertifiedEvent | null }
  | { kind: 'due' };

export { actorOf };

/**
 * The write side of pacts. Every command is one transaction: lock the pact row, claim the
 * idempotency key, `decide()`, write the rows that changed and the audit event, build the response,
 * commit. A rejection throws inside the transaction, so nothing of it is kept.
 */
@Injectable()
export class PactCommandsService {
  private readonly logger = new Logger(PactCommandsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly geography: ElectionGeography,
    private readonly certificates: CertificateService,
    private readonly impacts: PactImpactService,
    private readonly throttle: CommandThrottle,
    private readonly outbox: Outbox,
    private readonly contests: ContestsService,
  ) {}

  /** Sends a draft to the other participants; counts as the author's signature. */
  proposePact(
    principal: Principal,
    pactId: string,
    input: ActingForInput,
    idempotency?: IdempotentRequest,
  ): Promise<PactDetailDto> {
    return this.runCommand(principal, pactId, input.actingFor, idempotency, async (pact, lock) => ({
      type: 'propose',
      context: await lock(pact.revision.terms.standAsides),
    }));
  }

  /** New terms on top of the current revision; voids earlier signatures and signs for the caller. */
  counterPact(
    principal: Principal,
    pactId: string,
    input: CounterInput,
    idempotency?: IdempotentRequest,
  ): Promise<PactDetailDto> {
    const terms = normaliseTerms(input.terms);
    return this.runCommand(principal, pactId, input.actingFor, idempotency, async (pact, lock) => ({
      type: 'counter',
      baseRevision: input.baseRevision,
      terms,
      respondBy: input.respondBy,
      respondByLimit:
        input.respondBy === undefined
          ? undefined
          : this.contests.respondByLimit(await this.contests.viewOf(pact.contest)),
      // The old legs too: their seats are locked, so a pact leaving a seat is serialised with it.
      context: await lock([...pact.revision.terms.standAsides, ...terms.standAsides]),
    }));
  }

  /**
   * Signs the exact revision for the caller's local party — or, with `actingFor` a list, for each
   * of those local parties, in this one transaction (one signature and audit event each). Only a
   * sign completing the signatures takes the seat locks.
   */
  signPact(
    principal: Principal,
    pactId: string,
    input: RevisionInput,
    idempotency?: IdempotentRequest,
  ): Promise<PactDetailDto> {
    return this.runCommand(
      principal,
      pactId,
      input.actingFor,
      idempotency,
      async (pact, lock, actor) => ({
        type: 'sign',
        revision: input.revision,
        hash: input.hash,
        context: completesSigning(pact, actor)
          ? await lock(pact.revision.terms.standAsides)
          : undefined,
      }),
    );
  }

  /** Ratifies the signed revision for the caller's party and region. */
  approvePact(
    principal: Principal,
    pactId: string,
    input: ApproveInput,
    idempotency?: IdempotentRequest,
  ): Promise<PactDetailDto> {
    return this.runCommand(
      principal,
      pactId,
      input.actingFor,
      idempotency,
      () => Promise.resolve({ type: 'approve', revision: input.revision, hash: input.hash }),
      input.consultationOverride,
    );
  }

  declinePact(
    principal: Principal,
    pactId: string,
    input: ReasonInput,
    idempotency?: IdempotentRequest,
  ) {
    return this.ending('decline', principal, pactId, input, idempotency);
  }

  withdrawPact(
    principal: Principal,
    pactId: string,
    input: ReasonInput,
    idempotency?: IdempotentRequest,
  ) {
    return this.ending('withdraw', principal, pactId, input, idempotency);
  }

  rejectPact(
    principal: Principal,
    pactId: string,
    input: ReasonInput,
    idempotency?: IdempotentRequest,
  ) {
    return this.ending('reject', principal, pactId, input, idempotency);
  }

  terminatePact(
    principal: Principal,
    pactId: string,
    input: ReasonInput,
    idempotency?: IdempotentRequest,
  ) {
    return this.ending('terminate', principal, pactId, input, idempotency);
  }

  private ending(
    type: 'decline' | 'withdraw' | 'reject' | 'terminate',
    principal: Principal,
    pactId: string,
    input: ReasonInput,
    idempotency: IdempotentRequest | undefined,
  ): Promise<PactDetailDto> {
    return this.runCommand(principal, pactId, input.actingFor, idempotency, () =>
      Promise.resolve({ type, reason: input.reason }),
    );
  }

  /**
   * Runs one command on a pact. A pact found past its deadline is first expired in a transaction
   * of its own (that change is kept), and the command then answers 409 PACT_EXPIRED.
   */
  private async runCommand(
    principal: Principal,
    pactId: string,
    actingFor: ActingFor | undefined,
    idempotency: IdempotentRequest | undefined,
    build: CommandBuilder,
    consultationOverride?: string,
  ): Promise<PactDetailDto> {
    await this.throttle.consume(principal.userId);
    const actor = actorOf(principal, actingFor);
    const outcome = await withSerializationRetry(() =>
      this.dataSource.transaction(async (manager): Promise<Outcome> => {
        const pact = await lockVisiblePact(manager, pactId, actor);
        if (idempotency) {
          const replay = await claimOrReplay(manager, idempotency);
          if (replay !== undefined) {
            return { kind: 'done', view: replay as PactDetailDto, pact, certify: null };
          }
        }
        const now = new Date();
        if (isPastRespondBy(pact, now) && EXPIRABLE_STATUSES.includes(pact.status)) {
          return { kind: 'due' };
        }
        if (pact.status === 'expired') {
          throw PactErrors.expired(pact.respondBy);
        }
        const geography = await this.geographyOf(pact);
        const command = await build(
          pact,
          async (legs) => ({
            constituencyRegions: geography.regions,
            otherPacts: await lockSeatsAndLoadOtherPacts(manager, pact.contest, legs, pact.id),
          }),
          actor,
        );
        await this.contests.assertBeforeDeadline(manager, pact, command.type, now);
        const decision = decide(pact, command, actor, now);
        if (!decision.ok) {
          throw PactErrors.rejected(decision);
        }
        if (decision.changed) {
          await savePactChanges(
            manager,
            pact,
            decision.pact,
            principal.userId,
            geography.regions,
            now,
          );
          await consultationsBefore(
            manager,
            this.outbox,
            pact,
            decision,
            consultationOverride,
            now,
            principal,
          );
          await appendAndAnnounce(manager, this.outbox, decision.events, principal);
          // Only a new revision or a new status can leave an open consultation asking about terms
          // that no longer stand; other commands skip the read.
          if (
            decision.pact.status !== pact.status ||
            decision.pact.revision.number !== pact.revision.number
          ) {
            await recordConsultationEvents(
              manager,
              await staleConsultationEvents(manager, decision.pact, now),
            );
          }
          if (decision.pact.status === 'ratified' && pact.status !== 'ratified') {
            // Ratified after nominations were imported: checked at once, like at each import.
            await recordComplianceCheck(manager, this.outbox, decision.pact);
          }
        }
        // The impact (2,000 draws) is added after commit: computing it here would hold the pact's
        // lock for a tenth of a second or more (see withImpact).
        const view = await buildPactView(manager, decision.pact, actor, now, null);
        if (idempotency) {
          await storeResponse(manager, idempotency, 200, view);
        }
        const status = decision.pact.status;
        return {
          kind: 'done',
          view,
          pact: decision.pact,
          certify: decision.changed && isCertified(status) ? status : null,
        };
      }),
    );
    if (outcome.kind === 'due') {
      const respondBy = await this.expirePact(pactId);
      throw PactErrors.expired(respondBy);
    }
    if (outcome.certify) {
      // A ratification or termination is logged and its certificate issued at once, after commit
      // (the log is global). The change has committed either way, so a failure is logged — the
      // periodic checkpoint logs the chain, and the first request for the certificate issues it —
      // rather than reported to the client as a failed command.
      await this.certificates.issue(pactId, outcome.certify).catch((error: unknown) => {
        this.logger.error({ err: error, pactId }, 'certificate after the command failed');
      });
    }
    return withImpact(this.impacts, outcome.view, outcome.pact);
  }

  /** Expires the pact if it is due (the sweep and reads call this); returns its respond-by. */
  async expirePact(pactId: string): Promise<string> {
    return withSerializationRetry(() =>
      this.dataSource.transaction(async (manager) => {
        const pact = await loadPact(manager, pactId, true);
        if (!pact) {
          throw PactErrors.notFound();
        }
        const now = new Date();
        const decision = expireIfDue(pact, now);
        if (decision.ok && decision.changed) {
          await savePactChanges(manager, pact, decision.pact, null, new Map(), now);
          await appendAndAnnounce(manager, this.outbox, decision.events);
        }
        return pact.respondBy;
      }),
    );
  }

  private async geographyOf(pact: Pact): Promise<Geography> {
    const geography = await this.geography.forElection(pact.election);
    if (!geography) {
      throw PactErrors.electionNotFound(pact.election);
    }
    return geography;
  }
}
