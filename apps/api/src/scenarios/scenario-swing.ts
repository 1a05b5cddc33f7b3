import {
  swingProblems,
  type CompiledBaseline,
  type Scenario,
  type ScenarioProblem,
  type Swing,
} from '@pactroom/seat-projection';

/** A scenario's swing as stored and served: the engine's `Swing` (model, basis, shares, regions, proxies). */
export type ScenarioSwing = Swing;

/** The swing the engine's `Scenario` takes. */
export type EngineSwing = NonNullable<Scenario['swing']>;

/**
 * The one place a stored swing becomes the engine's input, so a change of the engine's swing type
 * is met here alone (today the stored form is the engine's own).
 */
export function engineSwing(swing: ScenarioSwing): EngineSwing {
  return swing;
}

/** Why `swing` cannot be applied to `baseline` (empty when it can). */
export function problemsOf(baseline: CompiledBaseline, swing: ScenarioSwing): ScenarioProblem[] {
  return swingProblems(baseline, engineSwing(swing));
}
