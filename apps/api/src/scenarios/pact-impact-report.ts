import type { PactImpact } from '@pactroom/seat-projection';

/** The scenario an impact was projected on, as the impact names it. */
export interface ImpactScenarioRef {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  readonly asOf: string;
}

/** A seat whose projected winner changes on the central figures (no uncertainty). */
export interface CentralFlip {
  readonly onsCode: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

export const CENTRAL_NOTE =
  'Winner flips on the central figures, without uncertainty: a seat counts whole or not at all. The expected gains (gains, gives, forgoes, net) are the figures to compare.';

/**
 * A pact's impact as every reader gets it (pact detail, certificate, consultation, /impact): the
 * engine's probabilistic impact (seeded draws) plus what it was projected on and, kept apart, the
 * deterministic winner flips.
 */
export interface PactImpactReport extends PactImpact {
  readonly seed: number;
  readonly scenario: ImpactScenarioRef | null;
  /** In words: the scenario with its source and date, or "baseline: GE2024 result". */
  readonly projectedOn: string;
  readonly central: {
    readonly note: string;
    readonly flips: readonly CentralFlip[];
    /** Seats won (+) or lost (−) per party on the central figures; parties with no change left out. */
    readonly seats: Readonly<Record<string, number>>;
  };
  /**
   * MPs of the baseline not nominated again at the contest (from its imported nominations), whose
   * personal vote the projection takes away: how many in all, and the pact's seats among them.
   */
  readonly standingDown: {
    readonly total: number;
    readonly constituencies: readonly { readonly onsCode: string; readonly name: string }[];
  };
}

/** A published scenario as an impact names it (its id, name, source and date; not its swing). */
export function scenarioRef(scenario: ImpactScenarioRef): ImpactScenarioRef {
  return { id: scenario.id, name: scenario.name, source: scenario.source, asOf: scenario.asOf };
}

/** "Polls, November 2026 (YouGov, as of 2026-11-28)" or "baseline: GE2024 result". */
export function projectedOn(scenario: ImpactScenarioRef | null, election: string): string {
  return scenario
    ? `${scenario.name} (${scenario.source}, as of ${scenario.asOf})`
    : `baseline: ${election.toUpperCase()} result`;
}

/** The deterministic winner flips of an impact's seats (each seat once). */
export function centralFlips(impact: PactImpact): PactImpactReport['central'] {
  const flips: CentralFlip[] = [];
  const seen = new Set<string>();
  const seats: Record<string, number> = {};
  for (const s of impact.seats) {
    if (seen.has(s.onsCode) || s.winnerBefore === s.winnerAfter) {
      continue;
    }
    seen.add(s.onsCode);
    flips.push({ onsCode: s.onsCode, name: s.name, from: s.winnerBefore, to: s.winnerAfter });
    seats[s.winnerAfter] = (seats[s.winnerAfter] ?? 0) + 1;
    seats[s.winnerBefore] = (seats[s.winnerBefore] ?? 0) - 1;
  }
  return { note: CENTRAL_NOTE, flips, seats };
}

/** The seats of the impact whose MP stands down (each once), and how many there are in all. */
export function standingDownOf(
  impact: PactImpact,
  leaving: readonly string[],
): PactImpactReport['standingDown'] {
  const wanted = new Set(leaving);
  const constituencies = new Map<string, string>();
  for (const s of impact.seats) {
    if (wanted.has(s.onsCode)) {
      constituencies.set(s.onsCode, s.name);
    }
  }
  return {
    total: wanted.size,
    constituencies: [...constituencies].map(([onsCode, name]) => ({ onsCode, name })),
  };
}
