import { describe, expect, it } from '@jest/globals';
import { PARTIES } from '@pactroom/election-data';
import fc from 'fast-check';
import {
  HemicycleError,
  hemicycleLayout,
  renderHemicycle,
  UNKNOWN_COLOUR,
  type HemicycleInput,
} from './index.js';

const GE2017: Record<string, number> = {
  con: 317,
  lab: 262,
  snp: 35,
  ld: 12,
  dup: 10,
  sf: 7,
  pc: 4,
  green: 1,
  speaker: 1,
  ind: 1,
};
const AFTER = { ...GE2017, con: 316, lab: 263 };
const colours = Object.fromEntries(PARTIES.map((p) => [p.code, p.colour]));
const partyNames = Object.fromEntries(PARTIES.map((p) => [p.code, p.name]));
const input: HemicycleInput = {
  title: 'GE2017',
  charts: [
    { label: 'before', seats: GE2017 },
    { label: 'after', seats: AFTER },
  ],
  colours,
  partyNames,
  order: ['sf', 'snp', 'pc', 'lab', 'green', 'ld', 'ind', 'speaker', 'con', 'dup'],
};

interface Seat {
  party: string;
  fill: string;
  cx: number;
  cy: number;
  r: number;
}

function unescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Seats per chart label, read back from the SVG text the way a browser-free e2e test would. */
function parse(svg: string): Map<string, Seat[]> {
  const charts = new Map<string, Seat[]>();
  for (const part of svg.split('<g class="chart" data-label="').slice(1)) {
    const label = unescape(part.slice(0, part.indexOf('"')));
    const seats = [...part.matchAll(/<circle class="seat" ([^>]*)\/>/g)].map(([, attrs]) => {
      const get = (name: string) =>
        unescape(new RegExp(` ?${name}="([^"]*)"`).exec(attrs)?.[1] ?? '');
      const at = (name: string) => Number(get(name));
      return {
        party: get('data-party'),
        fill: get('fill'),
        cx: at('cx'),
        cy: at('cy'),
        r: at('r'),
      };
    });
    charts.set(label, seats);
  }
  return charts;
}

function tally(seats: readonly Seat[], key: (s: Seat) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of seats) {
    counts[key(s)] = (counts[key(s)] ?? 0) + 1;
  }
  return counts;
}

function positive(seats: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(seats).filter(([, n]) => n > 0));
}

function viewBox(svg: string): number[] {
  return (/viewBox="([^"]*)"/.exec(svg)?.[1] ?? '').split(' ').map(Number);
}

function closestPair(seats: readonly { x: number; y: number }[]): number {
  let min = Infinity;
  for (let i = 0; i < seats.length; i += 1) {
    for (let j = i + 1; j < seats.length; j += 1) {
      min = Math.min(min, Math.hypot(seats[i].x - seats[j].x, seats[i].y - seats[j].y));
    }
  }
  return min;
}

/** Seat counts for `parties` parties summing to `total`, from sorted cut points. */
const distribution = (total: number) =>
  fc.array(fc.integer({ min: 0, max: total }), { minLength: 0, maxLength: 11 }).map((cuts) => {
    const edges = [0, ...cuts.sort((a, b) => a - b), total];
    return Object.fromEntries(edges.slice(1).map((e, i) => [`p${i}`, e - edges[i]]));
  });

