/** A seat centre in unit coordinates: the outer row has radius 1, the hemicycle's centre is the origin. */
export interface SeatPosition {
  row: number;
  radius: number;
  /** Radians, π at the far left, 0 at the far right. */
  angle: number;
  x: number;
  y: number;
}

/** Where every seat of a parliament goes, in arc order (left to right). */
export interface HemicycleLayout {
  rows: number;
  /** Seat circle radius in the same unit coordinates. */
  seatRadius: number;
  seats: SeatPosition[];
}

/** Thrown for a programming error in a hemicycle's input: bad seat counts or mismatched totals. */
export class HemicycleError extends Error {
  override name = 'HemicycleError';
}

/** The largest parliament {@link hemicycleLayout} lays out; it bounds the row search. */
export const MAX_HEMICYCLE_SEATS = 10_000;

// Inner row radius as a fraction of the outer: the conventional empty well in the middle.
const INNER = 0.4;

function rowRadii(rows: number): number[] {
  return rows === 1
    ? [1]
    : Array.from({ length: rows }, (_, i) => INNER + ((1 - INNER) * i) / (rows - 1));
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/**
 * Lays out `total` seats in concentric semicircular rows. Rows are a fixed pitch apart and each row
 * holds at most as many seats as fit a pitch apart along its arc, so seats (0.8 pitch across) never
 * touch; the fewest rows that hold everyone are used, and seats are shared between rows in
 * proportion to their radius so the density looks even. Seats come back sorted by angle, left to
 * right, so handing them out in order gives each party a wedge.
 *
 * @throws {HemicycleError} if `total` is not an integer from 1 to {@link MAX_HEMICYCLE_SEATS}.
 */
export function hemicycleLayout(total: number): HemicycleLayout {
  if (!Number.isInteger(total) || total < 1 || total > MAX_HEMICYCLE_SEATS) {
    throw new HemicycleError(`A hemicycle needs 1 to ${MAX_HEMICYCLE_SEATS} seats, not ${total}`);
  }
  let rows = 0;
  let radii: number[] = [];
  let pitch = 0;
  let caps: number[] = [];
  do {
    rows += 1;
    radii = rowRadii(rows);
    pitch = rows === 1 ? 1 - INNER : (1 - INNER) / (rows - 1);
    // n seats span n − 1 gaps of at least one pitch along the half-circumference π·r.
    caps = radii.map((r) => Math.floor((Math.PI * r) / pitch) + 1);
  } while (sum(caps) < total);

  const radiusSum = sum(radii);
  const share = radii.map((r) => (total * r) / radiusSum);
  const counts = share.map((s, i) => Math.min(caps[i], Math.floor(s)));
  for (let left = total - sum(counts); left > 0; left -= 1) {
    // Largest remainder among rows with room; outer rows win ties as they have the most slack.
    let best = -1;
    for (let i = rows - 1; i >= 0; i -= 1) {
      if (counts[i] < caps[i] && (best < 0 || share[i] - counts[i] > share[best] - counts[best])) {
        best = i;
      }
    }
    counts[best] += 1;
  }

  const seats: SeatPosition[] = [];
  counts.forEach((n, row) => {
    const radius = radii[row];
    for (let j = 0; j < n; j += 1) {
      const angle = n === 1 ? Math.PI / 2 : Math.PI * (1 - j / (n - 1));
      seats.push({ row, radius, angle, x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    }
  });
  // Ties (the end seats of every row) go inner row first, so the order is total and repeatable.
  seats.sort((a, b) => b.angle - a.angle || a.radius - b.radius);
  return { rows, seatRadius: 0.4 * pitch, seats };
}
