import { type SwapSuggestion } from './suggest-swaps.js';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Best first: Nash product, then combined gain, then the seats' codes (a total order). */
function better(s: SwapSuggestion, t: SwapSuggestion): number {
  return (
    t.score - s.score ||
    t.combined - s.combined ||
    compare(s.legs[0].onsCode, t.legs[0].onsCode) ||
    compare(s.legs[1].onsCode, t.legs[1].onsCode) ||
    compare(s.parties.join(), t.parties.join())
  );
}

/**
 * Greedy maximal matching: take the best remaining swap, strike both its seats from every other
 * candidate, repeat until `limit` swaps or none is left. Between two parties "best" is the swap
 * that most raises the Nash product of the *set's* totals, (A + a)(B + b): the first pick is the
 * swap best for both sides, and after it the side behind is favoured, so the set stays balanced as
 * a whole and not only swap by swap. With more parties each swap's own Nash product decides.
 */
export function chooseSet(all: SwapSuggestion[], limit: number): SwapSuggestion[] {
  all.sort(better);
  const parties = new Set(all.flatMap((s) => s.parties));
  if (parties.size !== 2) {
    return pickInOrder(all, limit);
  }
  const [a, b] = [...parties];
  const used = new Set<string>();
  const chosen: SwapSuggestion[] = [];
  let totalA = 0;
  let totalB = 0;
  while (chosen.length < limit) {
    let best: SwapSuggestion | undefined;
    let bestProduct = -Infinity;
    // `all` is in `better` order, so a tie keeps the better swap by the per-swap rule.
    for (const swap of all) {
      const [s, t] = swap.legs;
      if (used.has(s.onsCode) || used.has(t.onsCode)) {
        continue;
      }
      const product = (totalA + (swap.gains[a] ?? 0)) * (totalB + (swap.gains[b] ?? 0));
      if (product > bestProduct) {
        best = swap;
        bestProduct = product;
      }
    }
    if (!best) {
      break;
    }
    used.add(best.legs[0].onsCode);
    used.add(best.legs[1].onsCode);
    totalA += best.gains[a] ?? 0;
    totalB += best.gains[b] ?? 0;
    chosen.push(best);
  }
  return chosen;
}

/** Takes swaps in the given order, skipping any that reuses a seat already taken. */
function pickInOrder(all: readonly SwapSuggestion[], limit: number): SwapSuggestion[] {
  const used = new Set<string>();
  const chosen: SwapSuggestion[] = [];
  for (const swap of all) {
    if (chosen.length >= limit) {
      break;
    }
    const [s, t] = swap.legs;
    if (!used.has(s.onsCode) && !used.has(t.onsCode)) {
      used.add(s.onsCode);
      used.add(t.onsCode);
      chosen.push(swap);
    }
  }
  return chosen;
}
