import type { ActingFor, Commitment, StandAside, Terms } from '@pactroom/negotiation';

// What each pact use case takes, as plain data: the API's DTOs satisfy these (class-validator has
// checked them), and so will the web pages' form parsers — one shape per command, no framework.

/** Terms as a request gives them: commitments may be left out. */
export interface TermsInput {
  readonly standAsides: readonly StandAside[];
  readonly commitments?: readonly Commitment[];
}

/** `createPact`: a draft, or with `propose` a proposal signed by the author's local party. */
export interface CreatePactInput {
  readonly title: string;
  /** The contest it is for; required unless `election` (the alias) is given. */
  readonly contest?: string;
  /** Baseline result set (default: the contest's). */
  readonly election?: string;
  readonly localParties: readonly string[];
  readonly terms: TermsInput;
  readonly respondBy: string;
  readonly propose?: boolean;
  readonly actingFor?: string;
}

/** Which of the caller's grants a command acts for, when they hold several that could. */
export interface ActingForInput {
  readonly actingFor?: ActingFor;
}

/** `counterPact`: new terms on top of `baseRevision`. */
export interface CounterInput extends ActingForInput {
  readonly baseRevision: number;
  readonly terms: TermsInput;
  /** A new respond-by, if the counter moves it. */
  readonly respondBy?: string;
}

/** `signPact`, `approvePact`: the exact revision accepted (`signPact`: `actingFor` may list several local parties). */
export interface RevisionInput extends ActingForInput {
  readonly revision: number;
  readonly hash: string;
}

/** `approvePact`: the revision, and why when approving against a failed members' consultation. */
export interface ApproveInput extends RevisionInput {
  readonly consultationOverride?: string;
}

/** `declinePact`, `withdrawPact`, `rejectPact`, `terminatePact`. */
export interface ReasonInput extends ActingForInput {
  readonly reason: string;
}

/** Terms with their optional parts filled in: the one place a request's terms are normalised. */
export function normaliseTerms(input: TermsInput): Terms {
  return { standAsides: [...input.standAsides], commitments: [...(input.commitments ?? [])] };
}
