// The engine's models in the hindcast: the same swing inputs a user would give, built from the
// target election's actual shares, projected deterministically through the public API.
import {
  nationalShares,
  NORTHERN_IRELAND,
  prepareScenario,
  project,
  regionalShares,
  type CompiledBaseline,
  type PreparedScenario,
  type Swing,
} from '@pactroom/seat-projection';

export interface EngineModel {
  readonly name: string;
  /**
   * The swing from `from` to the actual shares of `to`; none for persistence. `leaving`: the seats
   * of `from` whose MP was not nominated at `to` (known before polling day).
   */
  readonly swing: (
    from: CompiledBaseline,
    to: CompiledBaseline,
    leaving?: readonly string[],
  ) => Swing | undefined;
}

/** Proxies for parties new in the target election: the Brexit Party stood where UKIP had. */
const PROXIES: Readonly<Record<string, string>> = { brexit: 'ukip' };

function proxiesFor(from: CompiledBaseline, to: CompiledBaseline): Record<string, string> {
  return Object.fromEntries(
    Object.entries(PROXIES).filter(
      ([party, proxy]) =>
        to.parties.includes(party) && !from.parties.includes(party) && from.parties.includes(proxy),
    ),
  );
}

export const ENGINE_MODELS: readonly EngineModel[] = [
  { name: 'persistence', swing: () => undefined },
  ...(['uniform', 'proportional'] as const).flatMap((model) => [
    {
      name: `national ${model}`,
      swing: (from: CompiledBaseline, to: CompiledBaseline): Swing => ({
        model,
        basis: 'gb',
        shares: nationalShares(to, 'gb'),
        proxies: proxiesFor(from, to),
      }),
    },
    {
      name: `regional ${model}`,
      swing: (from: CompiledBaseline, to: CompiledBaseline): Swing => ({
        model,
        basis: 'gb',
        regions: regionalShares(to, 'gb'),
        proxies: proxiesFor(from, to),
      }),
    },
    {
      name: `regional ${model}, MPs standing down`,
      swing: (
        from: CompiledBaseline,
        to: CompiledBaseline,
        leaving?: readonly string[],
      ): Swing => ({
        model,
        basis: 'gb',
        regions: regionalShares(to, 'gb'),
        proxies: proxiesFor(from, to),
        standingDown: { seats: leaving ?? [] },
      }),
    },
    {
      name: `regional ${model}, without the first-defence bonus`,
      swing: (from: CompiledBaseline, to: CompiledBaseline): Swing => ({
        model,
        basis: 'gb',
        regions: regionalShares(to, 'gb'),
        proxies: proxiesFor(from, to),
        firstDefence: false,
      }),
    },
    {
      name: `regional ${model}, new parties spread evenly`,
      swing: (_from: CompiledBaseline, to: CompiledBaseline): Swing => ({
        model,
        basis: 'gb',
        regions: regionalShares(to, 'gb'),
      }),
    },
  ]),
];

/** A scenario prepared without stand-asides; throws on problems (the inputs are the data's own). */
export function prepared(from: CompiledBaseline, swing: Swing | undefined): PreparedScenario {
  const checked = prepareScenario(from, { standAsides: [], transfers: 'central', swing });
  if (!checked.ok) {
    throw new Error(`invalid swing: ${JSON.stringify(checked.problems)}`);
  }
  return checked.value;
}

/** GB seats whose projected winner is the actual one. */
export function seatsCalled(from: CompiledBaseline, to: CompiledBaseline, swing?: Swing): number {
  const result = project(prepared(from, swing), { include: 'all' });
  const actual = new Map(to.onsCodes.map((code, i) => [code, to.parties[to.winners[i]]]));
  return result.constituencies.filter(
    (c) => c.region !== NORTHERN_IRELAND && actual.get(c.onsCode) === c.winnerAfter,
  ).length;
}
