/** Why a scenario, swing or transfer matrix was refused. Stable strings: the app maps them to 422. */
export type ScenarioProblemCode =
  | 'UNKNOWN_CONSTITUENCY'
  | 'UNKNOWN_PARTY'
  | 'UNKNOWN_TRANSFER_SET'
  | 'INVALID_TRANSFER_SET'
  | 'INVALID_SWING'
  | 'UNKNOWN_REGION'
  | 'DUPLICATE_STAND_ASIDE'
  | 'SELF_BENEFICIARY'
  | 'BENEFICIARY_STANDS_ASIDE'
  | 'INVALID_OPTION';

/** One problem found in an input; `path` points at the offending field (e.g. `standAsides[3]`). */
export interface ScenarioProblem {
  readonly code: ScenarioProblemCode;
  readonly path: string;
  readonly message: string;
}

/** An expected outcome as a value: either the result or the list of problems (never a throw). */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly ScenarioProblem[] };
