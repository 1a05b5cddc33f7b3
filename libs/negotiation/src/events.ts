import { type ApprovalSlot, type Participant, type Terms } from './model.js';
import { type PactStatus } from './states.js';

/**
 * Audit event names, one per accepted change (so the chain has exactly one event per change; a
 * `sign` for several local parties is one change per local party, so one `pact.signed` each).
 * A status change that a command completes is not a separate event: every payload carries `from`
 * and `to`, so the last signature is `pact.signed` with `to: 'signed'` and the last approval is
 * `pact.approved` with `to: 'ratified'`.
 */
export type PactEventAction =
  | 'pact.drafted'
  | 'pact.proposed'
  | 'pact.countered'
  | 'pact.signed'
  | 'pact.approved'
  | 'pact.rejected'
  | 'pact.declined'
  | 'pact.withdrawn'
  | 'pact.expired'
  | 'pact.terminated'
  | 'pact.compliance_checked'
  | 'pact.consultation_opened'
  | 'pact.consultation_closed'
  | 'pact.consultation_voided'
  | 'pact.consultation_overridden';

/**
 * Who did it and in which capacity, shaped like audit-chain's `AuditActor` (every member present,
 * `null` when not applicable). Officers carry `localPartyId` and `party`; a national HQ acting for a
 * local party carries that `localPartyId`, its `party` and its own `region` (`null`: the whole
 * party); coordinators `party` and `region`; the expiry (a fact of the clock, whoever's request noticed it) is `system` with no user.
 */
export interface EventActor {
  readonly userId: string | null;
  readonly role: 'officer' | 'national' | 'coordinator' | 'system';
  readonly localPartyId: string | null;
  readonly party: string | null;
  readonly region: string | null;
}

/** The status before and after; `from` is `null` only for `pact.drafted`. */
export interface StatusChange {
  readonly from: PactStatus | null;
  readonly to: PactStatus;
}

/** `pact.drafted`: everything needed to rebuild the pact from the audit trail alone. */
export interface DraftedPayload extends StatusChange {
  readonly title: string;
  readonly election: string;
  /** Absent on events written before contests existed (the pact's contest then follows its election). */
  readonly contest?: string;
  readonly authorLocalPartyId: string;
  readonly participants: readonly Participant[];
  readonly revision: { readonly number: number; readonly hash: string; readonly terms: Terms };
  readonly requiredApprovals: readonly ApprovalSlot[];
  readonly respondBy: string;
}

/** `pact.proposed`, `pact.signed`, `pact.approved`: the exact revision accepted. */
export interface RevisionPayload extends StatusChange {
  readonly revision: number;
  readonly hash: string;
}

/** `pact.countered`: the new revision in full (it is also the counterer's signature). */
export interface CounteredPayload extends StatusChange {
  readonly baseRevision: number;
  readonly revision: number;
  readonly hash: string;
  readonly terms: Terms;
  readonly requiredApprovals: readonly ApprovalSlot[];
  /** The new respond-by, when the counter moved it. */
  readonly respondBy?: string;
}

/** `pact.declined`, `pact.withdrawn`, `pact.rejected`, `pact.terminated`. */
export interface ReasonPayload extends StatusChange {
  readonly reason: string | null;
}

/** `pact.expired`. */
export interface ExpiredPayload extends StatusChange {
  readonly respondBy: string;
}

/**
 * `pact.compliance_checked`: after a statement of persons nominated was imported, whether each
 * stand-aside of the ratified pact was kept (the party fielded no candidate there), breached, or
 * unknown (no nominations known for the seat), and whether the beneficiary stood. The status does
 * not change (`from` = `to`); recorded by the platform (`system`) only when the result changed.
 */
export interface ComplianceCheckedPayload extends StatusChange {
  readonly contest: string;
  /** The candidate import that prompted the check. */
  readonly importId: string;
  readonly summary: {
    readonly total: number;
    readonly kept: number;
    readonly breached: number;
    readonly unknown: number;
  };
  readonly standAsides: readonly {
    readonly party: string;
    readonly constituency: string;
    readonly beneficiary: string;
    readonly status: 'kept' | 'breached' | 'unknown';
    readonly beneficiaryStood: boolean | null;
    readonly breachingCandidates: readonly string[];
  }[];
}

/** `pact.consultation_opened`: a coordinator asks their members about one revision. */
export interface ConsultationOpenedPayload extends StatusChange {
  readonly consultationId: string;
  readonly revision: number;
  readonly revisionHash: string;
  readonly party: string;
  readonly region: string;
  readonly scope: 'local-parties' | 'region';
  readonly localPartyIds: readonly string[];
  readonly secret: boolean;
  readonly quorum: number;
  readonly threshold: number;
  readonly electorate: number;
  readonly closesAt: string;
}

/** The counts and verdict of a closed consultation (no names: the chain is widely readable). */
export interface ConsultationOutcome {
  readonly electorate: number;
  readonly voters: number;
  readonly agree: number;
  readonly abstain: number;
  readonly disagree: number;
  readonly block: number;
  readonly cast: number;
  readonly turnout: number;
  readonly agreeShare: number;
  readonly quorum: number;
  readonly threshold: number;
  readonly quorumMet: boolean;
  readonly thresholdMet: boolean;
  readonly blocked: boolean;
  readonly passed: boolean;
}

/** `pact.consultation_closed`: at its closing time (system) or early by its opener. */
export interface ConsultationClosedPayload extends StatusChange {
  readonly consultationId: string;
  readonly revision: number;
  readonly party: string;
  readonly region: string;
  readonly closedEarly: boolean;
  readonly outcome: ConsultationOutcome;
}

/** `pact.consultation_voided`: the terms it asked about changed, or the pact ended unratified. */
export interface ConsultationVoidedPayload extends StatusChange {
  readonly consultationId: string;
  readonly revision: number;
  readonly party: string;
  readonly region: string;
  readonly why: string;
}

/** `pact.consultation_overridden`: a coordinator approves against a failed consultation, saying why. */
export interface ConsultationOverriddenPayload extends StatusChange {
  readonly consultationId: string;
  readonly revision: number;
  readonly party: string;
  readonly region: string;
  readonly passed: boolean;
  readonly blocked: boolean;
  readonly reason: string;
}

/** The payload type of each event name. */
export interface PactEventPayloads {
  'pact.drafted': DraftedPayload;
  'pact.proposed': RevisionPayload;
  'pact.countered': CounteredPayload;
  'pact.signed': RevisionPayload;
  'pact.approved': RevisionPayload;
  'pact.rejected': ReasonPayload;
  'pact.declined': ReasonPayload;
  'pact.withdrawn': ReasonPayload;
  'pact.expired': ExpiredPayload;
  'pact.terminated': ReasonPayload;
  'pact.compliance_checked': ComplianceCheckedPayload;
  'pact.consultation_opened': ConsultationOpenedPayload;
  'pact.consultation_closed': ConsultationClosedPayload;
  'pact.consultation_voided': ConsultationVoidedPayload;
  'pact.consultation_overridden': ConsultationOverriddenPayload;
}

/**
 * One audit event as `decide` produces it: the content fields of audit-chain's
 * `AuditEventContent`, ready for `appendEvent`. Discriminated by `action`.
 */
export type PactEvent = {
  [A in PactEventAction]: {
    readonly pactId: string;
    readonly action: A;
    readonly actor: EventActor;
    /** ISO 8601, the `now` passed to `decide`. */
    readonly occurredAt: string;
    readonly payload: PactEventPayloads[A];
  };
}[PactEventAction];
