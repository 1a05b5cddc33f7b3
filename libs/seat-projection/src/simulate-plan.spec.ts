import { describe, expect, it } from '@jest/globals';
import { loadBaseline } from './fixtures.spec-helper.js';
import { DEFAULT_NOISE, prepareScenario } from './index.js';
import { contenderEnds, simulatePlan } from './simulate-plan.js';

describe('contenderEnds', () => {
  // Slots as (votes, σ) pairs, with no seat-level σₛ; noise between −1 and +1 per unit of σ.
  const ends = (rows: number[][][], seat = { low: 0, high: 0 }) => {
    const rowStart = Int32Array.from([
      0,
      ...rows.map((_, i) => rows.slice(0, i + 1).flat().length),
    ]);
    const slots = rows.flat().map((slot) => (slot.length === 3 ? slot : [...slot, 0]));
    return Array.from(
      contenderEnds(rowStart, Float64Array.from(slots.flat()), { low: -1, high: 1 }, seat),
    );
  };

  it('keeps the slots that can reach slot 0’s floor, ties included', () => {
    // Floor 100 − 10 = 90: (80, 10) reaches 90 and could tie; (50, 5) and (85, 4) cannot.
    expect(
      ends([
        [
          [100, 10],
          [80, 10],
          [50, 5],
          [85, 4],
        ],
      ]),
    ).toEqual([2]);
  });

  it('bounds the seat-level term by its own range, whatever the sign of σₛ', () => {
    // Slot 0: 100 − 0 − 10 = 90. (75, 5, −10) reaches 75 + 5 + 10 = 90 (σₛ negative, z at its
    // low end); (70, 5, 10) only 85.
    const seat = { low: -1, high: 1 };
    expect(
      ends(
        [
          [
            [100, 0, 10],
            [70, 5, 10],
            [75, 5, -10],
          ],
        ],
        seat,
      ),
    ).toEqual([3]);
    expect(
      ends(
        [
          [
            [100, 0, 10],
            [70, 5, 10],
          ],
        ],
        seat,
      ),
    ).toEqual([1]);
  });

  it('ends after the last slot that can, even past one that cannot', () => {
    expect(
      ends([
        [
          [100, 10],
          [60, 5],
          [55, 40],
        ],
        [[70, 20]],
      ]),
    ).toEqual([3, 4]);
  });
});

describe('simulatePlan', () => {
  const prepared = prepareScenario(loadBaseline('ge2017'), {
    standAsides: [],
    transfers: 'central',
  });
  if (!prepared.ok) {
    throw new Error(JSON.stringify(prepared.problems));
  }
  const p = prepared.value;
  const plan = simulatePlan(p, DEFAULT_NOISE);

  it('lists each seat’s entries by baseline votes, largest first', () => {
    for (let seat = 0; seat < p.nSeats; seat++) {
      const base = p.rowStart[seat];
      const rows = Array.from({ length: p.rowStart[seat + 1] - base }, (_, s) => {
        const j = plan.slotIndex[base + s];
        expect(plan.slotParty[base + s]).toBe(p.entryParty[base + j]);
        expect(plan.slotVs[3 * (base + s)]).toBe(p.entryVotes[base + j]);
        return j;
      });
      expect([...rows].sort((a, b) => a - b)).toEqual(rows.map((_, j) => j));
      const votes = rows.map((j) => p.entryVotes[base + j]);
      expect(votes).toEqual([...votes].sort((a, b) => b - a));
    }
  });

  it('draws regional noise only in cells where a party stands', () => {
    const standing = new Set<number>();
    for (let seat = 0; seat < p.nSeats; seat++) {
      for (let e = p.rowStart[seat]; e < p.rowStart[seat + 1]; e++) {
        standing.add(plan.seatRegion[seat] * p.nParties + p.entryParty[e]);
      }
    }
    expect(Array.from(plan.cells)).toEqual([...standing].sort((a, b) => a - b));
    expect(Array.from(plan.cellParty)).toEqual(Array.from(plan.cells, (c) => c % p.nParties));
    expect(plan.cells.length).toBeLessThan(plan.nRegions * p.nParties);
  });
});
