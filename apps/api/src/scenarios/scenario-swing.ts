import {
  swingProblems,
  type CompiledBaseline,
  type Scenario,
  type ScenarioProblem,
} from '@pactroom/seat-projection';

/** A scenario's swing as stored and served: the engine contract's `Swing`. */
export interface ScenarioSwing {
  readonly model: 'uniform' | 'proportional';
  readonly basis?: 'gb' | 'uk';
  readonly shares?: Readonly<Record<string, number>>;
  readonly regions?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly proxies?: Readonly<Record<string, string>>;
}

/** The swing the engine's `Scenario` takes. */
export type EngineSwing = NonNullable<Scenario['swing']>;

/**
 * The one place a stored swing becomes the engine's input, so a change of the engine's swing type
 * is met here alone.
 */
export function engineSwing(swing: ScenarioSwing): EngineSwing {
  return { method: swing.model, shares: swing.shares ?? {} };
}

/** Why `swing` cannot be applied to `baseline` (empty when it can). */
export function problemsOf(baseline: CompiledBaseline, swing: ScenarioSwing): ScenarioProblem[] {
  return swingProblems(baseline, engineSwing(swing));
}