describe('hemicycle SVG', () => {
  const svg = renderHemicycle(input);
  const charts = parse(svg);

  it('draws one circle per seat, per party and per colour, in each chart', () => {
    expect([...charts.keys()]).toEqual(['before', 'after']);
    for (const [label, seats] of [
      ['before', GE2017],
      ['after', AFTER],
    ] as const) {
      const drawn = charts.get(label) ?? [];
      expect(drawn).toHaveLength(650);
      expect(tally(drawn, (s) => s.party)).toEqual(seats);
      const byColour: Record<string, number> = {};
      for (const [party, n] of Object.entries(seats)) {
        byColour[colours[party]] = (byColour[colours[party]] ?? 0) + n;
      }
      expect(tally(drawn, (s) => s.fill)).toEqual(byColour);
    }
  });

  it('keeps seats apart and inside the viewBox', () => {
    const [x0, y0, width, height] = viewBox(svg);
    for (const seats of charts.values()) {
      const r = seats[0].r;
      expect(closestPair(seats.map((s) => ({ x: s.cx, y: s.cy })))).toBeGreaterThan(2 * r - 0.05);
      for (const s of seats) {
        expect(s.cx - s.r).toBeGreaterThanOrEqual(x0);
        expect(s.cy - s.r).toBeGreaterThanOrEqual(y0);
        expect(s.cx + s.r).toBeLessThanOrEqual(x0 + width);
        expect(s.cy + s.r).toBeLessThanOrEqual(y0 + height);
      }
    }
  });

  it('hands out seats in arc order, so parties follow the given order as wedges', () => {
    const runs = (charts.get('before') ?? [])
      .map((s) => s.party)
      .filter((p, i, all) => p !== all[i - 1]);
    expect(runs).toEqual(input.order);
    // The arc runs anticlockwise from the left: the first seat is on the left, the last on the right.
    const before = charts.get('before') ?? [];
    expect(before[0].cx).toBeLessThan(before[before.length - 1].cx);
  });

  it('is deterministic', () => {
    expect(renderHemicycle(input)).toBe(svg);
    expect(renderHemicycle(structuredClone(input))).toBe(svg);
  });

  it('labels the majority, the totals and the changes', () => {
    expect(svg).toMatch(/^<\?xml [^>]*\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox=/);
    expect(svg).toContain('326 for a majority');
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/aria-label="[^"]*Conservative 317[^"]*Conservative 316[^"]*326 seats/);
    expect(svg).toContain('<title>GE2017</title>');
    expect(svg).toContain('<line class="majority"');
    const after = svg.slice(svg.indexOf('data-label="after"'));
    expect(after).toMatch(/data-party="lab">.*>263<.*>\+1</);
    expect(after).toMatch(/data-party="con">.*>316<.*>−1</);
    expect(after).toMatch(/data-party="snp">.*>35<.*>±0</);
    expect(renderHemicycle({ ...input, majority: 300 })).toContain('300 for a majority');
  });

  it('escapes XML in names, labels, codes and colours', () => {
    const nasty = `A&B <"x'>`;
    const out = renderHemicycle({
      title: nasty,
      charts: [{ label: nasty, seats: { [nasty]: 2, b: 1 } }],
      colours: { [nasty]: '#000"/><script/>' },
      partyNames: { b: `${nasty}\u0001` },
    });
    expect(out).toContain('A&amp;B &lt;&quot;x&apos;&gt;');
    expect(out).not.toContain(nasty);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('\u0001');
    expect(out.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toMatch(/[&]/);
    expect(tally(parse(out).get(nasty) ?? [], (s) => s.party)).toEqual({ [nasty]: 2, b: 1 });
  });

  it('greys parties without a colour and outlines every seat', () => {
    const out = renderHemicycle({
      charts: [{ label: 'x', seats: { speaker: 1, mystery: 2 } }],
      colours,
    });
    expect(tally(parse(out).get('x') ?? [], (s) => s.fill)).toEqual({
      '#FFFFFF': 1,
      [UNKNOWN_COLOUR]: 2,
    });
    expect(out).toMatch(/<g class="seats" stroke="#888888" stroke-width="0.6">/);
  });

  it('throws HemicycleError for charts that cannot be drawn', () => {
    const chart = (seats: Record<string, number>) => ({ charts: [{ label: 'a', seats }], colours });
    const two = {
      charts: [
        { label: 'a', seats: { a: 3 } },
        { label: 'b', seats: { a: 4 } },
      ],
      colours,
    };
    expect(() => renderHemicycle(two)).toThrow(HemicycleError);
    expect(() => renderHemicycle({ charts: [], colours })).toThrow(HemicycleError);
    expect(() => renderHemicycle(chart({ a: -1, b: 2 }))).toThrow(HemicycleError);
    expect(() => renderHemicycle(chart({ a: 1.5 }))).toThrow(HemicycleError);
    expect(() => renderHemicycle(chart({ a: 0 }))).toThrow(HemicycleError);
  });
});

describe('hemicycle properties', () => {
  it('draws exactly the input seats per party, for any split of 7, 100 or 650 seats', () => {
    const arbitrary = fc
      .constantFrom(7, 100, 650)
      .chain((total) => fc.tuple(distribution(total), distribution(total)));
    fc.assert(
      fc.property(arbitrary, ([before, after]) => {
        const out = parse(
          renderHemicycle({
            charts: [
              { label: 'before', seats: before },
              { label: 'after', seats: after },
            ],
            colours: {},
          }),
        );
        expect(tally(out.get('before') ?? [], (s) => s.party)).toEqual(positive(before));
        expect(tally(out.get('after') ?? [], (s) => s.party)).toEqual(positive(after));
      }),
      { numRuns: 60 },
    );
  });

  it('lays out any size of parliament without overlaps, inside the unit half-disc', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 700 }), (total) => {
        const { seats, seatRadius } = hemicycleLayout(total);
        expect(seats).toHaveLength(total);
        expect(closestPair(seats)).toBeGreaterThan(2 * seatRadius);
        for (const s of seats) {
          expect(Math.hypot(s.x, s.y)).toBeLessThanOrEqual(1 + 1e-9);
          expect(s.y).toBeGreaterThanOrEqual(-1e-9);
        }
        seats.slice(1).forEach((s, i) => expect(s.angle).toBeLessThanOrEqual(seats[i].angle));
      }),
      { numRuns: 25 },
    );
  });
});
