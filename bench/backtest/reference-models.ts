// The simple models of the hindcast, recomputed from the parsed results on their own, without the
// engine: the yardstick the engine's models are compared with. Every party is given its actual
// share (nationally over GB, or per region); a party new in the target election is spread evenly;
// shares are clamped at zero and each seat renormalised.
import { type ConstituencyResult, type ElectionResults } from '@pactroom/election-data';

export type ReferenceModel =
  | 'persistence'
  | 'national uniform'
  | 'national proportional'
  | 'regional uniform'
  | 'regional proportional';

export const REFERENCE_MODELS: readonly ReferenceModel[] = [
  'persistence',
  'national uniform',
  'national proportional',
  'regional uniform',
  'regional proportional',
];

const NI = 'northern-ireland';

type Shares = Map<string, number>;

function sharesOf(seats: readonly ConstituencyResult[]): Shares {
  const totals = new Map<string, number>();
  let valid = 0;
  for (const c of seats) {
    valid += c.validVotes;
    for (const [party, n] of Object.entries(c.votes)) {
      totals.set(party, (totals.get(party) ?? 0) + n);
    }
  }
  return new Map([...totals].map(([party, n]) => [party, n / valid]));
}

function winnerOf(shares: Shares): string {
  let best = '';
  let top = -1;
  for (const [party, x] of shares) {
    if (x > top) {
      best = party;
      top = x;
    }
  }
  return best;
}

/** Projected winner per GB seat (ONS code) under a reference model. */
export function referenceWinners(
  from: ElectionResults,
  to: ElectionResults,
  model: ReferenceModel,
): Map<string, string> {
  const gb = from.constituencies.filter((c) => c.region !== NI);
  const after = new Map(to.constituencies.map((c) => [c.onsCode, c]));
  const areaOf = (c: ConstituencyResult) => (model.startsWith('regional') ? c.region : 'gb');
  const areas = new Map<string, ConstituencyResult[]>();
  for (const c of gb) {
    areas.set(areaOf(c), [...(areas.get(areaOf(c)) ?? []), c]);
  }
  const winners = new Map<string, string>();
  for (const seats of areas.values()) {
    const before = sharesOf(seats);
    const target = sharesOf(seats.map((c) => after.get(c.onsCode) ?? c));
    for (const c of seats) {
      const shares: Shares = new Map();
      for (const [party, n] of Object.entries(c.votes)) {
        const x = n / c.validVotes;
        const b = before.get(party) ?? 0;
        const t = target.get(party) ?? 0;
        shares.set(
          party,
          model === 'persistence'
            ? x
            : model.endsWith('uniform')
              ? Math.max(0, x + t - b)
              : b > 0
                ? (x * t) / b
                : x,
        );
      }
      if (model !== 'persistence') {
        for (const [party, t] of target) {
          if (!before.has(party)) {
            shares.set(party, t);
          }
        }
      }
      winners.set(c.onsCode, winnerOf(shares));
    }
  }
  return winners;
}
